/**
 * The deadline round records a batch's alerts together: its statements do not grow with the
 * alerts due, what it writes is what a single remind or escalate writes (except the case's row,
 * which the round leaves alone: its alert columns live in "CaseAlert", and the escalations,
 * which reach each clerks' address as one digest of the batch instead of a message each), and
 * a case changed between the round's read and its commit is left alone, not alerted twice.
 */
import { describe, expect, it } from "vitest";
import { traceStatements } from "../../bench/statement-trace.ts";
import { addDays, localDateOf, startOfLocalDay } from "../../src/domain/calendar.ts";
import type { Actor } from "../../src/domain/lifecycle/actor.ts";
import {
  STAFF_DIGEST_KIND,
  StaffDigestPayloadSchema,
} from "../../src/notifications/staff-digest.ts";
import type { DueAlertsQuery } from "../../src/storage/queries/due-alerts.ts";
import { createCaseWorld, type CaseWorld } from "../support/case-world.ts";
import { PROVIDERS } from "../support/databases.ts";
import { digestsListing } from "../support/escalation-digests.ts";
import { HOUR } from "../support/clock.ts";

const clerk: Actor = { kind: "clerk", id: "clerk-li" };
const scheduler: Actor = { kind: "system", id: "deadline-scheduler" };
const UNIT = "urban_management.fugou";
const handler: Actor = { kind: "handler", id: "handler-zhao", unitId: UNIT };

function schedulerOf(world: CaseWorld, due: Pick<DueAlertsQuery, "due"> = world.queries.dueAlerts) {
  return world.deadlineScheduler({ due, batchSize: 50 });
}

/** A world with `count` cases filed, the clock past their acceptance deadline. */
async function overdueCases(
  provider: (typeof PROVIDERS)[number],
  count: number,
): Promise<{ world: CaseWorld; cases: string[] }> {
  const world = await createCaseWorld(provider);
  const cases = [];
  for (let user = 1; user <= count; user++) cases.push(await world.file(1000 + user));
  const due = (await world.store.find(cases[0]!))!.acceptanceDueAt;
  world.clock.set(new Date(due.getTime() + HOUR));
  return { world, cases };
}

/** A world whose unit and clerks have Telegram chats and WeCom userids. */
async function staffedWorld(provider: (typeof PROVIDERS)[number]): Promise<CaseWorld> {
  const world = await createCaseWorld(provider, { staffChatId: "-100500", wecomStaff: true });
  await world.db.unit.update({
    where: { id: UNIT },
    data: { telegramChatId: "-100600", wecomUserIds: "zhao, qian" },
  });
  await world.db.staffMember.create({
    data: { username: "li", displayName: "李", role: "clerk", wecomUserId: "li" },
  });
  return world;
}

/** The statements of one round. */
async function roundStatements(world: CaseWorld): Promise<{ escalated: number; sql: string[] }> {
  const sql: string[] = [];
  const stop = traceStatements((statement) => sql.push(statement.sql));
  try {
    const result = await schedulerOf(world).runOnce();
    return { escalated: result!.escalated, sql };
  } finally {
    stop();
  }
}

async function noticesOf(world: CaseWorld, no: string) {
  const rows = await world.db.outboxMessage.findMany({
    where: { case: { trackingNo: no }, kind: { in: ["reminder", "escalation"] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((row) => ({
    channel: row.channel,
    recipient: row.recipient,
    audience: row.audience,
    kind: row.kind,
    status: row.status,
    nextAttemptAt: row.nextAttemptAt,
    payload: JSON.parse(JSON.stringify(row.payload).replaceAll(no, "<case>")) as unknown,
  }));
}

/** The addresses of the case's own notices of `kind`. */
async function addressesOf(world: CaseWorld, no: string, kind: "reminder" | "escalation") {
  return (await noticesOf(world, no))
    .filter((notice) => notice.kind === kind)
    .map((notice) => [notice.channel, notice.recipient]);
}

async function alertEntriesOf(world: CaseWorld, no: string) {
  const rows = await world.db.timelineEntry.findMany({
    where: { case: { trackingNo: no }, kind: { in: ["reminded", "escalated"] } },
    orderBy: [{ at: "asc" }, { id: "asc" }],
  });
  return rows.map(({ id: _id, caseId: _caseId, ...entry }) => entry);
}

async function alertColumnsOf(world: CaseWorld, no: string) {
  const { alert, runningDueAt } = await world.db.case.findUniqueOrThrow({
    where: { trackingNo: no },
    select: {
      runningDueAt: true,
      alert: { select: { lastReminderAt: true, lastEscalationAt: true, nextAlertAt: true } },
    },
  });
  return { runningDueAt, ...alert };
}

/** The case's row as stored, to check the round leaves it alone. */
async function caseRowOf(world: CaseWorld, no: string) {
  return world.db.case.findUniqueOrThrow({ where: { trackingNo: no } });
}

describe("deadline round in batches", { timeout: 60_000 }, () => {
  describe.each(PROVIDERS)("on %s", (provider) => {
    it("runs as many statements for 12 alerts as for 1", async () => {
      const one = await overdueCases(provider, 1);
      const twelve = await overdueCases(provider, 12);

      const few = await roundStatements(one.world);
      const many = await roundStatements(twelve.world);

      expect([few.escalated, many.escalated]).toEqual([1, 12]);
      expect(many.sql.length).toBe(few.sql.length);
      expect(many.sql.length).toBeLessThanOrEqual(14);
    });

    it("tells each clerks' address of a batch's escalations in one message, not one per case", async () => {
      const { world, cases } = await overdueCases(provider, 12);

      expect(await schedulerOf(world).runOnce()).toMatchObject({ escalated: 12 });

      const digests = await world.db.outboxMessage.findMany({
        where: { kind: { in: [STAFF_DIGEST_KIND, "escalation"] } },
      });
      expect(digests.map((d) => [d.kind, d.recipient, d.caseId])).toEqual([
        [STAFF_DIGEST_KIND, "-100500", null],
      ]);
      const { text } = StaffDigestPayloadSchema.parse(digests[0]!.payload);
      expect(text.split("\n")[0]).toBe("【超期督办】12 件事项已超过期限，请督办：");
      for (const no of cases) expect(text).toContain(`· ${no} 受理期限 `);
    });

    it("writes for each alert what a single remind or escalate writes, an escalation as a line of the clerks' digest", async () => {
      const world = await staffedWorld(provider);
      const [single, batched] = [await world.file(1001), await world.file(1002)];
      for (const no of [single, batched]) {
        await world.actions.act(no, { type: "route", unitId: UNIT }, clerk);
        await world.actions.act(no, { type: "start" }, handler);
      }
      const due = (await world.store.find(single))!.handlingDueAt!;
      const batchedRow = await caseRowOf(world, batched);

      world.clock.set(new Date(startOfLocalDay(addDays(localDateOf(due), -3)).getTime() + HOUR));
      await world.actions.act(single, { type: "remind", clock: "handling" }, scheduler);
      expect(await schedulerOf(world).runOnce()).toMatchObject({ reminded: 1 });
      world.clock.set(new Date(due.getTime() + HOUR));
      await world.actions.act(single, { type: "escalate", clock: "handling" }, scheduler);
      expect(await schedulerOf(world).runOnce()).toMatchObject({ escalated: 1 });

      const notices = await noticesOf(world, batched);
      expect(notices.map((n) => [n.kind, n.channel, n.recipient])).toEqual([
        ["reminder", "telegram", "-100600"],
        ["reminder", "wecom", "staff:zhao"],
        ["reminder", "wecom", "staff:qian"],
      ]);
      expect(notices).toEqual(
        (await noticesOf(world, single)).filter((n) => n.kind === "reminder"),
      );
      // Where a single escalate sends each clerks' address a message, the round lists the case
      // in its digest to that address.
      const digests = await digestsListing(world.db, batched);
      expect(digests.map((d) => [d.channel, d.recipient])).toEqual(
        await addressesOf(world, single, "escalation"),
      );
      expect(digests.map((d) => [d.channel, d.recipient])).toEqual([
        ["telegram", "-100500"],
        ["wecom", "staff:li"],
      ]);
      expect(await alertEntriesOf(world, batched)).toEqual(await alertEntriesOf(world, single));
      expect(await alertColumnsOf(world, batched)).toEqual(await alertColumnsOf(world, single));
      expect(await caseRowOf(world, batched)).toEqual(batchedRow);
    });

    it("writes a batch of reminders and escalations as each alert alone writes it", async () => {
      const world = await staffedWorld(provider);
      // Two cases left unaccepted, two with the unit: each pair alerted alone and in the round.
      const [unacceptedAlone, unacceptedInRound] = [await world.file(1001), await world.file(1002)];
      const [handledAlone, handledInRound] = [await world.file(1003), await world.file(1004)];
      for (const no of [handledAlone, handledInRound]) {
        await world.actions.act(no, { type: "route", unitId: UNIT }, clerk);
        await world.actions.act(no, { type: "start" }, handler);
      }
      const due = (await world.store.find(handledAlone))!.handlingDueAt!;
      world.clock.set(new Date(startOfLocalDay(addDays(localDateOf(due), -3)).getTime() + HOUR));
      await world.actions.act(handledAlone, { type: "remind", clock: "handling" }, scheduler);
      await world.actions.act(
        unacceptedAlone,
        { type: "escalate", clock: "acceptance" },
        scheduler,
      );

      expect(await schedulerOf(world).runOnce()).toEqual({
        checked: 2,
        reminded: 1,
        escalated: 1,
        followedUp: 0,
        skipped: 0,
      });

      for (const [alone, inRound] of [
        [handledAlone, handledInRound],
        [unacceptedAlone, unacceptedInRound],
      ] as const) {
        expect(await alertEntriesOf(world, inRound)).toEqual(await alertEntriesOf(world, alone));
        expect(await alertColumnsOf(world, inRound)).toEqual(await alertColumnsOf(world, alone));
      }
      expect(await noticesOf(world, handledInRound)).toEqual(await noticesOf(world, handledAlone));
      expect((await noticesOf(world, handledInRound)).map((n) => n.kind)).toEqual([
        "reminder",
        "reminder",
        "reminder",
      ]);
      expect(await noticesOf(world, unacceptedInRound)).toEqual([]);
      expect(
        (await digestsListing(world.db, unacceptedInRound)).map((d) => [d.channel, d.recipient]),
      ).toEqual(await addressesOf(world, unacceptedAlone, "escalation"));
    });

    it("reads each due case as the case store reads it, the rating of an earlier answer not its own", async () => {
      const world = await createCaseWorld(provider);
      const [unaccepted, handled, reviewed] = [
        await world.file(1001),
        await world.file(1002),
        await world.file(1003),
      ];
      for (const no of [handled, reviewed]) {
        await world.actions.act(no, { type: "route", unitId: UNIT }, clerk);
        await world.actions.act(no, { type: "start" }, handler);
      }
      await world.actions.act(
        reviewed,
        { type: "answer", outcome: "support", text: "已修复。" },
        handler,
      );
      const citizen: Actor = { kind: "citizen", id: "telegram:1003" };
      await world.actions.act(
        reviewed,
        { type: "rate", solved: false, satisfaction: "dissatisfied" },
        citizen,
      );
      await world.actions.act(reviewed, { type: "request_review" }, citizen);
      world.clock.advance(400 * 24 * HOUR);

      const read = [];
      for await (const batch of world.queries.dueAlerts.due(world.clock.now(), 2))
        read.push(...batch);

      expect(read.map((due) => due.subject.trackingNo).sort()).toEqual(
        [unaccepted, handled, reviewed].sort(),
      );
      for (const due of read) {
        expect(due.subject).toEqual(await world.store.find(due.subject.trackingNo));
      }
      // Rated at the first answer, now in review: the rating is not of the review's stage.
      expect(read.find((due) => due.subject.trackingNo === reviewed)!.subject).toMatchObject({
        status: "under_review",
        reviewStage: 1,
        solved: null,
      });
    });

    it("chooses each batch from the index on the alert time and id, in its order", async () => {
      const { world } = await overdueCases(provider, 3);

      const plan = await world.queries.dueAlerts.explainBatch(world.clock.now(), 1000, {
        forceIndexes: true,
      });

      if (provider === "sqlite") {
        expect(plan).toMatch(/SEARCH CaseAlert USING INDEX CaseAlert_nextAlertAt_caseId_idx/);
        expect(plan).not.toMatch(/TEMP B-TREE/);
      } else {
        expect(plan).toMatch(/Index (Only )?Scan using "CaseAlert_nextAlertAt_caseId_idx"/);
        expect(plan).not.toMatch(/Sort/);
      }
    });

    it("reads a batch's cases by their ids, never every case through the alert index", async () => {
      const { world } = await overdueCases(provider, 3);
      if (provider === "sqlite") {
        // SQLite's statistics of the seeded 1M cases (ANALYZE), which made it read every case
        // through the alert index to spare sorting the batch.
        await world.db.$executeRawUnsafe("ANALYZE");
        await world.db.$executeRawUnsafe(`DELETE FROM sqlite_stat1`);
        await world.db.$executeRawUnsafe(`INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
          ('CaseAlert', 'CaseAlert_nextAlertAt_caseId_idx', '1000000 23810 1'),
          ('CaseAlert', 'sqlite_autoindex_CaseAlert_1', '1000000 1'),
          ('Case', 'sqlite_autoindex_Case_1', '1000000 1')`);
        await world.db.$executeRawUnsafe("ANALYZE sqlite_schema");
      }

      const plan = await world.queries.dueAlerts.explainRead(world.clock.now(), 1000);

      if (provider === "sqlite") {
        expect(plan).toMatch(/SEARCH c USING INDEX sqlite_autoindex_Case_1 \(id=\?\)/);
        expect(plan).not.toMatch(/SCAN c\b/);
      }
      // No rating is read: a case whose clock runs has none of its review stage.
      expect(plan).not.toMatch(/Rating/);
    });

    it("leaves a case that changed after the round read it, alerted once", async () => {
      const { world, cases } = await overdueCases(provider, 2);
      const [raced, quiet] = cases as [string, string];
      // Another instance escalates one case between this round's read and its commit.
      const racing: Pick<DueAlertsQuery, "due"> = {
        async *due(now, size) {
          for await (const batch of world.queries.dueAlerts.due(now, size)) {
            await world.actions.act(raced, { type: "escalate", clock: "acceptance" }, scheduler);
            yield batch;
          }
        },
      };

      expect(await schedulerOf(world, racing).runOnce()).toMatchObject({
        checked: 2,
        escalated: 1,
        skipped: 1,
      });
      // The raced case by the other instance's message, the quiet one in this round's digest.
      expect((await noticesOf(world, raced)).map((n) => n.kind)).toEqual(["escalation"]);
      expect(await digestsListing(world.db, raced)).toEqual([]);
      expect(await noticesOf(world, quiet)).toEqual([]);
      expect(await digestsListing(world.db, quiet)).toHaveLength(1);
      for (const no of [raced, quiet]) {
        expect((await alertEntriesOf(world, no)).map((e) => e.kind)).toEqual(["escalated"]);
      }
    });
  });
});
