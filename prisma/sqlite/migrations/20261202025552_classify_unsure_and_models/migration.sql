-- CreateTable
CREATE TABLE "ClassifierModel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL,
    "trainingKey" TEXT NOT NULL,
    "corpusItems" INTEGER NOT NULL,
    "learnedItems" INTEGER NOT NULL,
    "learnedUntil" DATETIME,
    "figures" JSONB NOT NULL,
    "verdict" TEXT NOT NULL,
    "artifact" BLOB NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RoutingSuggestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "categoryCode" TEXT NOT NULL,
    "regionCode" TEXT,
    "unitId" TEXT NOT NULL,
    "confidence" REAL NOT NULL,
    "method" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "alternatives" JSONB NOT NULL,
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "chosen" BOOLEAN NOT NULL DEFAULT true,
    "unsure" BOOLEAN NOT NULL DEFAULT false,
    "language" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RoutingSuggestion_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_RoutingSuggestion" ("alternatives", "caseId", "categoryCode", "chosen", "confidence", "createdAt", "flagged", "id", "method", "rationale", "regionCode", "unitId") SELECT "alternatives", "caseId", "categoryCode", "chosen", "confidence", "createdAt", "flagged", "id", "method", "rationale", "regionCode", "unitId" FROM "RoutingSuggestion";
DROP TABLE "RoutingSuggestion";
ALTER TABLE "new_RoutingSuggestion" RENAME TO "RoutingSuggestion";
CREATE INDEX "RoutingSuggestion_caseId_idx" ON "RoutingSuggestion"("caseId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ClassifierModel_status_createdAt_idx" ON "ClassifierModel"("status", "createdAt");

