-- AlterTable (a column with a constant default: added in place, the Case table not copied)
ALTER TABLE "Case" ADD COLUMN "occurredPrecision" TEXT NOT NULL DEFAULT 'day';
