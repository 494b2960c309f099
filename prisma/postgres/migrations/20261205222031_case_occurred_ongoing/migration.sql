-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "occurredOngoing" BOOLEAN NOT NULL DEFAULT false;

