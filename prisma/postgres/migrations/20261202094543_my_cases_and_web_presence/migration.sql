-- CreateTable
CREATE TABLE "PhoneSignInCode" (
    "id" TEXT NOT NULL,
    "phoneKey" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "PhoneSignInCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebPagePresence" (
    "sessionId" TEXT NOT NULL,
    "lastPollAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebPagePresence_pkey" PRIMARY KEY ("sessionId")
);

-- CreateIndex
CREATE INDEX "PhoneSignInCode_phoneKey_createdAt_idx" ON "PhoneSignInCode"("phoneKey", "createdAt");

-- CreateIndex
CREATE INDEX "Case_contactPhone_submittedAt_idx" ON "Case"("contactPhone", "submittedAt");

