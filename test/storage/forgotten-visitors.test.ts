/**
 * Who a chat is — its channel identity and its citizen — kept no longer than the chat serves,
 * on both databases, by the hourly retention job: a chat of any channel that filed and joined
 * (附议) nothing is forgotten entirely once silent for CHAT_KEEP_DAYS (here 30), and one who
 * comes back is a new visitor. A citizen who filed, joined, or is still in use is kept.
 */
import os from "node:os";
import { describe, expect, it } from "vitest";
import type { Channel } from "../../src/generated/sqlite/enums.ts";
import { createNearbyCases } from "../../src/storage/case-supporters.ts";
import type { Db } from "../../src/storage/database.ts";
import { explainIdentityLook, serviceExpiries } from "../../src/storage/expiries.ts";
import { createTurnStore } from "../../src/storage/turn-store.ts";
import { createWebPagePresence } from "../../src/storage/web-page-presence.ts";
import { createCaseWorld, type CaseWorld } from "../support/case-world.ts";
import { DAY, HOUR } from "../support/clock.ts";
import { PROVIDERS } from "../support/databases.ts";
import { CHAT_KEEP_MS, runRetention } from "../support/retention.ts";

const IDENTITIES = "silent chats' identities";
/** The index the identities' look reads (a migration of its own). */
const INDEX = "ChannelIdentity_lastInboundAt_createdAt_idx";

/** A turn of the citizen `externalId` in their own chat on `channel`, at the clock's time. */
async function speak(world: CaseWorld, channel: Channel, externalId: string, eventId = "1") {
  const turns = createTurnStore(world.db);
  const { dialogue } = await turns.load(channel, externalId);
  const saved = await turns.save({
    channel,
    chatId: externalId,
    externalId,
    now: world.clock.now(),
    readVersion: dialogue.version,
    dialogue: { state: { words: `第${eventId}句` }, eventId, replies: [], receipt: null },
    ...(channel === "web" && {
      logEntries: [{ author: "citizen", body: { text: `第${eventId}句` } }],
    }),
  });
  expect(saved).not.toBeNull();
}

/** The citizen of the chat `externalId` on `channel`; null when it is forgotten. */
const citizenOf = async (db: Db, channel: Channel, externalId: string) =>
  (
    await db.channelIdentity.findUnique({
      where: { channel_externalId: { channel, externalId } },
      select: { citizenId: true },
    })
  )?.citizenId ?? null;

/**
 * The identities' expiry, every other expiry run once before it at the clock's time: the
 * conversations, logs and presences it waits for are forgotten.
 */
async function identitiesAfterTheOthers(world: CaseWorld) {
  const expiries = serviceExpiries(world.db, os.tmpdir(), CHAT_KEEP_MS);
  const identities = expiries.find((each) => each.kind === IDENTITIES)!;
  for (const expiry of expiries.filter((each) => each !== identities))
    await expiry.remove(world.clock.now(), 50_000);
  return identities;
}

const sessionOf = (digit: string) => digit.repeat(64);

describe.each(PROVIDERS)("who a silent chat is, kept no longer than it serves (%s)", (provider) => {
  describe("a chat that filed and joined nothing", () => {
    it("is forgotten, identity and citizen, 31 days after its last message in every channel; one that spoke 29 days ago is kept", async () => {
      const world = await createCaseWorld(provider);
      await speak(world, "telegram", "1001");
      await speak(world, "wecom", "wm-visitor");
      await speak(world, "web", sessionOf("a"));
      world.clock.advance(2 * DAY);
      await speak(world, "telegram", "1002");
      world.clock.advance(29 * DAY);

      await runRetention(world.db, world.clock);

      expect(await citizenOf(world.db, "telegram", "1001")).toBeNull();
      expect(await citizenOf(world.db, "wecom", "wm-visitor")).toBeNull();
      expect(await citizenOf(world.db, "web", sessionOf("a"))).toBeNull();
      const kept = await citizenOf(world.db, "telegram", "1002");
      expect(kept).not.toBeNull();
      // The one left is the kept chat's: the others' citizens went with their identities.
      expect(await world.db.citizen.findMany({ select: { id: true } })).toEqual([{ id: kept }]);
    });

    it("starts afresh when it comes back: its next turn makes a new identity and citizen", async () => {
      const world = await createCaseWorld(provider);
      await speak(world, "telegram", "1001");
      const before = await citizenOf(world.db, "telegram", "1001");
      world.clock.advance(31 * DAY);
      await runRetention(world.db, world.clock);

      await speak(world, "telegram", "1001", "2");

      const after = await citizenOf(world.db, "telegram", "1001");
      expect(after).not.toBeNull();
      expect(after).not.toBe(before);
      const turns = createTurnStore(world.db);
      expect((await turns.load("telegram", "1001")).dialogue).toMatchObject({
        version: 1,
        lastEventId: "2",
      });
    });

    it("is read once: a second run removes nothing more", async () => {
      const world = await createCaseWorld(provider);
      await speak(world, "telegram", "1001");
      world.clock.advance(31 * DAY);
      await runRetention(world.db, world.clock);
      const identities = await identitiesAfterTheOthers(world);

      expect(await identities.remove(world.clock.now(), 50_000)).toBe(0);
    });

    it("goes at most `most` chats a run (each its identity and citizen), and the next run goes on where it stopped", async () => {
      const world = await createCaseWorld(provider);
      for (const user of ["1001", "1002", "1003"]) await speak(world, "telegram", user);
      world.clock.advance(31 * DAY);
      const identities = await identitiesAfterTheOthers(world);

      expect(await identities.remove(world.clock.now(), 2)).toBe(4);
      expect(await world.db.channelIdentity.count()).toBe(1);
      expect(await identities.remove(world.clock.now(), 2)).toBe(2);
      expect(await world.db.channelIdentity.count()).toBe(0);
      expect(await world.db.citizen.count()).toBe(0);
    });

    it("without a message of its own (a call a clerk registered) goes 31 days after its creation, in turn with the chats that spoke", async () => {
      const world = await createCaseWorld(provider);
      await speak(world, "telegram", "1001");
      world.clock.advance(DAY);
      await world.db.channelIdentity.create({
        data: {
          channel: "phone",
          externalId: "registered-call",
          createdAt: world.clock.now(),
          citizen: { create: {} },
        },
      });
      world.clock.advance(DAY);
      await speak(world, "telegram", "1002");
      world.clock.advance(31 * DAY);
      const identities = await identitiesAfterTheOthers(world);

      // The two silent longest — one by its last message, one by its creation — go first.
      expect(await identities.remove(world.clock.now(), 2)).toBe(4);
      expect(await citizenOf(world.db, "phone", "registered-call")).toBeNull();
      expect(await citizenOf(world.db, "telegram", "1002")).not.toBeNull();
      expect(await identities.remove(world.clock.now(), 2)).toBe(2);
      expect(await world.db.channelIdentity.count()).toBe(0);
    });

    it("is looked for through the index of last messages and creations: the hour's chats, never the whole table", async () => {
      const world = await createCaseWorld(provider);
      const before = world.clock.now();
      const after = { at: new Date(before.getTime() - HOUR), key: "" };

      const plan = await explainIdentityLook(world.db, after, before);

      if (provider === "sqlite") {
        expect(plan, plan).toMatch(`${INDEX} (lastInboundAt>? AND lastInboundAt<?)`);
        expect(plan, plan).toMatch(`${INDEX} (lastInboundAt=? AND createdAt>? AND createdAt<?)`);
        expect(plan, plan).not.toMatch(/SCAN i\b/);
      } else {
        expect(plan.split(`"${INDEX}"`), plan).toHaveLength(3);
        expect(plan, plan).not.toMatch(/Seq Scan on "ChannelIdentity"/);
      }
    });
  });

  describe("a web session whose page stayed open after its last message", () => {
    it("is kept while the page polled within 30 days, and forgotten once its last poll is 30 days old", async () => {
      const world = await createCaseWorld(provider);
      const session = sessionOf("a");
      await speak(world, "web", session);
      world.clock.advance(10 * DAY);
      await createWebPagePresence(world.db).polled(session, world.clock.now());
      world.clock.advance(21 * DAY);

      await runRetention(world.db, world.clock);
      expect(await citizenOf(world.db, "web", session)).not.toBeNull();

      world.clock.advance(10 * DAY);
      await runRetention(world.db, world.clock);
      expect(await citizenOf(world.db, "web", session)).toBeNull();
    });
  });

  describe("a citizen the service still serves", () => {
    it("is kept with every identity when they filed a case, however long silent, though filed before cases named the identity", async () => {
      const world = await createCaseWorld(provider);
      await world.file(7);
      await world.db.case.updateMany({ data: { identityId: null } });
      const citizen = await citizenOf(world.db, "telegram", "7");
      // The same citizen on the web, silent too (a citizen reached through two channels).
      await world.db.channelIdentity.create({
        data: { channel: "web", externalId: sessionOf("b"), citizenId: citizen! },
      });
      world.clock.advance(400 * DAY);

      await runRetention(world.db, world.clock);

      expect(await citizenOf(world.db, "telegram", "7")).toBe(citizen);
      expect(await citizenOf(world.db, "web", sessionOf("b"))).toBe(citizen);
    });

    it("is kept when they joined (附议) another's case", async () => {
      const world = await createCaseWorld(provider);
      const reported = await world.file(7);
      await speak(world, "telegram", "1001");
      const nearby = createNearbyCases(world.db, { radiusMetres: 300 }, world.clock);
      expect(await nearby.join("telegram:1001", reported, "zh")).toBe("joined");
      world.clock.advance(400 * DAY);

      await runRetention(world.db, world.clock);

      expect(await citizenOf(world.db, "telegram", "1001")).not.toBeNull();
      expect(await world.db.caseSupporter.count()).toBe(1);
    });

    it("is kept while a notice to their chat waits to be delivered", async () => {
      const world = await createCaseWorld(provider);
      await speak(world, "telegram", "1001");
      await world.db.outboxMessage.create({
        data: {
          channel: "telegram",
          recipient: "1001",
          audience: "citizen",
          kind: "text",
          payload: {},
          nextAttemptAt: world.clock.now(),
        },
      });
      world.clock.advance(31 * DAY);

      await runRetention(world.db, world.clock);

      expect(await citizenOf(world.db, "telegram", "1001")).not.toBeNull();
    });

    it("is kept when they speak again before the run: the look reads their last message", async () => {
      const world = await createCaseWorld(provider);
      await speak(world, "telegram", "1001");
      world.clock.advance(29 * DAY);
      await speak(world, "telegram", "1001", "2");
      world.clock.advance(2 * DAY);

      await runRetention(world.db, world.clock);

      expect(await citizenOf(world.db, "telegram", "1001")).not.toBeNull();
    });
  });
});

describe("a citizen joining (附议) as their chat is forgotten (postgres)", () => {
  /** Waits until a statement on this database (another connection) waits for a lock. */
  async function untilWaitingForALock(db: Db) {
    for (let tries = 0; tries < 500; tries++) {
      const [row] = await db.$queryRaw<{ waiting: bigint }[]>`
        SELECT count(*) AS "waiting" FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE NOT l.granted AND a.datname = current_database()`;
      if (Number(row!.waiting) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error("the retention never waited for the joining transaction");
  }

  it("keeps the supporter row committed while the run waited for it, and the chat with it", async () => {
    const world = await createCaseWorld("postgres");
    const reported = await world.file(7);
    const session = sessionOf("a");
    await speak(world, "web", session);
    world.clock.advance(31 * DAY);
    const identities = await identitiesAfterTheOthers(world);
    let commit = () => {};
    const committing = new Promise<void>((resolve) => (commit = resolve));
    let joined = () => {};
    const inserted = new Promise<void>((resolve) => (joined = resolve));
    const joining = world.db.$transaction(async (tx) => {
      const identity = await tx.channelIdentity.findFirstOrThrow({
        where: { externalId: session },
      });
      const filed = await tx.case.findUniqueOrThrow({ where: { trackingNo: reported } });
      await tx.caseSupporter.create({ data: { caseId: filed.id, identityId: identity.id } });
      joined();
      await committing;
    });
    await inserted;

    const forgetting = identities.remove(world.clock.now(), 50_000);
    await untilWaitingForALock(world.db);
    commit();
    await joining;

    expect(await forgetting).toBe(0);
    expect(await world.db.caseSupporter.count()).toBe(1);
    expect(await citizenOf(world.db, "web", session)).not.toBeNull();
  });
});
