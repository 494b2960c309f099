/**
 * Personal data kept no longer than it serves (个人信息保护法 第十九条), on both databases, by the
 * hourly retention job on the service's clock: dead sign-in codes, guess counters past their
 * window, and — silent for CHAT_KEEP_DAYS (here 30) — web page presences, unfinished
 * conversations, and the log and kept files of web chat sessions that filed nothing.
 */
import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Db } from "../../src/storage/database.ts";
import { serviceExpiries } from "../../src/storage/expiries.ts";
import { createNearbyCases } from "../../src/storage/case-supporters.ts";
import { createGuessCounter, GUESS_WINDOW_MS } from "../../src/storage/guess-counter.ts";
import { createPhoneSignInStore } from "../../src/storage/phone-sign-in-store.ts";
import { createPhotoStore } from "../../src/storage/photo-store.ts";
import { createTurnStore } from "../../src/storage/turn-store.ts";
import type { NewWebChatEntry } from "../../src/storage/web-chat-log.ts";
import { silenceMark } from "../../src/storage/silence-marks.ts";
import { createWebPagePresence } from "../../src/storage/web-page-presence.ts";
import { createCaseWorld } from "../support/case-world.ts";
import { DAY, HOUR, MINUTE, MovableClock } from "../support/clock.ts";
import { freshDatabase, PROVIDERS } from "../support/databases.ts";
import { CHAT_KEEP_MS, runRetention } from "../support/retention.ts";
import { Conversation, createWorld, finishAnonymously } from "../domain/intake/fakes.ts";

/** A web chat turn of `session` at the clock's time: its dialogue and its line in the log. */
const webTurn = (db: Db, session: string, now: Date, eventId: string) =>
  saveTurn(db, session, now, eventId, {
    state: { words: `第${eventId}句` },
    logEntries: [{ author: "citizen", body: { text: `第${eventId}句` } }],
  });

/** Saves a turn of `session` at `now`: its dialogue's `state` and replies, and its log. */
async function saveTurn(
  db: Db,
  session: string,
  now: Date,
  eventId: string,
  turn: { state: object; replies?: object[]; logEntries?: NewWebChatEntry[] },
) {
  const turns = createTurnStore(db);
  const { dialogue } = await turns.load("web", session);
  await turns.save({
    channel: "web",
    chatId: session,
    externalId: session,
    now,
    readVersion: dialogue.version,
    dialogue: { state: turn.state, eventId, replies: turn.replies ?? [], receipt: null },
    ...(turn.logEntries && { logEntries: turn.logEntries }),
  });
}

const sessionOf = (digit: string) => digit.repeat(64);

/** Where the look for silent web sessions stands: its last run's cutoff, or where it stopped. */
const webLookMark = (db: Db) => silenceMark(db, "retention:silent-web-sessions").read();

/** One run of the expiry of `kind` alone, removing at most `most` rows. */
function expire(kind: string, db: Db, clock: MovableClock, dataDir: string, most: number) {
  const expiry = serviceExpiries(db, dataDir, CHAT_KEEP_MS).find((each) =>
    each.kind.startsWith(kind),
  );
  return expiry!.remove(clock.now(), most);
}

const forgetSilentWebSessions = (db: Db, clock: MovableClock, dataDir: string, most: number) =>
  expire("silent web chat sessions", db, clock, dataDir, most);

describe.each(PROVIDERS)("personal data kept no longer than it serves (%s)", (provider) => {
  describe("sign-in codes and guess counters", () => {
    it("removes a sign-in code a day after it expired, used or not, and keeps those still counted", async () => {
      const db = await freshDatabase(provider);
      const clock = new MovableClock();
      const codes = createPhoneSignInStore(db);
      const issue = async (phoneKey: string, ageMs: number) => {
        const now = new Date(clock.now().getTime() - ageMs);
        await codes.issue({
          phoneKey,
          codeHash: "h",
          now,
          expiresAt: new Date(now.getTime() + 5 * MINUTE),
        });
      };
      await issue("unused-old", 2 * DAY);
      await issue("used-old", 2 * DAY);
      const used = await codes.live("used-old", new Date(clock.now().getTime() - 2 * DAY), 5);
      expect(
        await codes.tryCode(used!.id, true, new Date(clock.now().getTime() - 2 * DAY), 5),
      ).toBe(true);
      // Expired 20 hours ago: it still counts against the phone's codes of the day.
      await issue("expired-today", 20 * HOUR);
      await issue("live", MINUTE);

      await runRetention(db, clock);

      const left = await db.phoneSignInCode.findMany({ select: { phoneKey: true } });
      expect(left.map((code) => code.phoneKey).sort()).toEqual(["expired-today", "live"]);
    });

    it("removes a guess counter once its window is over and it is not blocked; a blocked one stays", async () => {
      const db = await freshDatabase(provider);
      const clock = new MovableClock();
      const guesses = createGuessCounter(db);
      const at = (ageMs: number) => new Date(clock.now().getTime() - ageMs);
      const fail = (key: string, ageMs: number, blockMs: number | null) =>
        guesses.countFailure(key, at(ageMs), GUESS_WINDOW_MS, () => blockMs);
      await fail("query-code:over", 2 * DAY, null);
      await fail("sign-in:block-over", 3 * DAY, 2 * DAY);
      await fail("sign-in:blocked", 2 * DAY, 3 * DAY);
      await fail("query-code:counting", 2 * HOUR, null);

      await runRetention(db, clock);

      expect(await guesses.state("query-code:over")).toBeNull();
      expect(await guesses.state("sign-in:block-over")).toBeNull();
      expect((await guesses.state("sign-in:blocked"))?.blockedUntil).toEqual(at(-DAY));
      expect((await guesses.state("query-code:counting"))?.failures).toBe(1);
    });
  });

  describe("conversations", () => {
    it("forgets a draft silent for 31 days, and continues one silent for 29 days, its last event still known", async () => {
      const db = await freshDatabase(provider);
      const clock = new MovableClock();
      await webTurn(db, sessionOf("a"), clock.now(), "1");
      clock.advance(2 * DAY);
      await webTurn(db, sessionOf("b"), clock.now(), "2");
      clock.advance(29 * DAY);

      await runRetention(db, clock);

      const turns = createTurnStore(db);
      expect((await turns.load("web", sessionOf("a"))).dialogue.state).toBeNull();
      const continued = (await turns.load("web", sessionOf("b"))).dialogue;
      expect(continued).toMatchObject({ state: { words: "第2句" }, version: 1, lastEventId: "2" });
    });

    it("forgets when the page of a session last polled after 30 days, not before", async () => {
      const db = await freshDatabase(provider);
      const clock = new MovableClock();
      const presence = createWebPagePresence(db);
      await presence.polled(sessionOf("a"), clock.now());
      clock.advance(2 * DAY);
      await presence.polled(sessionOf("b"), clock.now());
      clock.advance(29 * DAY);

      await runRetention(db, clock);

      expect(await presence.lastPoll(sessionOf("a"))).toBeNull();
      expect(await presence.lastPoll(sessionOf("b"))).not.toBeNull();
    });
  });

  describe("web chat sessions", () => {
    async function webWorld() {
      const world = await createCaseWorld(provider);
      const dataDir = await mkdtemp(path.join(os.tmpdir(), "retention-"));
      const photos = createPhotoStore(world.db, dataDir);
      const upload = async (owner: string) => {
        const id = await photos.save(owner, Buffer.from("jpeg"), "image/jpeg", world.clock.now());
        return { id, file: photos.resolve(photos.storagePath(id, "image/jpeg")) };
      };
      /** What is left of a session's log and uploads, and whether `photo`'s file is. */
      const keptOf = async (owner: string, photo: { file: string }) => ({
        log: await world.db.webChatMessage.count({ where: { sessionId: owner } }),
        uploads: await world.db.webUpload.count({ where: { sessionId: owner } }),
        file: existsSync(photo.file),
      });
      /** `session` speaks once and joins (附议) another citizen's case. */
      const speakAndJoin = async (session: string) => {
        const reported = await world.file(7);
        await webTurn(world.db, session, world.clock.now(), "1");
        const nearby = createNearbyCases(world.db, { radiusMetres: 300 }, world.clock);
        expect(await nearby.join(`web:${session}`, reported, "zh")).toBe("joined");
      };
      const run = () => runRetention(world.db, world.clock, dataDir);
      return { ...world, dataDir, upload, keptOf, speakAndJoin, run };
    }

    it("forgets the conversation and photos (files too) of a session that filed nothing and was silent for 31 days, not of one that spoke 29 days ago", async () => {
      const world = await webWorld();
      const [silent, back] = [sessionOf("a"), sessionOf("b")];
      await webTurn(world.db, silent, world.clock.now(), "1");
      await webTurn(world.db, back, world.clock.now(), "1");
      const [silentPhoto, backPhoto] = [await world.upload(silent), await world.upload(back)];
      world.clock.advance(2 * DAY);
      await webTurn(world.db, back, world.clock.now(), "2");
      world.clock.advance(29 * DAY);

      await world.run();

      expect(await world.keptOf(silent, silentPhoto)).toEqual({ log: 0, uploads: 0, file: false });
      expect(await world.keptOf(back, backPhoto)).toEqual({ log: 2, uploads: 1, file: true });
    });

    it("keeps the conversation of a web session that filed a case, and the case's photo, however long silent", async () => {
      const world = await webWorld();
      const session = sessionOf("a");
      await webTurn(world.db, session, world.clock.now(), "1");
      const photo = await world.upload(session);
      await world.file(0, { citizenRef: `web:${session}`, photos: [photo.id] });
      world.clock.advance(400 * DAY);

      await world.run();

      expect(await world.keptOf(session, photo)).toEqual({ log: 1, uploads: 1, file: true });
    });

    it("leaves the dialogue of a citizen with a case as it is when this version cannot read its state (a newer one's): its count of drafts would be lost", async () => {
      const world = await webWorld();
      const session = sessionOf("a");
      await webTurn(world.db, session, world.clock.now(), "1");
      await world.file(0, { citizenRef: `web:${session}` });
      world.clock.advance(400 * DAY);

      await world.run();

      const kept = await createTurnStore(world.db).load("web", session);
      expect(kept.dialogue).toMatchObject({ state: { words: "第1句" }, lastEventId: "1" });
    });

    describe("the unfinished draft of a citizen with a case", () => {
      /**
       * `session` filed one complaint and left a second draft unsent, with its place, name and
       * phone; the case is in the database, the dialogue saved at the clock's time.
       */
      async function filedOneAndLeftAnother(world: Awaited<ReturnType<typeof webWorld>>) {
        const session = sessionOf("a");
        const c = new Conversation(await createWorld(), `web:${session}`);
        await c.command("new");
        await c.say("项城市人民路的下水道堵了，污水漫到路上");
        await c.tap("对，就是这个");
        await finishAnonymously(c);
        await c.command("new");
        await c.say("项城市光明路的路灯坏了很久 李女士 13912345678");
        expect(c.state.draft).toMatchObject({ no: 2 });
        await saveTurn(world.db, session, world.clock.now(), "1", {
          state: c.state,
          replies: [{ text: "李女士，13912345678" }],
        });
        await world.file(0, { citizenRef: `web:${session}` });
        return session;
      }

      it("is forgotten after 31 days of silence, its last event and replies with it; the count of drafts and the last submission stay", async () => {
        const world = await webWorld();
        const session = await filedOneAndLeftAnother(world);
        world.clock.advance(31 * DAY);

        await world.run();

        const { dialogue } = await createTurnStore(world.db).load("web", session);
        expect(dialogue).toMatchObject({
          state: { step: "idle", draft: null, draftCount: 2, lastSubmitted: { draftNo: 1 } },
          version: 1,
          lastEventId: null,
          lastReplies: null,
        });
        for (const words of ["光明路", "李女士", "13912345678"]) {
          expect(JSON.stringify(dialogue.state)).not.toContain(words);
        }
      });

      it("is kept when the citizen spoke 29 days ago", async () => {
        const world = await webWorld();
        const session = await filedOneAndLeftAnother(world);
        world.clock.advance(29 * DAY);

        await world.run();

        const { dialogue } = await createTurnStore(world.db).load("web", session);
        expect(dialogue).toMatchObject({ state: { draft: { no: 2 } }, lastEventId: "1" });
      });

      it("goes on when the citizen speaks as it is forgotten: their turn, read before, still saves", async () => {
        const world = await webWorld();
        const session = await filedOneAndLeftAnother(world);
        world.clock.advance(31 * DAY);
        const turns = createTurnStore(world.db);
        const { dialogue: read } = await turns.load("web", session);

        await world.run();
        const saved = await turns.save({
          channel: "web",
          chatId: session,
          externalId: session,
          now: world.clock.now(),
          readVersion: read.version,
          dialogue: { state: read.state as object, eventId: "2", replies: [], receipt: null },
        });

        expect(saved).not.toBeNull();
        const { dialogue } = await turns.load("web", session);
        expect(dialogue).toMatchObject({ state: { draft: { no: 2 } }, lastEventId: "2" });
      });
    });

    it("keeps the conversation of a web session that joined (附议) another's case", async () => {
      const world = await webWorld();
      const session = sessionOf("a");
      await world.speakAndJoin(session);
      world.clock.advance(400 * DAY);

      await world.run();

      expect(await world.db.webChatMessage.count({ where: { sessionId: session } })).toBe(1);
    });

    it("never removes an upload that is a case's photo, even of a session with no case of its own", async () => {
      const world = await webWorld();
      const session = sessionOf("a");
      const photo = await world.upload(session);
      const other = await world.upload(session);
      const no = await world.file(7);
      const caseId = (await world.db.case.findUniqueOrThrow({ where: { trackingNo: no } })).id;
      await world.db.attachment.create({
        data: {
          caseId,
          channel: "web",
          fileId: photo.id,
          mimeType: "image/jpeg",
          storagePath: path.join("uploads", `${photo.id}.jpg`),
        },
      });
      world.clock.advance(31 * DAY);

      await world.run();

      expect(await world.keptOf(session, photo)).toEqual({ log: 0, uploads: 1, file: true });
      expect(existsSync(other.file)).toBe(false);
    });

    it("reads a session kept for its case once: the next hour's run looks only from the last run's cutoff on", async () => {
      const world = await webWorld();
      const session = sessionOf("a");
      await world.speakAndJoin(session);
      world.clock.advance(31 * DAY);
      await world.run();
      expect(await webLookMark(world.db)).toEqual({
        at: new Date(world.clock.now().getTime() - CHAT_KEEP_MS),
        key: "",
      });
      // Were it read again, a session no longer joined to any case would now be forgotten.
      await world.db.caseSupporter.deleteMany({});
      world.clock.advance(HOUR);

      await world.run();

      expect(await world.db.webChatMessage.count({ where: { sessionId: session } })).toBe(1);
      expect((await webLookMark(world.db))?.at).toEqual(
        new Date(world.clock.now().getTime() - CHAT_KEEP_MS),
      );
    });

    it("forgets a session looked at while its page still polled, once the poll too is 30 days old", async () => {
      const world = await webWorld();
      const session = sessionOf("a");
      await webTurn(world.db, session, world.clock.now(), "1");
      world.clock.advance(20 * DAY);
      await createWebPagePresence(world.db).polled(session, world.clock.now());
      world.clock.advance(11 * DAY);
      await world.run();
      expect(await world.db.webChatMessage.count({ where: { sessionId: session } })).toBe(1);

      world.clock.advance(20 * DAY);
      await world.run();

      expect(await world.db.webChatMessage.count({ where: { sessionId: session } })).toBe(0);
      expect(await createWebPagePresence(world.db).lastPoll(session)).toBeNull();
    });

    it("forgets a session that spoke again after it was looked at, once silent for 30 days again", async () => {
      const world = await webWorld();
      const session = sessionOf("a");
      await webTurn(world.db, session, world.clock.now(), "1");
      world.clock.advance(29 * DAY);
      await webTurn(world.db, session, world.clock.now(), "2");
      world.clock.advance(2 * DAY);
      await world.run();
      expect(await world.db.webChatMessage.count({ where: { sessionId: session } })).toBe(2);

      world.clock.advance(29 * DAY);
      await world.run();

      expect(await world.db.webChatMessage.count({ where: { sessionId: session } })).toBe(0);
    });

    it("goes on where a run stopped by its bound left off, and only then looks past it", async () => {
      const world = await webWorld();
      const sessions = [sessionOf("a"), sessionOf("b"), sessionOf("c")];
      for (const session of sessions) await webTurn(world.db, session, world.clock.now(), "1");
      const spokeAt = world.clock.now();
      world.clock.advance(31 * DAY);
      const logs = () =>
        Promise.all(
          sessions.map((sessionId) => world.db.webChatMessage.count({ where: { sessionId } })),
        );

      expect(await forgetSilentWebSessions(world.db, world.clock, world.dataDir, 1)).toBe(1);
      expect(await logs()).toEqual([0, 1, 1]);
      expect(await webLookMark(world.db)).toEqual({ at: spokeAt, key: sessionOf("a") });

      world.clock.advance(HOUR);
      expect(await forgetSilentWebSessions(world.db, world.clock, world.dataDir, 1)).toBe(1);
      expect(await logs()).toEqual([0, 0, 1]);
      expect(await webLookMark(world.db)).toEqual({ at: spokeAt, key: sessionOf("b") });

      await world.run();
      expect(await logs()).toEqual([0, 0, 0]);
      expect((await webLookMark(world.db))?.at).toEqual(
        new Date(world.clock.now().getTime() - CHAT_KEEP_MS),
      );
    });

    it("keeps a page's last poll until the look for silent sessions has read past it: the poll is the session's activity", async () => {
      const world = await webWorld();
      const [first, polled] = [sessionOf("a"), sessionOf("b")];
      await webTurn(world.db, first, world.clock.now(), "1");
      await webTurn(world.db, polled, world.clock.now(), "1");
      world.clock.advance(DAY);
      await createWebPagePresence(world.db).polled(polled, world.clock.now());
      world.clock.advance(31 * DAY);
      await forgetSilentWebSessions(world.db, world.clock, world.dataDir, 1);

      await expire("web page presences", world.db, world.clock, world.dataDir, 50_000);

      expect(await createWebPagePresence(world.db).lastPoll(polled)).not.toBeNull();
      await world.run();
      expect(await world.db.webChatMessage.count({ where: { sessionId: polled } })).toBe(0);
      expect(await createWebPagePresence(world.db).lastPoll(polled)).toBeNull();
    });

    it("leaves the files a WeCom citizen sent: they are not a web session's", async () => {
      const world = await webWorld();
      const image = await world.upload("wecom:wm-user");
      world.clock.advance(31 * DAY);

      await world.run();

      expect(await world.keptOf("wecom:wm-user", image)).toEqual({
        log: 0,
        uploads: 1,
        file: true,
      });
    });
  });
});
