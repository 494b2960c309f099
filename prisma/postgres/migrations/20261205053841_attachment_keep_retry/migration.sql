-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN     "keepAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "keepRetryAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Attachment_storagePath_keepRetryAt_idx" ON "Attachment"("storagePath", "keepRetryAt");

