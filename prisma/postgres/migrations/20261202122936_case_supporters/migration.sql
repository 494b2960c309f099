-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "supporterCount" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "CaseSupporter" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'zh',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseSupporter_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CaseSupporter_identityId_idx" ON "CaseSupporter"("identityId");

-- CreateIndex
CREATE UNIQUE INDEX "CaseSupporter_caseId_identityId_key" ON "CaseSupporter"("caseId", "identityId");

-- AddForeignKey
ALTER TABLE "CaseSupporter" ADD CONSTRAINT "CaseSupporter_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseSupporter" ADD CONSTRAINT "CaseSupporter_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "ChannelIdentity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

