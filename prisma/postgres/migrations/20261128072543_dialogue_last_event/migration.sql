-- AlterTable
ALTER TABLE "DialogueState" ADD COLUMN     "lastEventId" TEXT,
ADD COLUMN     "lastReplies" JSONB;

