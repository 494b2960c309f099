/**
 * Every case has one "CaseAlert" row, and it follows every change of the case's deadlines: after
 * filing, accepting, extending, answering, asking for review, closing, merging, not accepting,
 * withdrawing and each alert (recorded one at a time or by the deadline round), its alert history
 * is the case's latest "reminded" and "escalated" entries and its next alert time is what the
 * lifecycle computes from the case as stored (reminders.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/domain/lifecycle/actor.ts";
import { nextAlertAt, runningClock } from "../../src/domain/lifecycle/reminders.ts";
import { createCaseWorld, type CaseWorld } from "../support/case-world.ts";
import { HOUR } from "../support/clock.ts";
import { PROVIDERS } from "../support/databases.ts";

const clerk: Actor = { kind: "clerk", id: "clerk-li" };
const scheduler: Actor = { kind: "system", id: "deadline-scheduler" };
const UNIT = "urban_management.fugou";
const handler: Actor = { kind: "handler", id: "handler-zhao", unitId: UNIT };
const DAY = 24 * HOUR;

/** The case's alert row as stored, and as the case's timeline and lifecycle say it must be. */
async function alertRowOf(world: CaseWorld, no: string) {
  const row = await world.db.case.findUniqueOrThrow({
    where: { trackingNo: no },
    select: {
      runningDueAt: true,
      alert: { select: { lastReminderAt: true, lastEscalationAt: true, nextAlertAt: true } },
      timeline: { where: { kind: { in: ["reminded", "escalated"] } }, orderBy: { at: "asc" } },
    },
  });
  const latest = (kind: string) =>
    row.timeline.findLast((entry) => entry.kind === kind)?.at ?? null;
  const history = { lastReminderAt: latest("reminded"), lastEscalationAt: latest("escalated") };
  const subject = (await world.store.find(no))!;
  return {
    stored: { runningDueAt: row.runningDueAt, ...row.alert },
    expected: {
      runningDueAt: runningClock(subject)?.dueAt ?? null,
      ...history,
      nextAlertAt: nextAlertAt(subject, history),
    },
  };
}

describe.each(PROVIDERS)("the alert row of a case on %s", { timeout: 60_000 }, (provider) => {
  let world: CaseWorld;
  /** Checks every case filed so far, after each step. */
  const filed: string[] = [];
  async function expectFollowed(step: string): Promise<void> {
    for (const no of filed) {
      const { stored, expected } = await alertRowOf(world, no);
      expect(stored, `${no} after ${step}`).toEqual(expected);
    }
  }
  async function file(userId: number): Promise<string> {
    const no = await world.file(userId);
    filed.push(no);
    return no;
  }

  beforeAll(async () => {
    world = await createCaseWorld(provider);
  });

  it("follows a case through its whole life and the deadline round", async () => {
    const act = world.actions.act;
    const [handled, merged, refused, withdrawn, unaccepted] = [
      await file(1001),
      await file(1002),
      await file(1003),
      await file(1004),
      await file(1005),
    ];
    await expectFollowed("filing");
    expect((await alertRowOf(world, handled)).stored.nextAlertAt).not.toBeNull();

    await act(handled, { type: "route", unitId: UNIT }, clerk);
    await act(handled, { type: "start" }, handler);
    await expectFollowed("accepting");
    const due = (await world.store.find(handled))!.handlingDueAt!;
    world.clock.set(new Date(due.getTime() - 2 * DAY));
    await act(handled, { type: "remind", clock: "handling" }, scheduler);
    await expectFollowed("a reminder");
    await act(handled, { type: "extend", days: 15, reason: "需要现场勘验" }, handler);
    await expectFollowed("an extension");

    await act(merged, { type: "merge", intoTrackingNo: handled }, clerk);
    await act(refused, { type: "not_accept", reason: "不属于信访事项", channel: null }, clerk);
    await act(withdrawn, { type: "withdraw" }, { kind: "citizen", id: "telegram:1004" });
    await expectFollowed("a merge, a refusal and a withdrawal");

    // The round escalates the case left unaccepted, and reminds or escalates the others due.
    world.clock.advance(20 * DAY);
    const round = world.deadlineScheduler();
    expect((await round.runOnce())!.escalated).toBeGreaterThan(0);
    expect((await alertRowOf(world, unaccepted)).stored.lastEscalationAt).toEqual(
      world.clock.now(),
    );
    await expectFollowed("the deadline round");

    await act(handled, { type: "answer", outcome: "support", text: "井盖已更换。" }, handler);
    await expectFollowed("an answer");
    const citizen: Actor = { kind: "citizen", id: "telegram:1001" };
    await act(handled, { type: "rate", solved: false, satisfaction: "dissatisfied" }, citizen);
    await act(handled, { type: "request_review" }, citizen);
    await expectFollowed("a request for review");
    expect((await alertRowOf(world, handled)).stored.nextAlertAt).not.toBeNull();

    const closed = await file(1006);
    await act(closed, { type: "route", unitId: UNIT }, clerk);
    await act(closed, { type: "start" }, handler);
    await act(closed, { type: "answer", outcome: "support", text: "已处理。" }, handler);
    world.clock.advance(40 * DAY);
    await act(closed, { type: "close" }, clerk);
    await expectFollowed("closing");
    expect((await alertRowOf(world, closed)).stored.nextAlertAt).toBeNull();
  });
});
