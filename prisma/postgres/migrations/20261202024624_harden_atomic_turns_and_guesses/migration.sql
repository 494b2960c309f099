-- AlterTable
ALTER TABLE "DialogueState" ADD COLUMN     "lastReceipt" JSONB;

-- AlterTable
ALTER TABLE "InboxUpdate" ADD COLUMN     "failedAt" TIMESTAMP(3),
ADD COLUMN     "repliesSent" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "GuessCounter" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "since" TIMESTAMP(3) NOT NULL,
    "blockedUntil" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GuessCounter_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "InboxUpdate_failedAt_idx" ON "InboxUpdate"("failedAt");

