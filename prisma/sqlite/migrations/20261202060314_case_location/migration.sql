-- AlterTable
ALTER TABLE "Case" ADD COLUMN "regionSource" TEXT;

