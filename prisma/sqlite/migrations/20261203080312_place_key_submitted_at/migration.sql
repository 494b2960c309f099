-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CasePlaceKey" (
    "caseId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL,

    PRIMARY KEY ("caseId", "key"),
    CONSTRAINT "CasePlaceKey_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Each key takes its case's submittedAt.
INSERT INTO "new_CasePlaceKey" ("caseId", "key", "submittedAt")
SELECT k."caseId", k."key", c."submittedAt" FROM "CasePlaceKey" k JOIN "Case" c ON c."id" = k."caseId";
DROP TABLE "CasePlaceKey";
ALTER TABLE "new_CasePlaceKey" RENAME TO "CasePlaceKey";
CREATE INDEX "CasePlaceKey_key_caseId_idx" ON "CasePlaceKey"("key", "caseId");
CREATE INDEX "CasePlaceKey_key_submittedAt_caseId_idx" ON "CasePlaceKey"("key", "submittedAt", "caseId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

