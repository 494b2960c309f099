-- CreateTable
CREATE TABLE "Citizen" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT,
    "phone" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'zh',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ChannelIdentity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "chatId" TEXT,
    "lastInboundAt" DATETIME,
    "citizenId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ChannelIdentity_citizenId_fkey" FOREIGN KEY ("citizenId") REFERENCES "Citizen" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Case" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trackingNo" TEXT NOT NULL,
    "queryCode" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "citizenId" TEXT NOT NULL,
    "identityId" TEXT,
    "channel" TEXT NOT NULL,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "contactName" TEXT,
    "contactPhone" TEXT,
    "description" TEXT NOT NULL,
    "categoryCode" TEXT NOT NULL,
    "regionCode" TEXT,
    "caseClass" TEXT NOT NULL,
    "address" TEXT,
    "latitude" REAL,
    "longitude" REAL,
    "occurredAt" DATETIME,
    "occurredText" TEXT,
    "isEmergency" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "unitId" TEXT,
    "submittedAt" DATETIME NOT NULL,
    "acceptanceDueAt" DATETIME NOT NULL,
    "decidedAt" DATETIME,
    "acceptedAt" DATETIME,
    "handlingDueAt" DATETIME,
    "extensionDays" INTEGER,
    "extensionReason" TEXT,
    "returnDueAt" DATETIME,
    "answeredAt" DATETIME,
    "answerOutcome" TEXT,
    "answerText" TEXT,
    "reviewStage" INTEGER NOT NULL DEFAULT 0,
    "reviewRequestedAt" DATETIME,
    "reviewDueAt" DATETIME,
    "closedAt" DATETIME,
    "notAcceptedReason" TEXT,
    "notAcceptedChannel" TEXT,
    "mergedIntoId" TEXT,
    "lastReminderAt" DATETIME,
    "lastEscalationAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Case_citizenId_fkey" FOREIGN KEY ("citizenId") REFERENCES "Citizen" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Case_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "ChannelIdentity" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Case_categoryCode_fkey" FOREIGN KEY ("categoryCode") REFERENCES "Category" ("code") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Case_regionCode_fkey" FOREIGN KEY ("regionCode") REFERENCES "Region" ("code") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Case_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Case_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Case" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "mimeType" TEXT,
    "storagePath" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Attachment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RoutingSuggestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "categoryCode" TEXT NOT NULL,
    "regionCode" TEXT,
    "unitId" TEXT NOT NULL,
    "confidence" REAL NOT NULL,
    "method" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "alternatives" JSONB NOT NULL,
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "chosen" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RoutingSuggestion_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TimelineEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "kind" TEXT NOT NULL,
    "actorKind" TEXT NOT NULL,
    "actorId" TEXT,
    "fromStatus" TEXT,
    "toStatus" TEXT,
    "note" TEXT,
    "data" JSONB,
    CONSTRAINT "TimelineEntry_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Category" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "caseClass" TEXT NOT NULL,
    "position" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "Region" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "position" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "telegramChatId" TEXT,
    "wecomUserIds" TEXT,
    CONSTRAINT "Unit_regionCode_fkey" FOREIGN KEY ("regionCode") REFERENCES "Region" ("code") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StaffMember" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "unitId" TEXT,
    "telegramUserId" TEXT,
    "wecomUserId" TEXT,
    "passwordHash" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StaffMember_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StaffSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "staffId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StaffSession_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffMember" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT,
    "channel" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "leaseUntil" DATETIME,
    "leasedBy" TEXT,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OutboxMessage_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DialogueState" (
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "state" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "lastEventId" TEXT,
    "lastReplies" JSONB,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("channel", "chatId")
);

-- CreateTable
CREATE TABLE "InboxUpdate" (
    "channel" TEXT NOT NULL,
    "updateId" TEXT NOT NULL,
    "chatId" TEXT,
    "sequence" BIGINT NOT NULL,
    "payload" JSONB NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" DATETIME,
    "leaseUntil" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,

    PRIMARY KEY ("channel", "updateId")
);

-- CreateTable
CREATE TABLE "ChannelCursor" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "cursor" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "TrackingCounter" (
    "day" TEXT NOT NULL PRIMARY KEY,
    "last" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "Rating" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "reviewStage" INTEGER NOT NULL DEFAULT 0,
    "solved" BOOLEAN NOT NULL,
    "satisfaction" TEXT NOT NULL,
    "reason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Rating_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReviewRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "stage" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "requestedAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "answeredAt" DATETIME,
    "outcome" TEXT,
    "answerText" TEXT,
    CONSTRAINT "ReviewRequest_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ChannelIdentity_citizenId_idx" ON "ChannelIdentity"("citizenId");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelIdentity_channel_externalId_key" ON "ChannelIdentity"("channel", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Case_trackingNo_key" ON "Case"("trackingNo");

-- CreateIndex
CREATE UNIQUE INDEX "Case_idempotencyKey_key" ON "Case"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Case_status_submittedAt_idx" ON "Case"("status", "submittedAt");

-- CreateIndex
CREATE INDEX "Case_citizenId_idx" ON "Case"("citizenId");

-- CreateIndex
CREATE INDEX "Case_unitId_status_idx" ON "Case"("unitId", "status");

-- CreateIndex
CREATE INDEX "Case_categoryCode_regionCode_submittedAt_idx" ON "Case"("categoryCode", "regionCode", "submittedAt");

-- CreateIndex
CREATE INDEX "Attachment_caseId_idx" ON "Attachment"("caseId");

-- CreateIndex
CREATE INDEX "RoutingSuggestion_caseId_idx" ON "RoutingSuggestion"("caseId");

-- CreateIndex
CREATE INDEX "TimelineEntry_caseId_at_idx" ON "TimelineEntry"("caseId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "StaffMember_username_key" ON "StaffMember"("username");

-- CreateIndex
CREATE UNIQUE INDEX "StaffMember_telegramUserId_key" ON "StaffMember"("telegramUserId");

-- CreateIndex
CREATE UNIQUE INDEX "StaffMember_wecomUserId_key" ON "StaffMember"("wecomUserId");

-- CreateIndex
CREATE INDEX "StaffSession_staffId_idx" ON "StaffSession"("staffId");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_channel_recipient_createdAt_idx" ON "OutboxMessage"("channel", "recipient", "createdAt");

-- CreateIndex
CREATE INDEX "InboxUpdate_processedAt_channel_sequence_idx" ON "InboxUpdate"("processedAt", "channel", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "Rating_caseId_reviewStage_key" ON "Rating"("caseId", "reviewStage");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewRequest_caseId_stage_key" ON "ReviewRequest"("caseId", "stage");

