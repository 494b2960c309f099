-- CreateIndex
CREATE INDEX "Case_submittedAt_status_categoryCode_citizenId_id_idx" ON "Case"("submittedAt", "status", "categoryCode", "citizenId", "id");

