-- The hot spots read summary rows and copies instead of joining the rows of a period to their
-- cases: each place key and each pair of repeats carries the columns of its cases the report
-- reads, and CaseCategoryDay counts the live cases per UTC day and category. All kept by
-- triggers in the same transaction as every insert and change, whoever writes (the submitter,
-- a decision of a clerk, a merge, the background job of the repeats), and the seed, which loads
-- without triggers, runs the same three backfill statements as this migration (bench/seed.ts).
-- The submittedAt, trackingNo and citizenId of a case never change after filing. The function
-- bodies are U& strings with \003B for their semicolons: the PostgreSQL adapter of Prisma runs a
-- migration split at every semicolon, even one inside quotes (these comments show no quote).

-- DropIndex
DROP INDEX "CasePlaceKey_submittedAt_key_caseId_idx";

-- DropIndex
DROP INDEX "CaseRepeat_submittedAt_earlierId_laterId_idx";

-- AlterTable
ALTER TABLE "CasePlaceKey" ADD COLUMN     "categoryCode" TEXT,
ADD COLUMN     "latitude" DOUBLE PRECISION,
ADD COLUMN     "longitude" DOUBLE PRECISION,
ADD COLUMN     "regionCode" TEXT,
ADD COLUMN     "status" "CaseStatus",
ADD COLUMN     "trackingNo" TEXT;

-- AlterTable
ALTER TABLE "CaseRepeat" ADD COLUMN     "citizenId" TEXT,
ADD COLUMN     "earlierAt" TIMESTAMP(3),
ADD COLUMN     "earlierLat" DOUBLE PRECISION,
ADD COLUMN     "earlierLng" DOUBLE PRECISION,
ADD COLUMN     "earlierNo" TEXT,
ADD COLUMN     "earlierStatus" "CaseStatus",
ADD COLUMN     "laterLat" DOUBLE PRECISION,
ADD COLUMN     "laterLng" DOUBLE PRECISION,
ADD COLUMN     "laterNo" TEXT,
ADD COLUMN     "laterStatus" "CaseStatus";

-- CreateTable
CREATE TABLE "CaseCategoryDay" (
    "day" TEXT NOT NULL,
    "categoryCode" TEXT NOT NULL,
    "cases" INTEGER NOT NULL,
    "firstAt" TIMESTAMP(3),

    CONSTRAINT "CaseCategoryDay_pkey" PRIMARY KEY ("day","categoryCode")
);

-- The rows stored before (bench/seed.ts runs the same three statements after its load).
UPDATE "CasePlaceKey" k SET "trackingNo" = c."trackingNo", "categoryCode" = c."categoryCode",
    "regionCode" = c."regionCode", "status" = c."status", "latitude" = c."latitude",
    "longitude" = c."longitude"
FROM "Case" c WHERE c."id" = k."caseId";

UPDATE "CaseRepeat" r SET "citizenId" = e."citizenId", "earlierNo" = e."trackingNo",
    "earlierAt" = e."submittedAt", "earlierStatus" = e."status", "earlierLat" = e."latitude",
    "earlierLng" = e."longitude", "laterNo" = l."trackingNo", "laterStatus" = l."status",
    "laterLat" = l."latitude", "laterLng" = l."longitude"
FROM "Case" e, "Case" l WHERE e."id" = r."earlierId" AND l."id" = r."laterId";

INSERT INTO "CaseCategoryDay" ("day", "categoryCode", "cases", "firstAt")
SELECT to_char("submittedAt", 'YYYY-MM-DD'), "categoryCode", COUNT(*), MIN("submittedAt") FROM "Case"
WHERE "status" NOT IN ('merged', 'withdrawn', 'not_accepted')
GROUP BY 1, 2;

-- CreateIndex
CREATE INDEX "CasePlaceKey_hot_spot_places_idx" ON "CasePlaceKey"("submittedAt", "status", "key", "regionCode", "categoryCode", "trackingNo", "latitude", "longitude");

-- CreateIndex
CREATE INDEX "CaseRepeat_hot_spot_pairs_idx" ON "CaseRepeat"("submittedAt", "earlierAt", "earlierStatus", "laterStatus", "citizenId", "earlierNo", "laterNo", "earlierLat", "earlierLng", "laterLat", "laterLng");

-- CreateIndex
CREATE INDEX "Case_hot_spot_located_idx" ON "Case"("locatedAt", "status", "categoryCode", "latitude", "longitude", "trackingNo");

-- A place key or a pair gets the columns of its cases when it is written.
CREATE FUNCTION "case_place_key_hot_spot_fill"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
    SELECT c."trackingNo", c."categoryCode", c."regionCode", c."status", c."latitude", c."longitude"
    INTO NEW."trackingNo", NEW."categoryCode", NEW."regionCode", NEW."status", NEW."latitude", NEW."longitude"
    FROM "Case" c WHERE c."id" = NEW."caseId"\003B
    RETURN NEW\003B
END';

CREATE TRIGGER "CasePlaceKey_hot_spot_before_insert" BEFORE INSERT ON "CasePlaceKey"
FOR EACH ROW EXECUTE FUNCTION "case_place_key_hot_spot_fill"();

CREATE FUNCTION "case_repeat_hot_spot_fill"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
    SELECT e."citizenId", e."trackingNo", e."submittedAt", e."status", e."latitude", e."longitude"
    INTO NEW."citizenId", NEW."earlierNo", NEW."earlierAt", NEW."earlierStatus", NEW."earlierLat", NEW."earlierLng"
    FROM "Case" e WHERE e."id" = NEW."earlierId"\003B
    SELECT l."trackingNo", l."status", l."latitude", l."longitude"
    INTO NEW."laterNo", NEW."laterStatus", NEW."laterLat", NEW."laterLng"
    FROM "Case" l WHERE l."id" = NEW."laterId"\003B
    RETURN NEW\003B
END';

CREATE TRIGGER "CaseRepeat_hot_spot_before_insert" BEFORE INSERT ON "CaseRepeat"
FOR EACH ROW EXECUTE FUNCTION "case_repeat_hot_spot_fill"();

-- A change of a case reaches its place keys and pairs (through their (caseId, key) and
-- (earlierId, laterId) keys and the laterId index).
CREATE FUNCTION "case_hot_spot_copies_change"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
    UPDATE "CasePlaceKey" SET "categoryCode" = NEW."categoryCode", "regionCode" = NEW."regionCode",
        "status" = NEW."status", "latitude" = NEW."latitude", "longitude" = NEW."longitude"
    WHERE "caseId" = NEW."id"\003B
    UPDATE "CaseRepeat" SET "earlierStatus" = NEW."status", "earlierLat" = NEW."latitude",
        "earlierLng" = NEW."longitude"
    WHERE "earlierId" = NEW."id"\003B
    UPDATE "CaseRepeat" SET "laterStatus" = NEW."status", "laterLat" = NEW."latitude",
        "laterLng" = NEW."longitude"
    WHERE "laterId" = NEW."id"\003B
    RETURN NULL\003B
END';

CREATE TRIGGER "Case_hot_spot_copies_after_update"
AFTER UPDATE OF "status", "categoryCode", "regionCode", "latitude", "longitude" ON "Case"
FOR EACH ROW
WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."categoryCode" IS DISTINCT FROM NEW."categoryCode"
  OR OLD."regionCode" IS DISTINCT FROM NEW."regionCode" OR OLD."latitude" IS DISTINCT FROM NEW."latitude"
  OR OLD."longitude" IS DISTINCT FROM NEW."longitude")
EXECUTE FUNCTION "case_hot_spot_copies_change"();

-- The count of live cases per day and category: one INSERT … ON CONFLICT adds -1 to the row the
-- case leaves and +1 to the row it joins, in the order of their keys (as "CaseCount": two
-- transactions moving cases in opposite directions never deadlock). The first of the day is looked
-- up again (the index entries of the day) only when the first one goes.
CREATE FUNCTION "case_category_day_change"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
    INSERT INTO "CaseCategoryDay" ("day", "categoryCode", "cases", "firstAt")
    SELECT k."day", k."categoryCode", SUM(k."delta"), MIN(k."firstAt")
    FROM (VALUES
        (CASE WHEN OLD."status" NOT IN (''merged'', ''withdrawn'', ''not_accepted'')
            THEN to_char(OLD."submittedAt", ''YYYY-MM-DD'') END, OLD."categoryCode", -1,
            CAST(NULL AS timestamp(3))),
        (CASE WHEN NEW."status" NOT IN (''merged'', ''withdrawn'', ''not_accepted'')
            THEN to_char(NEW."submittedAt", ''YYYY-MM-DD'') END, NEW."categoryCode", 1,
            NEW."submittedAt")
    ) AS k("day", "categoryCode", "delta", "firstAt")
    WHERE k."day" IS NOT NULL
    GROUP BY 1, 2
    ORDER BY 1, 2
    ON CONFLICT ("day", "categoryCode") DO UPDATE
    SET "cases" = "CaseCategoryDay"."cases" + EXCLUDED."cases",
        "firstAt" = LEAST("CaseCategoryDay"."firstAt", EXCLUDED."firstAt")\003B
    IF OLD."status" NOT IN (''merged'', ''withdrawn'', ''not_accepted'') THEN
        UPDATE "CaseCategoryDay" d SET "firstAt" = (
            SELECT MIN(c."submittedAt") FROM "Case" c
            WHERE c."submittedAt" >= CAST(d."day" AS timestamp(3))
              AND c."submittedAt" < CAST(d."day" AS timestamp(3)) + interval ''1 day''
              AND c."status" NOT IN (''merged'', ''withdrawn'', ''not_accepted'')
              AND c."categoryCode" = d."categoryCode")
        WHERE d."day" = to_char(OLD."submittedAt", ''YYYY-MM-DD'')
          AND d."categoryCode" = OLD."categoryCode" AND d."firstAt" = OLD."submittedAt"\003B
    END IF\003B
    RETURN NULL\003B
END';

CREATE TRIGGER "Case_category_day_after_insert_or_delete" AFTER INSERT OR DELETE ON "Case"
FOR EACH ROW EXECUTE FUNCTION "case_category_day_change"();

CREATE TRIGGER "Case_category_day_after_update" AFTER UPDATE OF "status", "categoryCode" ON "Case"
FOR EACH ROW
WHEN ((OLD."status" IN ('merged', 'withdrawn', 'not_accepted')) IS DISTINCT FROM (NEW."status" IN ('merged', 'withdrawn', 'not_accepted'))
  OR OLD."categoryCode" IS DISTINCT FROM NEW."categoryCode")
EXECUTE FUNCTION "case_category_day_change"();
