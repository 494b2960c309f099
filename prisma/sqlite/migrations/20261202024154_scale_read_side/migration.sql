-- DropIndex
DROP INDEX "Case_status_submittedAt_idx";

-- DropIndex
DROP INDEX "Case_citizenId_idx";

-- AlterTable
ALTER TABLE "Case" ADD COLUMN "nextAlertAt" DATETIME;
ALTER TABLE "Case" ADD COLUMN "runningDueAt" DATETIME;

-- CreateTable
CREATE TABLE "CaseSearch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseId" TEXT NOT NULL,
    "terms" TEXT NOT NULL,
    CONSTRAINT "CaseSearch_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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


-- Written by hand (Prisma cannot express these) ------------------------------------------------

-- The text search: an FTS5 index over CaseSearch.terms (character bigrams, computed by the
-- application), kept in step with CaseSearch by triggers. External content: the terms are
-- stored once, in CaseSearch, CaseSearch.id (INTEGER PRIMARY KEY) is the index's stable rowid.
CREATE VIRTUAL TABLE "CaseSearchIndex" USING fts5(
    "terms",
    content = 'CaseSearch',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TRIGGER "CaseSearch_after_insert" AFTER INSERT ON "CaseSearch" BEGIN
    INSERT INTO "CaseSearchIndex" (rowid, "terms") VALUES (new."id", new."terms");
END;

CREATE TRIGGER "CaseSearch_after_delete" AFTER DELETE ON "CaseSearch" BEGIN
    INSERT INTO "CaseSearchIndex" ("CaseSearchIndex", rowid, "terms") VALUES ('delete', old."id", old."terms");
END;

CREATE TRIGGER "CaseSearch_after_update" AFTER UPDATE ON "CaseSearch" BEGIN
    INSERT INTO "CaseSearchIndex" ("CaseSearchIndex", rowid, "terms") VALUES ('delete', old."id", old."terms");
    INSERT INTO "CaseSearchIndex" (rowid, "terms") VALUES (new."id", new."terms");
END;

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
