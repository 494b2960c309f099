-- CreateIndex
CREATE INDEX "Rating_createdAt_idx" ON "Rating"("createdAt");

