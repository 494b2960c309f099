-- CreateTable
CREATE TABLE "CaseCount" (
    "status" "CaseStatus" NOT NULL,
    "regionCode" TEXT NOT NULL,
    "categoryCode" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "caseClass" "CaseClass" NOT NULL,
    "cases" INTEGER NOT NULL,

    CONSTRAINT "CaseCount_pkey" PRIMARY KEY ("status","regionCode","categoryCode","unitId","caseClass")
);


-- Kept in the same transaction as every change of a case: one INSERT … ON CONFLICT adds -1 to
-- the row the case leaves and +1 to the row it joins, in the order of their keys, so that two
-- transactions moving cases in opposite directions (A → B and B → A) wait for each other and
-- never deadlock. The body is a U& string with \003B for its two semicolons: Prisma's
-- PostgreSQL adapter runs a migration split at every semicolon, even one inside quotes or a
-- comment (this comment shows none).
CREATE FUNCTION "case_count_change"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
    INSERT INTO "CaseCount" ("status", "regionCode", "categoryCode", "unitId", "caseClass", "cases")
    SELECT CAST(k."status" AS "CaseStatus"), k."regionCode", k."categoryCode", k."unitId",
        CAST(k."caseClass" AS "CaseClass"), SUM(k."delta")
    FROM (VALUES
        (CAST(OLD."status" AS text), COALESCE(OLD."regionCode", ''''), OLD."categoryCode",
            COALESCE(OLD."unitId", ''''), CAST(OLD."caseClass" AS text), -1),
        (CAST(NEW."status" AS text), COALESCE(NEW."regionCode", ''''), NEW."categoryCode",
            COALESCE(NEW."unitId", ''''), CAST(NEW."caseClass" AS text), 1)
    ) AS k("status", "regionCode", "categoryCode", "unitId", "caseClass", "delta")
    WHERE k."status" IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("status", "regionCode", "categoryCode", "unitId", "caseClass")
    DO UPDATE SET "cases" = "CaseCount"."cases" + EXCLUDED."cases"\003B
    RETURN NULL\003B
END';

CREATE TRIGGER "Case_count_after_insert_or_delete" AFTER INSERT OR DELETE ON "Case"
FOR EACH ROW EXECUTE FUNCTION "case_count_change"();

CREATE TRIGGER "Case_count_after_update"
AFTER UPDATE OF "status", "regionCode", "categoryCode", "unitId", "caseClass" ON "Case"
FOR EACH ROW
WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."regionCode" IS DISTINCT FROM NEW."regionCode"
  OR OLD."categoryCode" IS DISTINCT FROM NEW."categoryCode" OR OLD."unitId" IS DISTINCT FROM NEW."unitId"
  OR OLD."caseClass" IS DISTINCT FROM NEW."caseClass")
EXECUTE FUNCTION "case_count_change"();

-- The cases stored before.
INSERT INTO "CaseCount" ("status", "regionCode", "categoryCode", "unitId", "caseClass", "cases")
SELECT "status", COALESCE("regionCode", ''), "categoryCode", COALESCE("unitId", ''), "caseClass", COUNT(*)
FROM "Case" GROUP BY 1, 2, 3, 4, 5;
