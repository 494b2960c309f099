-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "lastUrgedAt" TIMESTAMP(3),
ADD COLUMN     "urgeCount" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Case_urgeCount_submittedAt_id_idx" ON "Case"("urgeCount", "submittedAt", "id");

