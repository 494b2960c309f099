-- CreateIndex
CREATE INDEX "Case_requestKind_submittedAt_id_idx" ON "Case"("requestKind", "submittedAt", "id");

