-- AlterTable (in place: a column with a constant default, and a nullable one, need no rebuild of "Case")
ALTER TABLE "Case" ADD COLUMN "outsideCity" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Case" ADD COLUMN "placeElsewhere" TEXT;

-- CreateIndex
CREATE INDEX "Case_outsideCity_submittedAt_id_idx" ON "Case"("outsideCity", "submittedAt", "id");
