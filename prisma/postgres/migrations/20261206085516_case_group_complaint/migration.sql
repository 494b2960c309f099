-- CreateEnum
CREATE TYPE "GroupUnit" AS ENUM ('people', 'households');

-- CreateEnum
CREATE TYPE "WholeGroup" AS ENUM ('village', 'building', 'stairwell', 'estate', 'street', 'workplace');

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "groupAtLeast" INTEGER,
ADD COLUMN     "groupUnit" "GroupUnit",
ADD COLUMN     "groupWhole" "WholeGroup";

