-- Every answer is followed up once while unrated, not only a promising one: the case's
-- follow-up time is renamed and filled in for the answers stored before.
DROP INDEX "Case_promiseFollowUpAt_idx";
ALTER TABLE "Case" RENAME COLUMN "promiseFollowUpAt" TO "followUpAt";
CREATE INDEX "Case_followUpAt_idx" ON "Case"("followUpAt");

-- An answered, unrated case without a promised day: a week after its answer
-- (UNRATED_ANSWER_FOLLOW_UP_DAYS), unless its 30-day review window has closed (the window ends
-- at the end of the 30th day or later: at most a few days' answers are left out early). Cases
-- with a promise keep their time, or none once asked. Dates are stored as milliseconds or as
-- ISO text, each kept in its own form.
UPDATE "Case"
SET "followUpAt" = CASE typeof("answeredAt")
    WHEN 'integer' THEN "answeredAt" + 7 * 86400000
    ELSE strftime('%Y-%m-%dT%H:%M:%f+00:00', "answeredAt", '+7 days')
  END
WHERE "status" = 'answered'
  AND "answerPromisedBy" IS NULL
  AND "followUpAt" IS NULL
  AND "answeredAt" IS NOT NULL
  -- Unrated: a rating is kept per answer, by the review stage it answered.
  AND NOT EXISTS (
    SELECT 1 FROM "Rating" r WHERE r."caseId" = "Case"."id" AND r."reviewStage" = "Case"."reviewStage"
  )
  AND CASE typeof("answeredAt")
    WHEN 'integer' THEN "answeredAt" + 30 * 86400000 > CAST(strftime('%s', 'now') AS INTEGER) * 1000
    ELSE datetime("answeredAt", '+30 days') > datetime('now')
  END;

-- A case moved on from its answer (a review, a closing) is followed up no more.
UPDATE "Case" SET "followUpAt" = NULL WHERE "status" <> 'answered' AND "followUpAt" IS NOT NULL;

-- The timeline's and the outbox's names of the follow-up, said of any answer now.
UPDATE "TimelineEntry" SET "kind" = 'answer_followed_up' WHERE "kind" = 'promise_followed_up';
UPDATE "OutboxMessage"
SET "kind" = 'answer_follow_up', "payload" = json_set("payload", '$.kind', 'answer_follow_up')
WHERE "kind" = 'promise_follow_up';
