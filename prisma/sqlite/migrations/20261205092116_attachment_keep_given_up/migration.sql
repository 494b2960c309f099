-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN "keepGivenUpAt" DATETIME;

