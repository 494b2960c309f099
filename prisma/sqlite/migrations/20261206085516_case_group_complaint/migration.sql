-- AlterTable
ALTER TABLE "Case" ADD COLUMN "groupAtLeast" INTEGER;
ALTER TABLE "Case" ADD COLUMN "groupUnit" TEXT;
ALTER TABLE "Case" ADD COLUMN "groupWhole" TEXT;

