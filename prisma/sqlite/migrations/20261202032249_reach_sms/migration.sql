-- CreateTable
CREATE TABLE "SmsSend" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT,
    "template" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "phoneKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "providerMessageId" TEXT,
    "errorCode" TEXT,
    "receiptCode" TEXT,
    "receiptAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "sentAt" DATETIME
);

-- CreateIndex
CREATE INDEX "SmsSend_phoneKey_createdAt_idx" ON "SmsSend"("phoneKey", "createdAt");

-- CreateIndex
CREATE INDEX "SmsSend_caseId_createdAt_idx" ON "SmsSend"("caseId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SmsSend_provider_providerMessageId_key" ON "SmsSend"("provider", "providerMessageId");

