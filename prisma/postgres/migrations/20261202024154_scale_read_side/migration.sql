-- DropIndex
DROP INDEX "Case_status_submittedAt_idx";

-- DropIndex
DROP INDEX "Case_citizenId_idx";

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "nextAlertAt" TIMESTAMP(3),
ADD COLUMN     "runningDueAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "CaseSearch" (
    "id" SERIAL NOT NULL,
    "caseId" TEXT NOT NULL,
    "terms" TEXT NOT NULL,

    CONSTRAINT "CaseSearch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CaseSearch_caseId_key" ON "CaseSearch"("caseId");

-- CreateIndex
CREATE INDEX "Case_submittedAt_id_idx" ON "Case"("submittedAt", "id");

-- CreateIndex
CREATE INDEX "Case_status_submittedAt_id_idx" ON "Case"("status", "submittedAt", "id");

-- CreateIndex
CREATE INDEX "Case_regionCode_submittedAt_id_idx" ON "Case"("regionCode", "submittedAt", "id");

-- CreateIndex
CREATE INDEX "Case_categoryCode_submittedAt_id_idx" ON "Case"("categoryCode", "submittedAt", "id");

-- CreateIndex
CREATE INDEX "Case_unitId_submittedAt_id_idx" ON "Case"("unitId", "submittedAt", "id");

-- CreateIndex
CREATE INDEX "Case_citizenId_submittedAt_idx" ON "Case"("citizenId", "submittedAt");

-- CreateIndex
CREATE INDEX "Case_runningDueAt_idx" ON "Case"("runningDueAt");

-- CreateIndex
CREATE INDEX "Case_nextAlertAt_idx" ON "Case"("nextAlertAt");

-- AddForeignKey
ALTER TABLE "CaseSearch" ADD CONSTRAINT "CaseSearch_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Written by hand (Prisma cannot express these) ------------------------------------------------

-- The text search: a GIN index on the tsvector of CaseSearch.terms (character bigrams, computed
-- by the application, the 'simple' configuration keeps each bigram as it is).
CREATE INDEX "CaseSearch_terms_idx" ON "CaseSearch" USING gin (to_tsvector('simple'::regconfig, "terms"));

-- Existing cases: the deadline each runs against (runningClock in
-- src/domain/lifecycle/reminders.ts), their latest alerts, and an alert check at the next round,
-- which computes each case's real next alert time. Their search terms are written by the
-- service after its start (src/storage/case-search.ts).
UPDATE "Case" SET "runningDueAt" = CASE
    WHEN "status" = 'submitted' THEN "acceptanceDueAt"
    WHEN "status" IN ('accepted', 'returned', 'assigned', 'in_progress') THEN "handlingDueAt"
    WHEN "status" = 'under_review' THEN "reviewDueAt"
END;
UPDATE "Case" SET
    "lastReminderAt" = (SELECT MAX("at") FROM "TimelineEntry" AS t WHERE t."caseId" = "Case"."id" AND t."kind" = 'reminded'),
    "lastEscalationAt" = (SELECT MAX("at") FROM "TimelineEntry" AS t WHERE t."caseId" = "Case"."id" AND t."kind" = 'escalated');
UPDATE "Case" SET "nextAlertAt" = "submittedAt" WHERE "runningDueAt" IS NOT NULL;
