-- CreateTable
CREATE TABLE "PhoneSignInCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "phoneKey" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME
);

-- CreateTable
CREATE TABLE "WebPagePresence" (
    "sessionId" TEXT NOT NULL PRIMARY KEY,
    "lastPollAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "PhoneSignInCode_phoneKey_createdAt_idx" ON "PhoneSignInCode"("phoneKey", "createdAt");

-- CreateIndex
CREATE INDEX "Case_contactPhone_submittedAt_idx" ON "Case"("contactPhone", "submittedAt");

