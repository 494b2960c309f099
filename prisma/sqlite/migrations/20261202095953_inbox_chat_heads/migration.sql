-- CreateIndex
CREATE INDEX "InboxUpdate_channel_chatId_processedAt_sequence_idx" ON "InboxUpdate"("channel", "chatId", "processedAt", "sequence");

