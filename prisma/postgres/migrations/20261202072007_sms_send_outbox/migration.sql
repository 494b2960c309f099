-- AlterTable
ALTER TABLE "SmsSend" ADD COLUMN     "outboxId" TEXT;

-- CreateIndex
CREATE INDEX "SmsSend_outboxId_idx" ON "SmsSend"("outboxId");

