-- CreateIndex
CREATE INDEX "InboxUpdate_channel_sequence_idx" ON "InboxUpdate"("channel", "sequence");

