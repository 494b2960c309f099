-- Timeline facts move from the note into "data" (src/domain/lifecycle/timeline.ts,
-- TimelineFactSchema), the note keeps only words a person wrote. Each statement
-- converts one old note shape, and only rows that have no data yet.

-- assigned: "<unitId>"
UPDATE "TimelineEntry" SET "data" = jsonb_build_object('unitId', "note"), "note" = NULL
WHERE "kind" = 'assigned' AND "data" IS NULL AND "note" IS NOT NULL;

-- reassigned: "<from unitId or none> → <to unitId>"
UPDATE "TimelineEntry"
SET "data" = jsonb_build_object(
      'fromUnitId', NULLIF(split_part("note", ' → ', 1), 'none'),
      'toUnitId', split_part("note", ' → ', 2)),
    "note" = NULL
WHERE "kind" = 'reassigned' AND "data" IS NULL AND strpos("note", ' → ') > 0;

-- returned: "<unitId or none>: <reason>"
UPDATE "TimelineEntry"
SET "data" = jsonb_build_object('unitId', NULLIF(split_part("note", ': ', 1), 'none')),
    "note" = substr("note", strpos("note", ': ') + 2)
WHERE "kind" = 'returned' AND "data" IS NULL AND strpos("note", ': ') > 0;

-- extended: "<days> days: <reason>", the new deadline is the case's handling deadline
-- (a case is extended once, and nothing moves that deadline afterwards).
UPDATE "TimelineEntry" t
SET "data" = jsonb_build_object(
      'days', split_part(t."note", ' days: ', 1)::integer,
      'newDueAt', to_char(c."handlingDueAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
    "note" = substr(t."note", strpos(t."note", ' days: ') + 7)
FROM "Case" c
WHERE c."id" = t."caseId"
  AND t."kind" = 'extended' AND t."data" IS NULL AND strpos(t."note", ' days: ') > 0;

-- answered, review_answered (no note): the case keeps the outcome of its latest answer
-- only, earlier answers' outcomes were not recorded.
UPDATE "TimelineEntry" t
SET "data" = jsonb_build_object('outcome', CASE
      WHEN EXISTS (
        SELECT 1 FROM "TimelineEntry" later
        WHERE later."caseId" = t."caseId"
          AND later."kind" IN ('answered', 'review_answered')
          AND (later."at" > t."at" OR (later."at" = t."at" AND later."id" > t."id")))
      THEN NULL
      ELSE c."answerOutcome"::text
    END)
FROM "Case" c
WHERE c."id" = t."caseId" AND t."kind" IN ('answered', 'review_answered') AND t."data" IS NULL;

-- review_requested: "复查" (stage 1) or "复核" (stage 2)
UPDATE "TimelineEntry"
SET "data" = jsonb_build_object('stage', CASE "note" WHEN '复核' THEN 2 ELSE 1 END), "note" = NULL
WHERE "kind" = 'review_requested' AND "data" IS NULL AND "note" IN ('复查', '复核');

-- merged: "<tracking number merged into>", merged_from: "<tracking number of the duplicate>"
UPDATE "TimelineEntry" SET "data" = jsonb_build_object('intoTrackingNo', "note"), "note" = NULL
WHERE "kind" = 'merged' AND "data" IS NULL AND "note" IS NOT NULL;
UPDATE "TimelineEntry" SET "data" = jsonb_build_object('fromTrackingNo', "note"), "note" = NULL
WHERE "kind" = 'merged_from' AND "data" IS NULL AND "note" IS NOT NULL;

-- rated: "solved, <satisfaction>" or "unsolved, <satisfaction>"
UPDATE "TimelineEntry"
SET "data" = jsonb_build_object(
      'solved', split_part("note", ', ', 1) = 'solved',
      'satisfaction', split_part("note", ', ', 2)),
    "note" = NULL
WHERE "kind" = 'rated' AND "data" IS NULL AND strpos("note", ', ') > 0;

-- recategorized: "<from category> → <to category> (<from class> → <to class>)"
UPDATE "TimelineEntry"
SET "data" = jsonb_build_object(
      'fromCategory', split_part("note", ' → ', 1),
      'toCategory', split_part(split_part("note", ' → ', 2), ' (', 1),
      'fromClass', split_part(split_part("note", ' (', 2), ' → ', 1),
      'toClass', rtrim(split_part(split_part("note", ' (', 2), ' → ', 2), ')')),
    "note" = NULL
WHERE "kind" = 'recategorized' AND "data" IS NULL AND strpos("note", ' (') > 0;

-- reclassified: "<from class> → <to class>"
UPDATE "TimelineEntry"
SET "data" = jsonb_build_object(
      'from', split_part("note", ' → ', 1),
      'to', split_part("note", ' → ', 2)),
    "note" = NULL
WHERE "kind" = 'reclassified' AND "data" IS NULL AND strpos("note", ' → ') > 0;

-- reminded: "<clock>"
UPDATE "TimelineEntry" SET "data" = jsonb_build_object('clock', "note"), "note" = NULL
WHERE "kind" = 'reminded' AND "data" IS NULL AND "note" IS NOT NULL;

-- escalated: "<clock>, <days> days overdue"
UPDATE "TimelineEntry"
SET "data" = jsonb_build_object(
      'clock', split_part("note", ', ', 1),
      'overdueDays', split_part(split_part("note", ', ', 2), ' ', 1)::integer),
    "note" = NULL
WHERE "kind" = 'escalated' AND "data" IS NULL AND strpos("note", ', ') > 0;

-- query_code_reset: "<n> wrong query codes: a new code was sent to the citizen"
UPDATE "TimelineEntry"
SET "data" = jsonb_build_object('wrongCodes', split_part("note", ' ', 1)::integer),
    "note" = NULL
WHERE "kind" = 'query_code_reset' AND "data" IS NULL AND strpos("note", ' ') > 0;
