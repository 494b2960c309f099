-- The alert history and the next alert time move from "Case" to "CaseAlert", one row per case,
-- so that a deadline round writes that narrow table and its two indexes: an update of "Case"
-- changing an indexed column ("nextAlertAt" was one), or finding its page full (the seeded
-- pages are), writes an entry into every index of "Case", 17 of them. bench/seed.ts writes the
-- same rows in its load.

-- CreateTable
CREATE TABLE "CaseAlert" (
    "caseId" TEXT NOT NULL,
    "lastReminderAt" TIMESTAMP(3),
    "lastEscalationAt" TIMESTAMP(3),
    "nextAlertAt" TIMESTAMP(3),

    CONSTRAINT "CaseAlert_pkey" PRIMARY KEY ("caseId")
);

-- The rows stored before, loaded before the secondary index and the foreign key are built.
INSERT INTO "CaseAlert" ("caseId", "lastReminderAt", "lastEscalationAt", "nextAlertAt")
SELECT "id", "lastReminderAt", "lastEscalationAt", "nextAlertAt" FROM "Case";

-- CreateIndex
CREATE INDEX "CaseAlert_nextAlertAt_caseId_idx" ON "CaseAlert"("nextAlertAt", "caseId");

-- AddForeignKey
ALTER TABLE "CaseAlert" ADD CONSTRAINT "CaseAlert_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- DropIndex
DROP INDEX "Case_nextAlertAt_id_idx";

-- AlterTable
ALTER TABLE "Case" DROP COLUMN "lastEscalationAt",
DROP COLUMN "lastReminderAt",
DROP COLUMN "nextAlertAt";
