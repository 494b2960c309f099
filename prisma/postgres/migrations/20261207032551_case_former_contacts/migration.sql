-- CreateTable
CREATE TABLE "CaseFormerContact" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "contactName" TEXT,
    "contactPhone" TEXT,
    "contactHolderRelation" TEXT,
    "contactHolderName" TEXT,
    "replacedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaseFormerContact_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CaseFormerContact_caseId_idx" ON "CaseFormerContact"("caseId");

-- CreateIndex
CREATE INDEX "CaseFormerContact_contactPhone_idx" ON "CaseFormerContact"("contactPhone");

-- AddForeignKey
ALTER TABLE "CaseFormerContact" ADD CONSTRAINT "CaseFormerContact_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

