-- AlterTable
ALTER TABLE "DialogueState" ADD COLUMN "lastEventId" TEXT;
ALTER TABLE "DialogueState" ADD COLUMN "lastReplies" JSONB;

