-- AlterTable
ALTER TABLE "CaseSearch" ADD COLUMN     "unitTerms" TEXT;


-- Written by hand (Prisma cannot express these) ------------------------------------------------

-- A unit's search finds only what the unit reads (the README, "identity"): the words of a case
-- whose text the unit reads masked are looked up in unitTerms, through this index of those
-- cases alone, every other case through the index of terms ("CaseSearch_terms_idx"), which a clerk searches.
CREATE INDEX "CaseSearch_unitTerms_idx" ON "CaseSearch" USING gin (to_tsvector('simple'::regconfig, "unitTerms")) WHERE "unitTerms" IS NOT NULL;

-- Which stored cases a unit reads masked is written by the service after its start
-- (indexCaseSearch in src/storage/case-search.ts).
