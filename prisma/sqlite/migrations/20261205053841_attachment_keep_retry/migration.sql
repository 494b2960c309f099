-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Attachment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "mimeType" TEXT,
    "storagePath" TEXT,
    "ratingStage" INTEGER,
    "keepAttempts" INTEGER NOT NULL DEFAULT 0,
    "keepRetryAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Attachment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Attachment" ("caseId", "channel", "createdAt", "fileId", "id", "mimeType", "ratingStage", "storagePath") SELECT "caseId", "channel", "createdAt", "fileId", "id", "mimeType", "ratingStage", "storagePath" FROM "Attachment";
DROP TABLE "Attachment";
ALTER TABLE "new_Attachment" RENAME TO "Attachment";
CREATE INDEX "Attachment_caseId_idx" ON "Attachment"("caseId");
CREATE INDEX "Attachment_storagePath_keepRetryAt_idx" ON "Attachment"("storagePath", "keepRetryAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

