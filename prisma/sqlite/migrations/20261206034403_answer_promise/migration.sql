-- AlterTable
ALTER TABLE "Case" ADD COLUMN "answerPromisedBy" TEXT;
ALTER TABLE "Case" ADD COLUMN "promiseFollowUpAt" DATETIME;

-- CreateIndex
CREATE INDEX "Case_promiseFollowUpAt_idx" ON "Case"("promiseFollowUpAt");

