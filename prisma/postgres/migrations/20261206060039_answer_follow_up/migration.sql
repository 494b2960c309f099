-- Every answer is followed up once while unrated, not only a promising one: the case's
-- follow-up time is renamed and filled in for the answers stored before.
ALTER TABLE "Case" RENAME COLUMN "promiseFollowUpAt" TO "followUpAt";
ALTER INDEX "Case_promiseFollowUpAt_idx" RENAME TO "Case_followUpAt_idx";

-- An answered, unrated case without a promised day: a week after its answer
-- (UNRATED_ANSWER_FOLLOW_UP_DAYS), unless its 30-day review window has closed (the window ends
-- at the end of the 30th day or later: at most a few days' answers are left out early). Cases
-- with a promise keep their time, or none once asked. Times are UTC without a zone.
UPDATE "Case"
SET "followUpAt" = "answeredAt" + INTERVAL '7 days'
WHERE "status" = 'answered'
  AND "answerPromisedBy" IS NULL
  AND "followUpAt" IS NULL
  AND "answeredAt" IS NOT NULL
  -- Unrated: a rating is kept per answer, by the review stage it answered.
  AND NOT EXISTS (
    SELECT 1 FROM "Rating" r WHERE r."caseId" = "Case"."id" AND r."reviewStage" = "Case"."reviewStage"
  )
  AND "answeredAt" + INTERVAL '30 days' > (now() AT TIME ZONE 'UTC');

-- A case moved on from its answer (a review, a closing) is followed up no more.
UPDATE "Case" SET "followUpAt" = NULL WHERE "status" <> 'answered' AND "followUpAt" IS NOT NULL;

-- The timeline's and the outbox's names of the follow-up, said of any answer now.
UPDATE "TimelineEntry" SET "kind" = 'answer_followed_up' WHERE "kind" = 'promise_followed_up';
UPDATE "OutboxMessage"
SET "kind" = 'answer_follow_up', "payload" = jsonb_set("payload", '{kind}', '"answer_follow_up"')
WHERE "kind" = 'promise_follow_up';
