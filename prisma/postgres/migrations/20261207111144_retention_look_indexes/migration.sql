-- CreateIndex
CREATE INDEX "DialogueState_updatedAt_idx" ON "DialogueState"("updatedAt");

-- CreateIndex
CREATE INDEX "WebChatMessage_createdAt_sessionId_idx" ON "WebChatMessage"("createdAt", "sessionId");

-- CreateIndex
CREATE INDEX "WebUpload_createdAt_sessionId_idx" ON "WebUpload"("createdAt", "sessionId");

-- CreateIndex
CREATE INDEX "WebPagePresence_lastPollAt_sessionId_idx" ON "WebPagePresence"("lastPollAt", "sessionId");

