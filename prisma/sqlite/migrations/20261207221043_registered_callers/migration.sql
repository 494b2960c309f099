-- CreateTable
CREATE TABLE "RegisteredCaller" (
    "mobile" TEXT NOT NULL PRIMARY KEY,
    "citizenId" TEXT NOT NULL,
    CONSTRAINT "RegisteredCaller_citizenId_fkey" FOREIGN KEY ("citizenId") REFERENCES "Citizen" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "RegisteredCaller_citizenId_idx" ON "RegisteredCaller"("citizenId");


-- Each mobile already registered goes with the citizen of its newest call or visit: the one the
-- next registration took before this table. Two citizens that a race made of one number before
-- it stay as they are (their cases are theirs), and only the newest is found by the number.
INSERT INTO "RegisteredCaller" ("mobile", "citizenId")
SELECT "contactPhone", "citizenId" FROM (
    SELECT "contactPhone", "citizenId",
        ROW_NUMBER() OVER (PARTITION BY "contactPhone" ORDER BY "submittedAt" DESC, "id" DESC) AS "newest"
    FROM "Case"
    WHERE "channel" IN ('phone', 'visit') AND NOT "anonymous" AND "contactPhone" GLOB '1[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'
) AS "registered"
WHERE "newest" = 1;
