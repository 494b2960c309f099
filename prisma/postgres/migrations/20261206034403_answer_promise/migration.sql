-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "answerPromisedBy" TEXT,
ADD COLUMN     "promiseFollowUpAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Case_promiseFollowUpAt_idx" ON "Case"("promiseFollowUpAt");

