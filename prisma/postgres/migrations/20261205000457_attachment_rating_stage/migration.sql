-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN     "ratingStage" INTEGER;

