-- AlterTable
ALTER TABLE "Case" ADD COLUMN "idempotencyKey" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_InboxUpdate" (
    "channel" TEXT NOT NULL,
    "updateId" TEXT NOT NULL,
    "chatId" TEXT,
    "sequence" BIGINT NOT NULL,
    "payload" JSONB NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" DATETIME,
    "leaseUntil" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,

    PRIMARY KEY ("channel", "updateId")
);
INSERT INTO "new_InboxUpdate" ("attempts", "channel", "chatId", "lastError", "payload", "processedAt", "receivedAt", "updateId") SELECT "attempts", "channel", "chatId", "lastError", "payload", "processedAt", "receivedAt", "updateId" FROM "InboxUpdate";
DROP TABLE "InboxUpdate";
ALTER TABLE "new_InboxUpdate" RENAME TO "InboxUpdate";
CREATE INDEX "InboxUpdate_processedAt_channel_sequence_idx" ON "InboxUpdate"("processedAt", "channel", "sequence");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Case_idempotencyKey_key" ON "Case"("idempotencyKey");

