-- AlterTable
ALTER TABLE "CaseSearch" ADD COLUMN "unitTerms" TEXT;


-- Written by hand (Prisma cannot express these) ------------------------------------------------

-- The text search indexes two columns, so that a unit's search finds only what the unit reads
-- (the README, "identity"): "unit", the text as a unit reads it (CaseSearch.unitTerms, or
-- CaseSearch.terms when masking changed nothing), and "clerk", the text as written where the
-- unit's differs (null otherwise). A clerk searches both, a unit "unit" alone. Each
-- case's words are indexed once, twice only when the citizen wrote their identity into the text.
-- External content through a view, so that FTS5's 'rebuild' (the migration's below, the seed's)
-- reads the columns as the triggers write them.
DROP TRIGGER "CaseSearch_after_insert";
DROP TRIGGER "CaseSearch_after_delete";
DROP TRIGGER "CaseSearch_after_update";
DROP TABLE "CaseSearchIndex";

CREATE VIEW "CaseSearchColumns" AS
SELECT "id",
    COALESCE("unitTerms", "terms") AS "unit",
    CASE WHEN "unitTerms" IS NULL THEN NULL ELSE "terms" END AS "clerk"
FROM "CaseSearch";

CREATE VIRTUAL TABLE "CaseSearchIndex" USING fts5(
    "unit",
    "clerk",
    content = 'CaseSearchColumns',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TRIGGER "CaseSearch_after_insert" AFTER INSERT ON "CaseSearch" BEGIN
    INSERT INTO "CaseSearchIndex" (rowid, "unit", "clerk")
    VALUES (new."id", COALESCE(new."unitTerms", new."terms"),
        CASE WHEN new."unitTerms" IS NULL THEN NULL ELSE new."terms" END);
END;

CREATE TRIGGER "CaseSearch_after_delete" AFTER DELETE ON "CaseSearch" BEGIN
    INSERT INTO "CaseSearchIndex" ("CaseSearchIndex", rowid, "unit", "clerk")
    VALUES ('delete', old."id", COALESCE(old."unitTerms", old."terms"),
        CASE WHEN old."unitTerms" IS NULL THEN NULL ELSE old."terms" END);
END;

CREATE TRIGGER "CaseSearch_after_update" AFTER UPDATE ON "CaseSearch" BEGIN
    INSERT INTO "CaseSearchIndex" ("CaseSearchIndex", rowid, "unit", "clerk")
    VALUES ('delete', old."id", COALESCE(old."unitTerms", old."terms"),
        CASE WHEN old."unitTerms" IS NULL THEN NULL ELSE old."terms" END);
    INSERT INTO "CaseSearchIndex" (rowid, "unit", "clerk")
    VALUES (new."id", COALESCE(new."unitTerms", new."terms"),
        CASE WHEN new."unitTerms" IS NULL THEN NULL ELSE new."terms" END);
END;

-- Every stored case, its words as before (no unitTerms yet): which of them a unit reads masked
-- is written by the service after its start (indexCaseSearch in src/storage/case-search.ts).
INSERT INTO "CaseSearchIndex" ("CaseSearchIndex") VALUES ('rebuild');
