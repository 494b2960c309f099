-- AlterTable (a column with a constant default: added in place, the Case table not copied)
ALTER TABLE "Case" ADD COLUMN "requestKind" TEXT NOT NULL DEFAULT 'complaint';
