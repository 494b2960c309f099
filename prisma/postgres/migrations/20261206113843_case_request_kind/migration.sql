-- CreateEnum
CREATE TYPE "RequestKind" AS ENUM ('complaint', 'consultation');

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "requestKind" "RequestKind" NOT NULL DEFAULT 'complaint';

