-- The hot spots group the place keys of a period by a number per place (HotSpotPlace: the
-- region of the case and the key) instead of by the texts of region and key: sorting the 44,000
-- keys of a month as numbers, not as pairs of texts, is half the statement of the places named
-- again. Kept by a trigger whenever a key gets the columns of its case (migration
-- hot_spot_summaries: when it is written and when the region of the case changes), and the
-- seed, which loads without triggers, runs the same backfill statements as this migration
-- (bench/seed.ts).

-- DropIndex
DROP INDEX "CasePlaceKey_hot_spot_places_idx";

-- AlterTable
ALTER TABLE "CasePlaceKey" ADD COLUMN "hotSpotPlaceId" INTEGER;

-- CreateTable
CREATE TABLE "HotSpotPlace" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "regionCode" TEXT NOT NULL,
    "key" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "HotSpotPlace_regionCode_key_key" ON "HotSpotPlace"("regionCode", "key");

-- The rows stored before (bench/seed.ts runs the same two statements after its load), numbered
-- in the order of region and key.
INSERT INTO "HotSpotPlace" ("regionCode", "key")
SELECT DISTINCT COALESCE("regionCode", ''), "key" FROM "CasePlaceKey"
WHERE "key" NOT LIKE 'party:%'
ORDER BY 1, 2;

UPDATE "CasePlaceKey" SET "hotSpotPlaceId" = (
    SELECT p."id" FROM "HotSpotPlace" p
    WHERE p."regionCode" = COALESCE("CasePlaceKey"."regionCode", '') AND p."key" = "CasePlaceKey"."key")
WHERE "key" NOT LIKE 'party:%';

-- CreateIndex
CREATE INDEX "CasePlaceKey_hot_spot_places_idx" ON "CasePlaceKey"("submittedAt", "status", "hotSpotPlaceId");

-- CreateIndex
CREATE INDEX "CasePlaceKey_hot_spot_place_cases_idx" ON "CasePlaceKey"("hotSpotPlaceId", "submittedAt", "status", "categoryCode", "trackingNo", "latitude", "longitude");

-- The place of a key follows the region of its case: set when the key gets the columns of its
-- case (the insert trigger of hot_spot_summaries copies them with an UPDATE) and again when the
-- region of the case changes (the copies trigger on "Case"). A place is written the first time
-- a case names it in its region. The key of a party names no place. (The copies trigger sets
-- the region of the keys at every change of status too: then nothing is looked up.)
CREATE TRIGGER "CasePlaceKey_hot_spot_place_after_update" AFTER UPDATE OF "regionCode" ON "CasePlaceKey"
WHEN new."key" NOT LIKE 'party:%'
  AND (new."hotSpotPlaceId" IS NULL OR old."regionCode" IS NOT new."regionCode")
BEGIN
    INSERT INTO "HotSpotPlace" ("regionCode", "key")
    SELECT COALESCE(new."regionCode", ''), new."key"
    WHERE NOT EXISTS (SELECT 1 FROM "HotSpotPlace" p
        WHERE p."regionCode" = COALESCE(new."regionCode", '') AND p."key" = new."key");
    UPDATE "CasePlaceKey" SET "hotSpotPlaceId" = (
        SELECT p."id" FROM "HotSpotPlace" p
        WHERE p."regionCode" = COALESCE(new."regionCode", '') AND p."key" = new."key")
    WHERE "caseId" = new."caseId" AND "key" = new."key";
END;
