-- CreateTable
CREATE TABLE "CasePlaceKey" (
    "caseId" TEXT NOT NULL,
    "key" TEXT NOT NULL,

    CONSTRAINT "CasePlaceKey_pkey" PRIMARY KEY ("caseId","key")
);

-- CreateIndex
CREATE INDEX "CasePlaceKey_key_caseId_idx" ON "CasePlaceKey"("key", "caseId");

-- CreateIndex
CREATE INDEX "Case_latitude_longitude_submittedAt_idx" ON "Case"("latitude", "longitude", "submittedAt");

-- AddForeignKey
ALTER TABLE "CasePlaceKey" ADD CONSTRAINT "CasePlaceKey_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

