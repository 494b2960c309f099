-- The hot spots group the place keys of a period by a number per place (HotSpotPlace: the
-- region of the case and the key) instead of by the texts of region and key: sorting the 44,000
-- keys of a month as numbers, not as pairs of texts, is half the statement of the places named
-- again. Kept by a trigger whenever a key is written or gets the region of its case (migration
-- hot_spot_summaries: when the region of the case changes), and the seed, which loads without
-- triggers, runs the same backfill statements as this migration (bench/seed.ts). The function
-- body is a U& string with \003B for its semicolons (see hot_spot_summaries).

-- DropIndex
DROP INDEX "CasePlaceKey_hot_spot_places_idx";

-- AlterTable
ALTER TABLE "CasePlaceKey" ADD COLUMN     "hotSpotPlaceId" INTEGER;

-- CreateTable
CREATE TABLE "HotSpotPlace" (
    "id" SERIAL NOT NULL,
    "regionCode" TEXT NOT NULL,
    "key" TEXT NOT NULL,

    CONSTRAINT "HotSpotPlace_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "HotSpotPlace_regionCode_key_key" ON "HotSpotPlace"("regionCode", "key");

-- The rows stored before (bench/seed.ts runs the same two statements after its load), numbered
-- in the order of region and key.
INSERT INTO "HotSpotPlace" ("regionCode", "key")
SELECT DISTINCT COALESCE("regionCode", '') COLLATE "C", "key" COLLATE "C" FROM "CasePlaceKey"
WHERE "key" NOT LIKE 'party:%'
ORDER BY 1, 2;

UPDATE "CasePlaceKey" k SET "hotSpotPlaceId" = p."id"
FROM "HotSpotPlace" p
WHERE k."key" NOT LIKE 'party:%' AND p."regionCode" = COALESCE(k."regionCode", '') AND p."key" = k."key";

-- CreateIndex
CREATE INDEX "CasePlaceKey_hot_spot_places_idx" ON "CasePlaceKey"("submittedAt", "status", "hotSpotPlaceId");

-- CreateIndex
CREATE INDEX "CasePlaceKey_hot_spot_place_cases_idx" ON "CasePlaceKey"("hotSpotPlaceId", "submittedAt", "status", "categoryCode", "trackingNo", "latitude", "longitude");

-- The place of a key follows the region of its case: set when the key is written (after the
-- trigger that copies the columns of its case: PostgreSQL runs the BEFORE triggers of a row in
-- the order of their names, CasePlaceKey_hot_spot_before_insert first) and again when the
-- region of the case changes (the copies trigger on "Case" updates the regionCode of the key).
-- A place is written the first time a case names it in its region (ON CONFLICT: another
-- transaction may write it meanwhile). The key of a party names no place. (The copies trigger
-- sets the region of the keys at every change of status too: then nothing is looked up.)
CREATE FUNCTION "case_place_key_hot_spot_place"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
    IF NEW."key" LIKE ''party:%'' OR TG_OP = ''UPDATE''
        AND NEW."hotSpotPlaceId" IS NOT NULL AND OLD."regionCode" IS NOT DISTINCT FROM NEW."regionCode" THEN
        RETURN NEW\003B
    END IF\003B
    SELECT p."id" INTO NEW."hotSpotPlaceId" FROM "HotSpotPlace" p
    WHERE p."regionCode" = COALESCE(NEW."regionCode", '''') AND p."key" = NEW."key"\003B
    IF NEW."hotSpotPlaceId" IS NULL THEN
        INSERT INTO "HotSpotPlace" ("regionCode", "key")
        VALUES (COALESCE(NEW."regionCode", ''''), NEW."key") ON CONFLICT DO NOTHING\003B
        SELECT p."id" INTO NEW."hotSpotPlaceId" FROM "HotSpotPlace" p
        WHERE p."regionCode" = COALESCE(NEW."regionCode", '''') AND p."key" = NEW."key"\003B
    END IF\003B
    RETURN NEW\003B
END';

CREATE TRIGGER "CasePlaceKey_hot_spot_place_before_write"
BEFORE INSERT OR UPDATE OF "regionCode" ON "CasePlaceKey"
FOR EACH ROW EXECUTE FUNCTION "case_place_key_hot_spot_place"();
