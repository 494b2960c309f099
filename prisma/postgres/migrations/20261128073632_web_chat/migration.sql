-- CreateTable
CREATE TABLE "WebChatMessage" (
    "id" SERIAL NOT NULL,
    "sessionId" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "eventId" TEXT,
    "body" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebChatMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebUpload" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "storagePath" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebUpload_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebChatMessage_sessionId_id_idx" ON "WebChatMessage"("sessionId", "id");

-- CreateIndex
CREATE INDEX "WebChatMessage_sessionId_eventId_idx" ON "WebChatMessage"("sessionId", "eventId");

-- CreateIndex
CREATE INDEX "WebUpload_sessionId_idx" ON "WebUpload"("sessionId");

