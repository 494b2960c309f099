-- CreateIndex
CREATE INDEX "CasePlaceKey_submittedAt_key_caseId_idx" ON "CasePlaceKey"("submittedAt", "key", "caseId");

