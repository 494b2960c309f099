-- CreateEnum
CREATE TYPE "SmsStatus" AS ENUM ('sending', 'sent', 'failed', 'unconfirmed', 'delivered', 'undelivered');

-- CreateTable
CREATE TABLE "SmsSend" (
    "id" TEXT NOT NULL,
    "caseId" TEXT,
    "template" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "phoneKey" TEXT NOT NULL,
    "status" "SmsStatus" NOT NULL,
    "providerMessageId" TEXT,
    "errorCode" TEXT,
    "receiptCode" TEXT,
    "receiptAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "SmsSend_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SmsSend_phoneKey_createdAt_idx" ON "SmsSend"("phoneKey", "createdAt");

-- CreateIndex
CREATE INDEX "SmsSend_caseId_createdAt_idx" ON "SmsSend"("caseId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SmsSend_provider_providerMessageId_key" ON "SmsSend"("provider", "providerMessageId");

