-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "locatedAt" TIMESTAMP(3);

-- The cases filed with coordinates before this migration.
UPDATE "Case" SET "locatedAt" = "submittedAt" WHERE "latitude" IS NOT NULL AND "longitude" IS NOT NULL;

-- CreateIndex
CREATE INDEX "Case_locatedAt_id_idx" ON "Case"("locatedAt", "id");

