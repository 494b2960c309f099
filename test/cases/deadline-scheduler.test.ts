/**
 * The deadline scheduler on a real database with a movable clock: the unit
 * is reminded from the start of the 3rd day before the due date, once; an
 * overdue case is escalated to the clerks once a Shanghai day until it moves,
 * in the round's digest of escalations (one message for all its overdue cases).
 */
import { describe, expect, it } from "vitest";
import { addDays, localDateOf, startOfLocalDay } from "../../src/domain/calendar.ts";
import type { Actor } from "../../src/domain/lifecycle/actor.ts";
import { STAFF_DIGEST_KIND } from "../../src/notifications/staff-digest.ts";
import { createCaseWorld, type CaseWorld } from "../support/case-world.ts";
import { PROVIDERS } from "../support/databases.ts";
import { digestsListing } from "../support/escalation-digests.ts";
import { DAY, HOUR } from "../support/clock.ts";

const clerk: Actor = { kind: "clerk", id: "clerk-li" };
const UNIT = "urban_management.fugou";
const handler: Actor = { kind: "handler", id: "handler-zhao", unitId: UNIT };
const MINUTE = 60_000;

/** The case's alert notices: its reminder cards and the escalation digests that list it. */
async function alertsOf(world: CaseWorld, no: string) {
  const reminders = await world.db.outboxMessage.findMany({
    where: { case: { trackingNo: no }, kind: "reminder" },
  });
  return [...reminders, ...(await digestsListing(world.db, no))]
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map((r) => ({ kind: r.kind, audience: r.audience, recipient: r.recipient }));
}

describe("deadline scheduler", { timeout: 30_000 }, () => {
  it("reminds the unit 3 days ahead, then escalates to the clerks once a day until the case moves", async () => {
    const world = await createCaseWorld("sqlite");
    await world.db.unit.update({ where: { id: UNIT }, data: { telegramChatId: "-100600" } });
    const scheduler = world.deadlineScheduler();
    const no = await world.file(1001);
    world.clock.advance(HOUR);
    await world.actions.act(no, { type: "route", unitId: UNIT }, clerk);
    await world.actions.act(no, { type: "start" }, handler);
    const due = (await world.store.find(no))!.handlingDueAt!;
    const windowOpens = startOfLocalDay(addDays(localDateOf(due), -3));

    world.clock.set(new Date(windowOpens.getTime() - MINUTE));
    expect(await scheduler.runOnce()).toMatchObject({ reminded: 0, escalated: 0 });

    world.clock.set(new Date(windowOpens.getTime() + MINUTE));
    expect(await scheduler.runOnce()).toMatchObject({ reminded: 1, escalated: 0 });
    world.clock.advance(DAY);
    expect(await scheduler.runOnce()).toMatchObject({ reminded: 0, escalated: 0 });
    expect(await alertsOf(world, no)).toEqual([
      { kind: "reminder", audience: "unit", recipient: "-100600" },
    ]);

    world.clock.set(new Date(due.getTime() + MINUTE));
    expect(await scheduler.runOnce()).toMatchObject({ reminded: 0, escalated: 1 });
    world.clock.advance(6 * HOUR);
    expect(await scheduler.runOnce()).toMatchObject({ escalated: 0 });
    world.clock.advance(DAY);
    expect(await scheduler.runOnce()).toMatchObject({ escalated: 1 });
    expect(await alertsOf(world, no)).toEqual([
      { kind: "reminder", audience: "unit", recipient: "-100600" },
      { kind: STAFF_DIGEST_KIND, audience: "clerks", recipient: "-100500" },
      { kind: STAFF_DIGEST_KIND, audience: "clerks", recipient: "-100500" },
    ]);
    const timeline = await world.db.timelineEntry.findMany({
      where: { case: { trackingNo: no }, kind: { in: ["reminded", "escalated"] } },
    });
    expect(timeline.map((e) => [e.kind, e.actorKind, e.actorId])).toEqual([
      ["reminded", "system", "deadline-scheduler"],
      ["escalated", "system", "deadline-scheduler"],
      ["escalated", "system", "deadline-scheduler"],
    ]);

    // Once answered, the case runs on no clock: nothing more.
    await world.actions.act(no, { type: "answer", outcome: "support", text: "已修复。" }, handler);
    world.clock.advance(DAY);
    expect(await scheduler.runOnce()).toMatchObject({ checked: 0, reminded: 0, escalated: 0 });
  });

  it("reminds the clerks of an undecided case before its acceptance deadline", async () => {
    const world = await createCaseWorld("sqlite");
    const scheduler = world.deadlineScheduler();
    const no = await world.file(1001);
    const due = (await world.store.find(no))!.acceptanceDueAt;

    expect(await scheduler.runOnce()).toMatchObject({ checked: 0, reminded: 0 });
    world.clock.set(new Date(startOfLocalDay(addDays(localDateOf(due), -3)).getTime() + HOUR));
    expect(await scheduler.runOnce()).toMatchObject({ reminded: 1 });
    world.clock.set(new Date(due.getTime() + HOUR));
    expect(await scheduler.runOnce()).toMatchObject({ escalated: 1 });
    expect(await alertsOf(world, no)).toEqual([
      { kind: "reminder", audience: "clerks", recipient: "-100500" },
      { kind: STAFF_DIGEST_KIND, audience: "clerks", recipient: "-100500" },
    ]);
  });

  describe.each(PROVIDERS)("on %s, with one scheduler per instance", (provider) => {
    it("records each alert once when the instances' rounds race", async () => {
      const world = await createCaseWorld(provider);
      const instances = [1, 2, 3].map(() => world.deadlineScheduler());
      const cases = await Promise.all([1001, 1002, 1003].map((user) => world.file(user)));
      const due = (await world.store.find(cases[0]!))!.acceptanceDueAt;
      world.clock.set(new Date(due.getTime() + HOUR));

      const rounds = await Promise.all(instances.map((scheduler) => scheduler.runOnce()));
      const escalated = rounds.reduce((sum, round) => sum + (round?.escalated ?? 0), 0);
      expect(escalated).toBe(3);
      for (const no of cases) {
        expect(await alertsOf(world, no)).toEqual([
          { kind: STAFF_DIGEST_KIND, audience: "clerks", recipient: "-100500" },
        ]);
      }
    });

    // promisedIn: the day the answer promises, in days from today; undefined: none.
    it.each([
      { promise: "promising a day", promisedIn: 5 },
      { promise: "promising none", promisedIn: undefined },
    ])(
      "asks the citizen once whether an answer $promise solved the problem, however many instances and restarts",
      async ({ promisedIn }) => {
        const world = await createCaseWorld(provider);
        const no = await world.file(1001);
        await world.actions.act(no, { type: "route", unitId: UNIT }, clerk);
        await world.actions.act(no, { type: "start" }, handler);
        const today = localDateOf(world.clock.now());
        const promisedBy = promisedIn === undefined ? undefined : addDays(today, promisedIn);
        const answer = {
          type: "answer",
          outcome: "support",
          text: "本周内修复。",
          promisedBy,
        } as const;
        await world.actions.act(no, answer, handler);
        // The day after the promised day begins; without one, a week after the answer.
        const askedAt =
          promisedBy === undefined
            ? world.clock.now().getTime() + 7 * DAY
            : startOfLocalDay(addDays(promisedBy, 1)).getTime();
        world.clock.set(new Date(askedAt - MINUTE));
        expect(await world.deadlineScheduler().runOnce()).toMatchObject({ followedUp: 0 });
        world.clock.set(new Date(askedAt + MINUTE));

        const instances = [1, 2, 3].map(() => world.deadlineScheduler());
        const rounds = await Promise.all(instances.map((scheduler) => scheduler.runOnce()));
        // A restarted instance: a new scheduler on the same database.
        world.clock.advance(HOUR);
        rounds.push(await world.deadlineScheduler().runOnce());

        expect(rounds.reduce((sum, round) => sum + (round?.followedUp ?? 0), 0)).toBe(1);
        const asked = await world.db.outboxMessage.findMany({
          where: { case: { trackingNo: no }, kind: "answer_follow_up" },
        });
        expect(asked.map((m) => [m.audience, m.recipient])).toEqual([["citizen", "1001"]]);
        const entries = await world.db.timelineEntry.findMany({
          where: { case: { trackingNo: no }, kind: "answer_followed_up" },
        });
        expect(entries.map((e) => [e.actorKind, e.actorId, e.data])).toEqual([
          ["system", "deadline-scheduler", promisedBy === undefined ? {} : { promisedBy }],
        ]);
      },
    );
  });
});
