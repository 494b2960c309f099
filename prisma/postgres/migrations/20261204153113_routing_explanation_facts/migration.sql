-- AlterTable
ALTER TABLE "RoutingSuggestion" ADD COLUMN     "explanation" JSONB;

