/**
 * What a citizen sees of their own case: the timeline in their words, each
 * assignment naming the unit it went to then, not where the case is now. And of a case they
 * joined (附议): listed and shown as supported, with its course but never the reporter's acts;
 * the join is on the case's history as a count, naming no one. An addition of photos without
 * words is kept and read back as such on either database. An answered case tells its reporter
 * the review they may ask (复查, then 复核) and its last day, by the working calendar — open,
 * then past — and none while under review or to a supporter. The latest answer is shown in
 * full (under review, the one reviewed), and whether it still waits for the reporter's rating.
 * Its reporter sees the contact phone left with it and whose it is; a supporter never.
 */
import { describe, expect, it } from "vitest";
import type { Actor } from "../../src/domain/lifecycle/actor.ts";
import { createNearbyCases } from "../../src/storage/case-supporters.ts";
import { createCitizenCases } from "../../src/storage/citizen-cases.ts";
import { createIdentityStore } from "../../src/storage/identity-store.ts";
import { reviewRequestDeadline } from "../../src/domain/lifecycle/deadlines.ts";
import { DAY, HOUR } from "../support/clock.ts";
import { createCaseWorld } from "../support/case-world.ts";
import { PROVIDERS } from "../support/databases.ts";

const clerk: Actor = { kind: "clerk", id: "clerk-li" };
const handler: Actor = { kind: "handler", id: "handler-zhao", unitId: "urban_management.fugou" };
const reporter: Actor = { kind: "citizen", id: "telegram:1001" };

describe.each(PROVIDERS)("a citizen's case timeline (%s)", { timeout: 60_000 }, (provider) => {
  it("names, for each assignment, the unit the case went to then, in the reader's language", async () => {
    const world = await createCaseWorld(provider);
    const no = await world.file(1001);
    const [first, second] = ["urban_management.fugou", "urban_management.city"];
    world.clock.advance(HOUR);
    await world.actions.act(no, { type: "route", unitId: first }, clerk);
    world.clock.advance(HOUR);
    await world.actions.act(no, { type: "reassign", unitId: second }, clerk);

    const cases = createCitizenCases(world.db, world.directory, {
      calendar: () => world.calendar,
      now: () => world.clock.now(),
    });
    const assignments = async (locale: "zh" | "en") => {
      const detail = await cases.get("telegram:1001", no, locale);
      return [
        ...detail!.timeline.filter((e) => e.kind === "assigned").map((e) => e.detail),
        detail!.unitName,
      ];
    };

    expect(await assignments("zh")).toEqual([
      "扶沟县城市管理局",
      "周口市城市管理局",
      "周口市城市管理局",
    ]);
    // A citizen who chose English reads the units' English names.
    expect(await assignments("en")).toEqual([
      "Fugou County Urban Management Bureau",
      "Zhoukou City Urban Management Bureau",
      "Zhoukou City Urban Management Bureau",
    ]);
  });

  it("shows an addition of photos without words as photos only: no words, the photos counted", async () => {
    const world = await createCaseWorld(provider);
    const no = await world.file(1001);
    const citizen: Actor = { kind: "citizen", id: "telegram:1001" };
    world.clock.advance(HOUR);
    await world.actions.act(no, { type: "supplement", text: null, photoIds: ["p-1"] }, citizen);
    world.clock.advance(HOUR);
    await world.actions.act(no, { type: "supplement", text: "坑更大了", photoIds: [] }, citizen);

    const detail = await createCitizenCases(world.db, world.directory, {
      calendar: () => world.calendar,
      now: () => world.clock.now(),
    }).get("telegram:1001", no, "zh");

    const additions = detail?.timeline.filter((e) => e.kind === "supplemented");
    expect(additions?.map(({ detail: words, photos }) => ({ words, photos }))).toEqual([
      { words: null, photos: 1 },
      { words: "坑更大了", photos: undefined },
    ]);
    const stored = await world.db.timelineEntry.findFirstOrThrow({
      where: { case: { trackingNo: no }, kind: "supplemented" },
      orderBy: { at: "asc" },
    });
    expect(stored.data).toEqual({ text: null, photoIds: ["p-1"] });
  });

  it("shows the reporter each counted urge (催办), its words as an addition, and no supporter", async () => {
    const world = await createCaseWorld(provider);
    const no = await world.file(1001);
    world.clock.advance(HOUR);
    await world.actions.act(no, { type: "urge", text: "麻烦快点" }, reporter);
    world.clock.advance(HOUR);
    await world.actions.act(no, { type: "urge", text: null }, reporter); // the same day
    await createIdentityStore(world.db).touch("telegram", "3003", "3003", world.clock.now());
    const supporters = createNearbyCases(world.db, { radiusMetres: 300 }, world.clock);
    expect(await supporters.join("telegram:3003", no, "zh")).toBe("joined");

    const cases = createCitizenCases(world.db, world.directory, {
      calendar: () => world.calendar,
      now: () => world.clock.now(),
    });
    const kinds = async (citizenRef: string) =>
      (await cases.get(citizenRef, no, "zh"))!.timeline.map((e) => e.kind);
    expect(await kinds("telegram:1001")).toEqual(["submitted", "supplemented", "urged"]);
    expect(await kinds("telegram:3003")).not.toContain("urged");
  });

  it("tells the reporter the review they may ask of the answer and its last day, open or past", async () => {
    const world = await createCaseWorld(provider);
    const no = await world.file(1001);
    world.clock.advance(HOUR);
    const supporters = createNearbyCases(world.db, { radiusMetres: 300 }, world.clock);
    await createIdentityStore(world.db).touch("telegram", "3003", "3003", world.clock.now());
    expect(await supporters.join("telegram:3003", no, "zh")).toBe("joined");
    const cases = createCitizenCases(world.db, world.directory, {
      calendar: () => world.calendar,
      now: () => world.clock.now(),
    });
    expect((await cases.get("telegram:1001", no, "zh"))?.reviewRequest).toBeNull();

    await world.actions.act(no, { type: "route", unitId: "urban_management.fugou" }, clerk);
    await world.actions.act(no, { type: "start" }, handler);
    world.clock.advance(3 * DAY);
    const answer = { type: "answer", outcome: "support", text: "井盖已于今日更换。" } as const;
    await world.actions.act(no, answer, handler);
    const lastDay = reviewRequestDeadline(world.calendar, world.clock.now()).at;
    expect((await cases.get("telegram:1001", no, "zh"))?.reviewRequest).toEqual({
      stage: 1,
      lastDay,
      open: true,
    });
    // A supporter asks for no review.
    expect((await cases.get("telegram:3003", no, "zh"))?.reviewRequest).toBeNull();

    world.clock.advance(DAY);
    const rating = { type: "rate", solved: false, satisfaction: "dissatisfied" } as const;
    await world.actions.act(no, rating, reporter);
    await world.actions.act(no, { type: "request_review" }, reporter);
    expect((await cases.get("telegram:1001", no, "zh"))?.reviewRequest).toBeNull();

    world.clock.advance(DAY);
    await world.actions.act(no, answer, handler);
    const secondLastDay = reviewRequestDeadline(world.calendar, world.clock.now()).at;
    expect((await cases.get("telegram:1001", no, "zh"))?.reviewRequest).toEqual({
      stage: 2,
      lastDay: secondLastDay,
      open: true,
    });
    world.clock.advance(40 * DAY);
    expect((await cases.get("telegram:1001", no, "zh"))?.reviewRequest).toEqual({
      stage: 2,
      lastDay: secondLastDay,
      open: false,
    });
  });

  it("shows the latest answer in full and whether it waits for the reporter's rating", async () => {
    const world = await createCaseWorld(provider);
    const no = await world.file(1001);
    const cases = createCitizenCases(world.db, world.directory, {
      calendar: () => world.calendar,
      now: () => world.clock.now(),
    });
    const shown = async () => {
      const detail = await cases.get("telegram:1001", no, "zh");
      return { answer: detail?.answer, mayRate: detail?.mayRate };
    };
    expect(await shown()).toEqual({ answer: null, mayRate: false });

    await world.actions.act(no, { type: "route", unitId: "urban_management.fugou" }, clerk);
    await world.actions.act(no, { type: "start" }, handler);
    world.clock.advance(DAY);
    const text = "井盖已于今日更换。";
    await world.actions.act(no, { type: "answer", outcome: "support", text }, handler);
    const answeredAt = world.clock.now();
    const answer = { text, at: answeredAt, outcome: "support", reviewStage: 0, promisedBy: null };
    expect(await shown()).toEqual({ answer, mayRate: true });

    world.clock.advance(HOUR);
    const rating = { type: "rate", solved: false, satisfaction: "dissatisfied" } as const;
    await world.actions.act(no, rating, reporter);
    expect(await shown()).toEqual({ answer, mayRate: false });
    // Under review, the answer reviewed is still the one shown.
    await world.actions.act(no, { type: "request_review" }, reporter);
    expect(await shown()).toEqual({ answer, mayRate: false });
  });

  it("lists and shows a case the citizen joined as supported, without the reporter's acts", async () => {
    const world = await createCaseWorld(provider);
    const reported = await world.file(1001);
    world.clock.advance(HOUR);
    const own = await world.file(2002);
    world.clock.advance(HOUR);
    await createIdentityStore(world.db).touch("telegram", "3003", "3003", world.clock.now());
    const nearby = createNearbyCases(world.db, { radiusMetres: 300 }, world.clock);
    world.clock.advance(HOUR);
    const joinedAt = world.clock.now();
    expect(await nearby.join("telegram:2002", reported, "zh")).toBe("joined");
    world.clock.advance(HOUR);
    expect(await nearby.join("telegram:3003", reported, "zh")).toBe("joined");
    world.clock.advance(HOUR);
    await world.actions.act(reported, { type: "route", unitId: "urban_management.fugou" }, clerk);
    const cases = createCitizenCases(world.db, world.directory, {
      calendar: () => world.calendar,
      now: () => world.clock.now(),
    });

    expect((await cases.list("telegram:2002")).map((c) => [c.trackingNo, c.supported])).toEqual([
      [own, false],
      [reported, true],
    ]);
    expect((await cases.list("telegram:1001")).map((c) => [c.trackingNo, c.supported])).toEqual([
      [reported, false],
    ]);
    const seen = await cases.get("telegram:2002", reported, "zh");
    expect(seen?.supported).toBe(true);
    expect(seen?.timeline.map((e) => e.kind)).toEqual(["supported", "accepted", "assigned"]);
    expect(seen?.timeline[0]!.at).toEqual(joinedAt);
    expect((await cases.get("telegram:1001", reported, "zh"))?.timeline[0]!.kind).toBe("submitted");
    expect(await cases.get("telegram:1001", own, "zh")).toBeNull();

    const history = await world.db.timelineEntry.findMany({
      where: { case: { trackingNo: reported }, kind: "supported" },
      orderBy: { at: "asc" },
    });
    expect(history.map((e) => [e.actorKind, e.actorId, e.data, e.note])).toEqual([
      ["citizen", null, { supporters: 1 }, null],
      ["citizen", null, { supporters: 2 }, null],
    ]);
  });

  it("shows the reporter the contact phone and whose it is, and a supporter or an anonymous case none", async () => {
    const world = await createCaseWorld(provider);
    const sons = await world.file(1001, {
      contact: {
        kind: "named",
        name: "王",
        phone: "13838281234",
        holder: { relation: "son", name: "李强" },
      },
    });
    const anonymous = await world.file(2002, { contact: { kind: "anonymous" } });
    const nearby = createNearbyCases(world.db, { radiusMetres: 300 }, world.clock);
    expect(await nearby.join("telegram:2002", sons, "zh")).toBe("joined");
    const cases = createCitizenCases(world.db, world.directory, {
      calendar: () => world.calendar,
      now: () => world.clock.now(),
    });

    expect((await cases.get("telegram:1001", sons, "zh"))?.contact).toEqual({
      phone: "13838281234",
      holder: { relation: "son", name: "李强" },
    });
    expect((await cases.get("telegram:2002", sons, "zh"))?.contact).toBeNull();
    expect((await cases.get("telegram:2002", anonymous, "zh"))?.contact).toBeNull();
  });
});
