-- CreateTable
CREATE TABLE "WebChatMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sessionId" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "eventId" TEXT,
    "body" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "WebUpload" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "storagePath" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "WebChatMessage_sessionId_id_idx" ON "WebChatMessage"("sessionId", "id");

-- CreateIndex
CREATE INDEX "WebChatMessage_sessionId_eventId_idx" ON "WebChatMessage"("sessionId", "eventId");

-- CreateIndex
CREATE INDEX "WebUpload_sessionId_idx" ON "WebUpload"("sessionId");

