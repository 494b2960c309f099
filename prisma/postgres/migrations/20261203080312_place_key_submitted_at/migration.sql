-- AlterTable: each key takes its case's submittedAt.
ALTER TABLE "CasePlaceKey" ADD COLUMN     "submittedAt" TIMESTAMP(3);
UPDATE "CasePlaceKey" k SET "submittedAt" = c."submittedAt" FROM "Case" c WHERE c."id" = k."caseId";
ALTER TABLE "CasePlaceKey" ALTER COLUMN "submittedAt" SET NOT NULL;

-- CreateIndex
CREATE INDEX "CasePlaceKey_key_submittedAt_caseId_idx" ON "CasePlaceKey"("key", "submittedAt", "caseId");

