-- AlterTable (in place: a column with a constant default needs no rebuild of "Case")
ALTER TABLE "Case" ADD COLUMN "urgeCount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Case" ADD COLUMN "lastUrgedAt" DATETIME;

-- CreateIndex
CREATE INDEX "Case_urgeCount_submittedAt_id_idx" ON "Case"("urgeCount", "submittedAt", "id");
