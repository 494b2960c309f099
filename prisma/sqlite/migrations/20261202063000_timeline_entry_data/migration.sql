-- Timeline facts move from the note into "data" (src/domain/lifecycle/timeline.ts,
-- TimelineFactSchema), the note keeps only words a person wrote. Each statement
-- converts one old note shape, and only rows that have no data yet.

-- assigned: "<unitId>"
UPDATE "TimelineEntry" SET "data" = json_object('unitId', "note"), "note" = NULL
WHERE "kind" = 'assigned' AND "data" IS NULL AND "note" IS NOT NULL;

-- reassigned: "<from unitId or none> → <to unitId>"
UPDATE "TimelineEntry"
SET "data" = json_object(
      'fromUnitId', NULLIF(substr("note", 1, instr("note", ' → ') - 1), 'none'),
      'toUnitId', substr("note", instr("note", ' → ') + 3)),
    "note" = NULL
WHERE "kind" = 'reassigned' AND "data" IS NULL AND instr("note", ' → ') > 0;

-- returned: "<unitId or none>: <reason>"
UPDATE "TimelineEntry"
SET "data" = json_object('unitId', NULLIF(substr("note", 1, instr("note", ': ') - 1), 'none')),
    "note" = substr("note", instr("note", ': ') + 2)
WHERE "kind" = 'returned' AND "data" IS NULL AND instr("note", ': ') > 0;

-- extended: "<days> days: <reason>", the new deadline is the case's handling deadline
-- (a case is extended once, and nothing moves that deadline afterwards).
UPDATE "TimelineEntry"
SET "data" = json_object(
      'days', CAST(substr("note", 1, instr("note", ' days: ') - 1) AS INTEGER),
      'newDueAt', (
        SELECT CASE typeof(c."handlingDueAt")
          WHEN 'integer' THEN strftime('%Y-%m-%dT%H:%M:%fZ', c."handlingDueAt" / 1000.0, 'unixepoch')
          ELSE replace(c."handlingDueAt", '+00:00', 'Z')
        END
        FROM "Case" c WHERE c."id" = "TimelineEntry"."caseId")),
    "note" = substr("note", instr("note", ' days: ') + 7)
WHERE "kind" = 'extended' AND "data" IS NULL AND instr("note", ' days: ') > 0;

-- answered, review_answered (no note): the case keeps the outcome of its latest answer
-- only, earlier answers' outcomes were not recorded.
UPDATE "TimelineEntry"
SET "data" = json_object('outcome', CASE
      WHEN EXISTS (
        SELECT 1 FROM "TimelineEntry" later
        WHERE later."caseId" = "TimelineEntry"."caseId"
          AND later."kind" IN ('answered', 'review_answered')
          AND (later."at" > "TimelineEntry"."at"
            OR (later."at" = "TimelineEntry"."at" AND later."id" > "TimelineEntry"."id")))
      THEN NULL
      ELSE (SELECT c."answerOutcome" FROM "Case" c WHERE c."id" = "TimelineEntry"."caseId")
    END)
WHERE "kind" IN ('answered', 'review_answered') AND "data" IS NULL;

-- review_requested: "复查" (stage 1) or "复核" (stage 2)
UPDATE "TimelineEntry"
SET "data" = json_object('stage', CASE "note" WHEN '复核' THEN 2 ELSE 1 END), "note" = NULL
WHERE "kind" = 'review_requested' AND "data" IS NULL AND "note" IN ('复查', '复核');

-- merged: "<tracking number merged into>", merged_from: "<tracking number of the duplicate>"
UPDATE "TimelineEntry" SET "data" = json_object('intoTrackingNo', "note"), "note" = NULL
WHERE "kind" = 'merged' AND "data" IS NULL AND "note" IS NOT NULL;
UPDATE "TimelineEntry" SET "data" = json_object('fromTrackingNo', "note"), "note" = NULL
WHERE "kind" = 'merged_from' AND "data" IS NULL AND "note" IS NOT NULL;

-- rated: "solved, <satisfaction>" or "unsolved, <satisfaction>"
UPDATE "TimelineEntry"
SET "data" = json_object(
      'solved', json(CASE WHEN "note" LIKE 'solved, %' THEN 'true' ELSE 'false' END),
      'satisfaction', substr("note", instr("note", ', ') + 2)),
    "note" = NULL
WHERE "kind" = 'rated' AND "data" IS NULL AND instr("note", ', ') > 0;

-- recategorized: "<from category> → <to category> (<from class> → <to class>)"
UPDATE "TimelineEntry"
SET "data" = json_object(
      'fromCategory', substr("note", 1, instr("note", ' → ') - 1),
      'toCategory', substr("note", instr("note", ' → ') + 3,
        instr("note", ' (') - instr("note", ' → ') - 3),
      'fromClass', substr(substr("note", instr("note", ' (') + 2), 1,
        instr(substr("note", instr("note", ' (') + 2), ' → ') - 1),
      'toClass', rtrim(substr(substr("note", instr("note", ' (') + 2),
        instr(substr("note", instr("note", ' (') + 2), ' → ') + 3), ')')),
    "note" = NULL
WHERE "kind" = 'recategorized' AND "data" IS NULL AND instr("note", ' (') > 0;

-- reclassified: "<from class> → <to class>"
UPDATE "TimelineEntry"
SET "data" = json_object(
      'from', substr("note", 1, instr("note", ' → ') - 1),
      'to', substr("note", instr("note", ' → ') + 3)),
    "note" = NULL
WHERE "kind" = 'reclassified' AND "data" IS NULL AND instr("note", ' → ') > 0;

-- reminded: "<clock>"
UPDATE "TimelineEntry" SET "data" = json_object('clock', "note"), "note" = NULL
WHERE "kind" = 'reminded' AND "data" IS NULL AND "note" IS NOT NULL;

-- escalated: "<clock>, <days> days overdue"
UPDATE "TimelineEntry"
SET "data" = json_object(
      'clock', substr("note", 1, instr("note", ', ') - 1),
      'overdueDays', CAST(substr("note", instr("note", ', ') + 2) AS INTEGER)),
    "note" = NULL
WHERE "kind" = 'escalated' AND "data" IS NULL AND instr("note", ', ') > 0;

-- query_code_reset: "<n> wrong query codes: a new code was sent to the citizen"
UPDATE "TimelineEntry"
SET "data" = json_object('wrongCodes', CAST(substr("note", 1, instr("note", ' ') - 1) AS INTEGER)),
    "note" = NULL
WHERE "kind" = 'query_code_reset' AND "data" IS NULL AND instr("note", ' ') > 0;
