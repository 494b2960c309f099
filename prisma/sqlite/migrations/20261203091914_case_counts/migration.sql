-- CreateTable
CREATE TABLE "CaseCount" (
    "status" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "categoryCode" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "caseClass" TEXT NOT NULL,
    "cases" INTEGER NOT NULL,

    PRIMARY KEY ("status", "regionCode", "categoryCode", "unitId", "caseClass")
);


-- Kept in the same transaction as every change of a case: one row's count up, another's down.
CREATE TRIGGER "Case_count_after_insert" AFTER INSERT ON "Case" BEGIN
    INSERT INTO "CaseCount" ("status", "regionCode", "categoryCode", "unitId", "caseClass", "cases")
    VALUES (new."status", COALESCE(new."regionCode", ''), new."categoryCode", COALESCE(new."unitId", ''), new."caseClass", 1)
    ON CONFLICT ("status", "regionCode", "categoryCode", "unitId", "caseClass") DO UPDATE SET "cases" = "cases" + 1;
END;

CREATE TRIGGER "Case_count_after_delete" AFTER DELETE ON "Case" BEGIN
    UPDATE "CaseCount" SET "cases" = "cases" - 1
    WHERE "status" = old."status" AND "regionCode" = COALESCE(old."regionCode", '')
      AND "categoryCode" = old."categoryCode" AND "unitId" = COALESCE(old."unitId", '')
      AND "caseClass" = old."caseClass";
END;

CREATE TRIGGER "Case_count_after_update"
AFTER UPDATE OF "status", "regionCode", "categoryCode", "unitId", "caseClass" ON "Case"
WHEN old."status" IS NOT new."status" OR old."regionCode" IS NOT new."regionCode"
  OR old."categoryCode" IS NOT new."categoryCode" OR old."unitId" IS NOT new."unitId"
  OR old."caseClass" IS NOT new."caseClass"
BEGIN
    UPDATE "CaseCount" SET "cases" = "cases" - 1
    WHERE "status" = old."status" AND "regionCode" = COALESCE(old."regionCode", '')
      AND "categoryCode" = old."categoryCode" AND "unitId" = COALESCE(old."unitId", '')
      AND "caseClass" = old."caseClass";
    INSERT INTO "CaseCount" ("status", "regionCode", "categoryCode", "unitId", "caseClass", "cases")
    VALUES (new."status", COALESCE(new."regionCode", ''), new."categoryCode", COALESCE(new."unitId", ''), new."caseClass", 1)
    ON CONFLICT ("status", "regionCode", "categoryCode", "unitId", "caseClass") DO UPDATE SET "cases" = "cases" + 1;
END;

-- The cases stored before.
INSERT INTO "CaseCount" ("status", "regionCode", "categoryCode", "unitId", "caseClass", "cases")
SELECT "status", COALESCE("regionCode", ''), "categoryCode", COALESCE("unitId", ''), "caseClass", COUNT(*)
FROM "Case" GROUP BY 1, 2, 3, 4, 5;
