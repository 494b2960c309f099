-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "contactHolderName" TEXT,
ADD COLUMN     "contactHolderRelation" TEXT;

