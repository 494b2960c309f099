-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('telegram', 'wecom', 'web');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('submitted', 'not_accepted', 'accepted', 'assigned', 'in_progress', 'returned', 'answered', 'under_review', 'closed', 'merged', 'withdrawn');

-- CreateEnum
CREATE TYPE "CaseClass" AS ENUM ('suggestion', 'report', 'request');

-- CreateEnum
CREATE TYPE "AnswerOutcome" AS ENUM ('support', 'explain', 'reject');

-- CreateEnum
CREATE TYPE "Satisfaction" AS ENUM ('satisfied', 'basically_satisfied', 'dissatisfied');

-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('clerk', 'handler', 'admin');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('pending', 'sent', 'held', 'failed');

-- CreateTable
CREATE TABLE "Citizen" (
    "id" TEXT NOT NULL,
    "name" TEXT,
    "phone" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'zh',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Citizen_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChannelIdentity" (
    "id" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "externalId" TEXT NOT NULL,
    "chatId" TEXT,
    "lastInboundAt" TIMESTAMP(3),
    "citizenId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChannelIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Case" (
    "id" TEXT NOT NULL,
    "trackingNo" TEXT NOT NULL,
    "queryCode" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "citizenId" TEXT NOT NULL,
    "identityId" TEXT,
    "channel" "Channel" NOT NULL,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "contactName" TEXT,
    "contactPhone" TEXT,
    "description" TEXT NOT NULL,
    "categoryCode" TEXT NOT NULL,
    "regionCode" TEXT,
    "caseClass" "CaseClass" NOT NULL,
    "address" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "occurredAt" TIMESTAMP(3),
    "occurredText" TEXT,
    "isEmergency" BOOLEAN NOT NULL DEFAULT false,
    "status" "CaseStatus" NOT NULL DEFAULT 'submitted',
    "unitId" TEXT,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "acceptanceDueAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "acceptedAt" TIMESTAMP(3),
    "handlingDueAt" TIMESTAMP(3),
    "extensionDays" INTEGER,
    "extensionReason" TEXT,
    "returnDueAt" TIMESTAMP(3),
    "answeredAt" TIMESTAMP(3),
    "answerOutcome" "AnswerOutcome",
    "answerText" TEXT,
    "reviewStage" INTEGER NOT NULL DEFAULT 0,
    "reviewRequestedAt" TIMESTAMP(3),
    "reviewDueAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "notAcceptedReason" TEXT,
    "notAcceptedChannel" TEXT,
    "mergedIntoId" TEXT,
    "lastReminderAt" TIMESTAMP(3),
    "lastEscalationAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "fileId" TEXT NOT NULL,
    "mimeType" TEXT,
    "storagePath" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoutingSuggestion" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "categoryCode" TEXT NOT NULL,
    "regionCode" TEXT,
    "unitId" TEXT NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    "method" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "alternatives" JSONB NOT NULL,
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "chosen" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoutingSuggestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TimelineEntry" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "actorKind" TEXT NOT NULL,
    "actorId" TEXT,
    "fromStatus" "CaseStatus",
    "toStatus" "CaseStatus",
    "note" TEXT,
    "data" JSONB,

    CONSTRAINT "TimelineEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Category" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "caseClass" "CaseClass" NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "Category_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Region" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "Region_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "telegramChatId" TEXT,
    "wecomUserIds" TEXT,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffMember" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" "StaffRole" NOT NULL,
    "unitId" TEXT,
    "telegramUserId" TEXT,
    "wecomUserId" TEXT,
    "passwordHash" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffSession" (
    "id" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL,
    "caseId" TEXT,
    "channel" "Channel" NOT NULL,
    "recipient" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "leaseUntil" TIMESTAMP(3),
    "leasedBy" TEXT,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DialogueState" (
    "channel" "Channel" NOT NULL,
    "chatId" TEXT NOT NULL,
    "state" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "lastEventId" TEXT,
    "lastReplies" JSONB,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DialogueState_pkey" PRIMARY KEY ("channel","chatId")
);

-- CreateTable
CREATE TABLE "InboxUpdate" (
    "channel" "Channel" NOT NULL,
    "updateId" TEXT NOT NULL,
    "chatId" TEXT,
    "sequence" BIGINT NOT NULL,
    "payload" JSONB NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),
    "leaseUntil" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,

    CONSTRAINT "InboxUpdate_pkey" PRIMARY KEY ("channel","updateId")
);

-- CreateTable
CREATE TABLE "ChannelCursor" (
    "name" TEXT NOT NULL,
    "cursor" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChannelCursor_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "TrackingCounter" (
    "day" TEXT NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "TrackingCounter_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "Rating" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "reviewStage" INTEGER NOT NULL DEFAULT 0,
    "solved" BOOLEAN NOT NULL,
    "satisfaction" "Satisfaction" NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Rating_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewRequest" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "stage" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "answeredAt" TIMESTAMP(3),
    "outcome" "AnswerOutcome",
    "answerText" TEXT,

    CONSTRAINT "ReviewRequest_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "ChannelIdentity" ADD CONSTRAINT "ChannelIdentity_citizenId_fkey" FOREIGN KEY ("citizenId") REFERENCES "Citizen"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_citizenId_fkey" FOREIGN KEY ("citizenId") REFERENCES "Citizen"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "ChannelIdentity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_categoryCode_fkey" FOREIGN KEY ("categoryCode") REFERENCES "Category"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_regionCode_fkey" FOREIGN KEY ("regionCode") REFERENCES "Region"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoutingSuggestion" ADD CONSTRAINT "RoutingSuggestion_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEntry" ADD CONSTRAINT "TimelineEntry_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_regionCode_fkey" FOREIGN KEY ("regionCode") REFERENCES "Region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffMember" ADD CONSTRAINT "StaffMember_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffSession" ADD CONSTRAINT "StaffSession_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rating" ADD CONSTRAINT "Rating_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewRequest" ADD CONSTRAINT "ReviewRequest_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

