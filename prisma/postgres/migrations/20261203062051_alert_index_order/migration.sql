-- DropIndex
DROP INDEX "Case_nextAlertAt_idx";

-- CreateIndex
CREATE INDEX "Case_nextAlertAt_id_idx" ON "Case"("nextAlertAt", "id");

