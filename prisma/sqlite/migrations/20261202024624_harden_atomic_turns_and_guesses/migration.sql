-- AlterTable
ALTER TABLE "DialogueState" ADD COLUMN "lastReceipt" JSONB;

-- CreateTable
CREATE TABLE "GuessCounter" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "since" DATETIME NOT NULL,
    "blockedUntil" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

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
    "repliesSent" INTEGER NOT NULL DEFAULT 0,
    "failedAt" DATETIME,

    PRIMARY KEY ("channel", "updateId")
);
INSERT INTO "new_InboxUpdate" ("attempts", "channel", "chatId", "lastError", "leaseUntil", "payload", "processedAt", "receivedAt", "sequence", "updateId") SELECT "attempts", "channel", "chatId", "lastError", "leaseUntil", "payload", "processedAt", "receivedAt", "sequence", "updateId" FROM "InboxUpdate";
DROP TABLE "InboxUpdate";
ALTER TABLE "new_InboxUpdate" RENAME TO "InboxUpdate";
CREATE INDEX "InboxUpdate_processedAt_channel_sequence_idx" ON "InboxUpdate"("processedAt", "channel", "sequence");
CREATE INDEX "InboxUpdate_failedAt_idx" ON "InboxUpdate"("failedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

