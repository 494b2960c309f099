/**
 * The answer_follow_up migration on a database that already holds answers: every answer is
 * followed up once while unrated, so an answered, unrated case stored without a promised day
 * gets its follow-up a week after its answer, unless its 30-day review window has closed; a
 * case with a promise keeps its time; a rated one gets none; a follow-up already asked keeps its
 * history entry and its notice, under the names they have now.
 */
import { describe, expect, it } from "vitest";
import { addDays, localDateOf } from "../../src/domain/calendar.ts";
import type { DatabaseProvider } from "../../src/storage/database-url.ts";
import { createAnswerFollowUpsQuery } from "../../src/storage/queries/answer-follow-ups.ts";
import { answerCase } from "../support/answered-case.ts";
import { createCaseWorld, type CaseWorld } from "../support/case-world.ts";
import { PROVIDERS } from "../support/databases.ts";
import { deployAgain } from "../support/deploy-again.ts";

const DAY = 86_400_000;

/** The database as it was before: the promise's follow-up time, the follow-up's old names. */
const BEFORE: Record<DatabaseProvider, readonly string[]> = {
  sqlite: [
    `DROP INDEX "Case_followUpAt_idx"`,
    `ALTER TABLE "Case" RENAME COLUMN "followUpAt" TO "promiseFollowUpAt"`,
    `CREATE INDEX "Case_promiseFollowUpAt_idx" ON "Case"("promiseFollowUpAt")`,
    `UPDATE "OutboxMessage" SET "kind" = 'promise_follow_up', "payload" = json_set("payload", '$.kind', 'promise_follow_up') WHERE "kind" = 'answer_follow_up'`,
  ],
  postgres: [
    `ALTER TABLE "Case" RENAME COLUMN "followUpAt" TO "promiseFollowUpAt"`,
    `ALTER INDEX "Case_followUpAt_idx" RENAME TO "Case_promiseFollowUpAt_idx"`,
    `UPDATE "OutboxMessage" SET "kind" = 'promise_follow_up', "payload" = jsonb_set("payload", '{kind}', '"promise_follow_up"') WHERE "kind" = 'answer_follow_up'`,
  ],
};
/** Before, only an answer with a promised day had a follow-up time. */
const COMMON_BEFORE = [
  `UPDATE "Case" SET "promiseFollowUpAt" = NULL WHERE "answerPromisedBy" IS NULL`,
  `UPDATE "TimelineEntry" SET "kind" = 'promise_followed_up' WHERE "kind" = 'answer_followed_up'`,
];

/** A case answered by the unit, promising `promisedBy` if given. */
async function answered(world: CaseWorld, user: number, promisedBy?: string): Promise<string> {
  const no = await world.file(user);
  const app = { caseActions: world.actions, directory: world.directory };
  await answerCase(app, no, "已修复。", promisedBy);
  return no;
}

describe.each(PROVIDERS)(
  "the answer_follow_up migration on %s",
  { timeout: 90_000 },
  (provider) => {
    it("follows up the stored answers as every answer is now, and keeps what was asked", async () => {
      const world = await createCaseWorld(provider);
      const today = localDateOf(world.clock.now());
      const asked = await answered(world, 7001, addDays(today, 1));
      const promised = await answered(world, 7002, addDays(today, 20));
      const recent = await answered(world, 7003);
      const stale = await answered(world, 7004);
      const rated = await answered(world, 7005);
      await world.actions.act(
        rated,
        { type: "rate", solved: true, satisfaction: "satisfied" },
        { kind: "citizen", id: "telegram:7005" },
      );
      const askedCase = await world.store.find(asked);
      world.clock.set(new Date(askedCase!.followUpAt!.getTime() + 60_000));
      expect(await world.deadlineScheduler().runOnce()).toMatchObject({ followedUp: 1 });
      // The migration reads the review window by the time it runs.
      const now = Date.now();
      for (const [no, daysAgo] of [
        [recent, 2],
        [stale, 40],
        [rated, 2],
      ] as const) {
        const answeredAt = new Date(now - daysAgo * DAY);
        await world.db.case.update({ where: { trackingNo: no }, data: { answeredAt } });
      }
      const promisedAt = (await world.store.find(promised))!.followUpAt;

      const db = await deployAgain(world, "answer_follow_up", [
        ...BEFORE[provider],
        ...COMMON_BEFORE,
      ]);

      const followUpAt = async (no: string) =>
        (await db.case.findUniqueOrThrow({ where: { trackingNo: no } })).followUpAt;
      const recentCase = await db.case.findUniqueOrThrow({ where: { trackingNo: recent } });
      expect(recentCase.followUpAt).toEqual(new Date(recentCase.answeredAt!.getTime() + 7 * DAY));
      expect(await followUpAt(stale)).toBeNull();
      expect(await followUpAt(rated)).toBeNull();
      expect(await followUpAt(promised)).toEqual(promisedAt);
      expect(await followUpAt(asked)).toBeNull();
      const due = await createAnswerFollowUpsQuery(db).due(recentCase.followUpAt!, 10);
      expect(due).toContain(recent);
      expect(due).not.toContain(stale);

      const entries = await db.timelineEntry.findMany({
        where: { case: { trackingNo: asked }, kind: "answer_followed_up" },
      });
      expect(entries.map((e) => e.data)).toEqual([{ promisedBy: addDays(today, 1) }]);
      const notices = await db.outboxMessage.findMany({
        where: { case: { trackingNo: asked }, kind: "answer_follow_up" },
      });
      expect(notices.map((n) => (n.payload as { kind: string }).kind)).toEqual([
        "answer_follow_up",
      ]);
      await db.$disconnect();
    });
  },
);
