-- DropIndex
DROP INDEX "InboxUpdate_processedAt_receivedAt_idx";

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "idempotencyKey" TEXT;

-- AlterTable
ALTER TABLE "InboxUpdate" ADD COLUMN     "leaseUntil" TIMESTAMP(3),
ADD COLUMN     "sequence" BIGINT NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Case_idempotencyKey_key" ON "Case"("idempotencyKey");

-- CreateIndex
CREATE INDEX "InboxUpdate_processedAt_channel_sequence_idx" ON "InboxUpdate"("processedAt", "channel", "sequence");

