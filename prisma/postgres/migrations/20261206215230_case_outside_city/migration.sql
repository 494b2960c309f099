-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "outsideCity" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "placeElsewhere" TEXT;

-- CreateIndex
CREATE INDEX "Case_outsideCity_submittedAt_id_idx" ON "Case"("outsideCity", "submittedAt", "id");

