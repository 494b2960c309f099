-- CreateTable
CREATE TABLE "CaseFormerContact" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "contactName" TEXT,
    "contactPhone" TEXT,
    "contactHolderRelation" TEXT,
    "contactHolderName" TEXT,
    "replacedAt" DATETIME NOT NULL,
    CONSTRAINT "CaseFormerContact_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CaseFormerContact_caseId_idx" ON "CaseFormerContact"("caseId");

-- CreateIndex
CREATE INDEX "CaseFormerContact_contactPhone_idx" ON "CaseFormerContact"("contactPhone");

