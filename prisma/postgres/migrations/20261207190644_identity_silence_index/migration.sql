-- CreateIndex
CREATE INDEX "ChannelIdentity_lastInboundAt_createdAt_idx" ON "ChannelIdentity"("lastInboundAt", "createdAt");

