-- CreateIndex
CREATE INDEX "Case_groupAtLeast_submittedAt_id_idx" ON "Case"("groupAtLeast", "submittedAt", "id");

-- CreateIndex
CREATE INDEX "Case_groupWhole_submittedAt_id_idx" ON "Case"("groupWhole", "submittedAt", "id");

