-- AlterTable
ALTER TABLE "RoutingSuggestion" ADD COLUMN     "language" TEXT,
ADD COLUMN     "unsure" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ClassifierModel" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL,
    "trainingKey" TEXT NOT NULL,
    "corpusItems" INTEGER NOT NULL,
    "learnedItems" INTEGER NOT NULL,
    "learnedUntil" TIMESTAMP(3),
    "figures" JSONB NOT NULL,
    "verdict" TEXT NOT NULL,
    "artifact" BYTEA NOT NULL,

    CONSTRAINT "ClassifierModel_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ClassifierModel_status_createdAt_idx" ON "ClassifierModel"("status", "createdAt");

