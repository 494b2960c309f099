-- CreateEnum
CREATE TYPE "TimePrecision" AS ENUM ('day', 'month', 'season', 'year');

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "occurredPrecision" "TimePrecision" NOT NULL DEFAULT 'day';

