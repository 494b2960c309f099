-- The pairs of cases filed before this migration are written by the service after its start
-- (src/storage/repeat-links.ts: they need the duplicate scorer, which SQL does not have).

-- CreateTable
CREATE TABLE "CaseRepeat" (
    "earlierId" TEXT NOT NULL,
    "laterId" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaseRepeat_pkey" PRIMARY KEY ("earlierId","laterId")
);

-- CreateIndex
CREATE INDEX "CaseRepeat_laterId_idx" ON "CaseRepeat"("laterId");

-- CreateIndex
CREATE INDEX "CaseRepeat_submittedAt_earlierId_laterId_idx" ON "CaseRepeat"("submittedAt", "earlierId", "laterId");

-- AddForeignKey
ALTER TABLE "CaseRepeat" ADD CONSTRAINT "CaseRepeat_earlierId_fkey" FOREIGN KEY ("earlierId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseRepeat" ADD CONSTRAINT "CaseRepeat_laterId_fkey" FOREIGN KEY ("laterId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

