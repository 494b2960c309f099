-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN     "keepGivenUpAt" TIMESTAMP(3);

