-- CreateEnum
CREATE TYPE "RegionSource" AS ENUM ('text', 'coordinates', 'clerk');

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "regionSource" "RegionSource";

