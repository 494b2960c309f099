-- AlterTable
ALTER TABLE "Case" ADD COLUMN "contactHolderName" TEXT;
ALTER TABLE "Case" ADD COLUMN "contactHolderRelation" TEXT;

