-- DropIndex
DROP INDEX "Case_runningDueAt_idx";

-- CreateIndex
CREATE INDEX "Case_runningDueAt_id_idx" ON "Case"("runningDueAt", "id");

-- CreateIndex
CREATE INDEX "Case_unitId_runningDueAt_id_idx" ON "Case"("unitId", "runningDueAt", "id");

