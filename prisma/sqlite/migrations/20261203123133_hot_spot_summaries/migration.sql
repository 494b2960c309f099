-- The hot spots read summary rows and copies instead of joining the period's rows to their
-- cases: each place key and each pair of repeats carries the columns of its case(s) the report
-- reads, and CaseCategoryDay counts the live cases per UTC day and category. All kept by
-- triggers in the same transaction as every insert and change, whoever writes (the submitter,
-- a clerk's decision, a merge, the repeats' background job); the seed, which loads without
-- triggers, runs the same three backfill statements as this migration (bench/seed.ts).
-- A case's submittedAt, trackingNo and citizenId never change after filing.

-- DropIndex
DROP INDEX "CasePlaceKey_submittedAt_key_caseId_idx";

-- DropIndex
DROP INDEX "CaseRepeat_submittedAt_earlierId_laterId_idx";

-- AlterTable
ALTER TABLE "CasePlaceKey" ADD COLUMN "categoryCode" TEXT;
ALTER TABLE "CasePlaceKey" ADD COLUMN "latitude" REAL;
ALTER TABLE "CasePlaceKey" ADD COLUMN "longitude" REAL;
ALTER TABLE "CasePlaceKey" ADD COLUMN "regionCode" TEXT;
ALTER TABLE "CasePlaceKey" ADD COLUMN "status" TEXT;
ALTER TABLE "CasePlaceKey" ADD COLUMN "trackingNo" TEXT;

-- AlterTable
ALTER TABLE "CaseRepeat" ADD COLUMN "citizenId" TEXT;
ALTER TABLE "CaseRepeat" ADD COLUMN "earlierAt" DATETIME;
ALTER TABLE "CaseRepeat" ADD COLUMN "earlierLat" REAL;
ALTER TABLE "CaseRepeat" ADD COLUMN "earlierLng" REAL;
ALTER TABLE "CaseRepeat" ADD COLUMN "earlierNo" TEXT;
ALTER TABLE "CaseRepeat" ADD COLUMN "earlierStatus" TEXT;
ALTER TABLE "CaseRepeat" ADD COLUMN "laterLat" REAL;
ALTER TABLE "CaseRepeat" ADD COLUMN "laterLng" REAL;
ALTER TABLE "CaseRepeat" ADD COLUMN "laterNo" TEXT;
ALTER TABLE "CaseRepeat" ADD COLUMN "laterStatus" TEXT;

-- CreateTable
CREATE TABLE "CaseCategoryDay" (
    "day" TEXT NOT NULL,
    "categoryCode" TEXT NOT NULL,
    "cases" INTEGER NOT NULL,
    "firstAt" DATETIME,

    PRIMARY KEY ("day", "categoryCode")
);

-- The rows stored before (bench/seed.ts runs the same three statements after its load).
UPDATE "CasePlaceKey" SET ("trackingNo", "categoryCode", "regionCode", "status", "latitude", "longitude") =
    (SELECT c."trackingNo", c."categoryCode", c."regionCode", c."status", c."latitude", c."longitude"
     FROM "Case" c WHERE c."id" = "CasePlaceKey"."caseId");

UPDATE "CaseRepeat" SET
    ("citizenId", "earlierNo", "earlierAt", "earlierStatus", "earlierLat", "earlierLng") =
        (SELECT e."citizenId", e."trackingNo", e."submittedAt", e."status", e."latitude", e."longitude"
         FROM "Case" e WHERE e."id" = "CaseRepeat"."earlierId"),
    ("laterNo", "laterStatus", "laterLat", "laterLng") =
        (SELECT l."trackingNo", l."status", l."latitude", l."longitude"
         FROM "Case" l WHERE l."id" = "CaseRepeat"."laterId");

INSERT INTO "CaseCategoryDay" ("day", "categoryCode", "cases", "firstAt")
SELECT substr("submittedAt", 1, 10), "categoryCode", COUNT(*), MIN("submittedAt") FROM "Case"
WHERE "status" NOT IN ('merged', 'withdrawn', 'not_accepted')
GROUP BY 1, 2;

-- CreateIndex
CREATE INDEX "CasePlaceKey_hot_spot_places_idx" ON "CasePlaceKey"("submittedAt", "status", "key", "regionCode", "categoryCode", "trackingNo", "latitude", "longitude");

-- CreateIndex
CREATE INDEX "CaseRepeat_hot_spot_pairs_idx" ON "CaseRepeat"("submittedAt", "earlierAt", "earlierStatus", "laterStatus", "citizenId", "earlierNo", "laterNo", "earlierLat", "earlierLng", "laterLat", "laterLng");

-- CreateIndex
CREATE INDEX "Case_hot_spot_located_idx" ON "Case"("locatedAt", "status", "categoryCode", "latitude", "longitude", "trackingNo");

-- A place key or a pair gets its case's columns when it is written.
CREATE TRIGGER "CasePlaceKey_hot_spot_after_insert" AFTER INSERT ON "CasePlaceKey" BEGIN
    UPDATE "CasePlaceKey" SET ("trackingNo", "categoryCode", "regionCode", "status", "latitude", "longitude") =
        (SELECT c."trackingNo", c."categoryCode", c."regionCode", c."status", c."latitude", c."longitude"
         FROM "Case" c WHERE c."id" = new."caseId")
    WHERE "caseId" = new."caseId" AND "key" = new."key";
END;

CREATE TRIGGER "CaseRepeat_hot_spot_after_insert" AFTER INSERT ON "CaseRepeat" BEGIN
    UPDATE "CaseRepeat" SET
        ("citizenId", "earlierNo", "earlierAt", "earlierStatus", "earlierLat", "earlierLng") =
            (SELECT e."citizenId", e."trackingNo", e."submittedAt", e."status", e."latitude", e."longitude"
             FROM "Case" e WHERE e."id" = new."earlierId"),
        ("laterNo", "laterStatus", "laterLat", "laterLng") =
            (SELECT l."trackingNo", l."status", l."latitude", l."longitude"
             FROM "Case" l WHERE l."id" = new."laterId")
    WHERE "earlierId" = new."earlierId" AND "laterId" = new."laterId";
END;

-- A case's change reaches its place keys and pairs (through their (caseId, key) and
-- (earlierId, laterId) keys and the laterId index).
CREATE TRIGGER "Case_hot_spot_copies_after_update"
AFTER UPDATE OF "status", "categoryCode", "regionCode", "latitude", "longitude" ON "Case"
WHEN old."status" IS NOT new."status" OR old."categoryCode" IS NOT new."categoryCode"
  OR old."regionCode" IS NOT new."regionCode" OR old."latitude" IS NOT new."latitude"
  OR old."longitude" IS NOT new."longitude"
BEGIN
    UPDATE "CasePlaceKey" SET "categoryCode" = new."categoryCode", "regionCode" = new."regionCode",
        "status" = new."status", "latitude" = new."latitude", "longitude" = new."longitude"
    WHERE "caseId" = new."id";
    UPDATE "CaseRepeat" SET "earlierStatus" = new."status", "earlierLat" = new."latitude",
        "earlierLng" = new."longitude"
    WHERE "earlierId" = new."id";
    UPDATE "CaseRepeat" SET "laterStatus" = new."status", "laterLat" = new."latitude",
        "laterLng" = new."longitude"
    WHERE "laterId" = new."id";
END;

-- The day's count of a live case's category: up when one is filed or comes back to life, down
-- when it is deleted, merged, withdrawn or not accepted, or moves to another category. The
-- day's first is looked up again (the day's index entries) only when the first one goes.
CREATE TRIGGER "Case_category_day_after_insert" AFTER INSERT ON "Case"
WHEN new."status" NOT IN ('merged', 'withdrawn', 'not_accepted')
BEGIN
    INSERT INTO "CaseCategoryDay" ("day", "categoryCode", "cases", "firstAt")
    VALUES (substr(new."submittedAt", 1, 10), new."categoryCode", 1, new."submittedAt")
    ON CONFLICT ("day", "categoryCode") DO UPDATE SET "cases" = "cases" + 1,
        "firstAt" = CASE WHEN "firstAt" IS NULL OR excluded."firstAt" < "firstAt"
            THEN excluded."firstAt" ELSE "firstAt" END;
END;

CREATE TRIGGER "Case_category_day_after_delete" AFTER DELETE ON "Case"
WHEN old."status" NOT IN ('merged', 'withdrawn', 'not_accepted')
BEGIN
    UPDATE "CaseCategoryDay" SET "cases" = "cases" - 1,
        "firstAt" = CASE WHEN "firstAt" = old."submittedAt" THEN (
            SELECT MIN(c."submittedAt") FROM "Case" c
            WHERE c."submittedAt" >= "day" AND c."submittedAt" < date("day", '+1 day')
              AND c."status" NOT IN ('merged', 'withdrawn', 'not_accepted')
              AND c."categoryCode" = old."categoryCode") ELSE "firstAt" END
    WHERE "day" = substr(old."submittedAt", 1, 10) AND "categoryCode" = old."categoryCode";
END;

CREATE TRIGGER "Case_category_day_after_update" AFTER UPDATE OF "status", "categoryCode" ON "Case"
WHEN (old."status" IN ('merged', 'withdrawn', 'not_accepted')) IS NOT (new."status" IN ('merged', 'withdrawn', 'not_accepted'))
  OR old."categoryCode" IS NOT new."categoryCode"
BEGIN
    UPDATE "CaseCategoryDay" SET "cases" = "cases" - 1,
        "firstAt" = CASE WHEN "firstAt" = old."submittedAt" THEN (
            SELECT MIN(c."submittedAt") FROM "Case" c
            WHERE c."submittedAt" >= "day" AND c."submittedAt" < date("day", '+1 day')
              AND c."status" NOT IN ('merged', 'withdrawn', 'not_accepted')
              AND c."categoryCode" = old."categoryCode") ELSE "firstAt" END
    WHERE old."status" NOT IN ('merged', 'withdrawn', 'not_accepted')
      AND "day" = substr(old."submittedAt", 1, 10) AND "categoryCode" = old."categoryCode";
    INSERT INTO "CaseCategoryDay" ("day", "categoryCode", "cases", "firstAt")
    SELECT substr(new."submittedAt", 1, 10), new."categoryCode", 1, new."submittedAt"
    WHERE new."status" NOT IN ('merged', 'withdrawn', 'not_accepted')
    ON CONFLICT ("day", "categoryCode") DO UPDATE SET "cases" = "cases" + 1,
        "firstAt" = CASE WHEN "firstAt" IS NULL OR excluded."firstAt" < "firstAt"
            THEN excluded."firstAt" ELSE "firstAt" END;
END;
