-- AlterTable
ALTER TABLE "CaseSearch" ADD COLUMN     "unitTerms" TEXT;


-- Written by hand (Prisma cannot express these) ------------------------------------------------

-- The search of a unit finds only what the unit reads (the README, "identity"): the words of
-- each case as the unit reads them, unitTerms where the identity of the writer is masked, else
-- terms. An index of every case, so that the search of a unit is one bitmap scan, as that of a
-- clerk is through "CaseSearch_terms_idx". Built over the terms stored (no unitTerms yet),
-- which the service then writes for the cases that name their writer (indexCaseSearch in
-- src/storage/case-search.ts).
CREATE INDEX "CaseSearch_unitTerms_idx" ON "CaseSearch" USING gin (to_tsvector('simple'::regconfig, COALESCE("unitTerms", "terms")));
