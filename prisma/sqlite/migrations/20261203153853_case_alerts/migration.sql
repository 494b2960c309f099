-- The alert history and the next alert time move from "Case" to "CaseAlert", one row per case,
-- so that a deadline round writes that narrow table, not a row and the indexes of "Case". The
-- columns are dropped in place (SQLite 3.35+), not by redefining "Case" as the generated
-- migration did: that would copy every case and drop the triggers of the case counts and the
-- hot spots. bench/seed.ts writes the same rows in its load.

-- CreateTable
CREATE TABLE "CaseAlert" (
    "caseId" TEXT NOT NULL PRIMARY KEY,
    "lastReminderAt" DATETIME,
    "lastEscalationAt" DATETIME,
    "nextAlertAt" DATETIME,
    CONSTRAINT "CaseAlert_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- The rows stored before, in the order of the primary key (a table built in order).
INSERT INTO "CaseAlert" ("caseId", "lastReminderAt", "lastEscalationAt", "nextAlertAt")
SELECT "id", "lastReminderAt", "lastEscalationAt", "nextAlertAt" FROM "Case" ORDER BY "id";

-- CreateIndex
CREATE INDEX "CaseAlert_nextAlertAt_caseId_idx" ON "CaseAlert"("nextAlertAt", "caseId");

-- DropIndex
DROP INDEX "Case_nextAlertAt_id_idx";

-- AlterTable
ALTER TABLE "Case" DROP COLUMN "lastReminderAt";
ALTER TABLE "Case" DROP COLUMN "lastEscalationAt";
ALTER TABLE "Case" DROP COLUMN "nextAlertAt";
