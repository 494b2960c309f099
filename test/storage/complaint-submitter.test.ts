/**
 * Filing a complaint (登记) writes the whole case in one transaction, in plain statements: the
 * rows read back through Prisma as the console, the clerks' queue and the worker read them.
 * A retried submission of the same draft gets the first receipt and files nothing more.
 */
import { describe, expect, it } from "vitest";
import { routingProposals } from "../../src/cases/routing-suggestion.ts";
import { parseOccurredAt } from "../../src/domain/intake/occurred-at.ts";
import { FALLBACK_CATEGORY } from "../../src/domain/routing.ts";
import { createCaseCardStore } from "../../src/storage/case-card-store.ts";
import { createCaseRecordStore } from "../../src/storage/case-record-store.ts";
import { createRoutingSuggestionStore } from "../../src/storage/routing-suggestion-store.ts";
import { quietLogger } from "../notifications/helpers.ts";
import { createCaseWorld } from "../support/case-world.ts";
import { caseCards, clerkCardText } from "../support/clerk-card-text.ts";
import { staffZh } from "../../src/notifications/staff-messages-zh.ts";
import { UNSURE_FILING, UNSURE_UNITS } from "../support/unsure-classification.ts";
import { PROVIDERS } from "../support/databases.ts";

describe.each(PROVIDERS)("filing a complaint (%s)", { timeout: 60_000 }, (provider) => {
  it("writes the case with its photos, suggestion, search terms, timeline and the clerks' notice", async () => {
    const world = await createCaseWorld(provider);
    const no = await world.file(1001, {
      photos: ["tg-photo-1", "tg-photo-2"],
      location: { latitude: 33.83, longitude: 114.39 },
    });

    expect(no).toMatch(/-\d{8}-0001$/);
    const row = await world.db.case.findUniqueOrThrow({
      where: { trackingNo: no },
      include: {
        attachments: true,
        suggestions: true,
        search: true,
        placeKeys: true,
        timeline: true,
        notifications: true,
        citizen: true,
        identity: true,
      },
    });
    expect(row).toMatchObject({
      channel: "telegram",
      anonymous: false,
      contactName: "王大爷",
      contactPhone: "13812345678",
      status: "submitted",
      submittedAt: world.clock.now(),
      locatedAt: world.clock.now(),
      latitude: 33.83,
      isEmergency: false,
      version: 0,
    });
    expect(row.id).toMatch(/^c[0-9a-z]{24}$/);
    expect(row.acceptanceDueAt.getTime()).toBeGreaterThan(world.clock.now().getTime());
    expect(row.citizen).toMatchObject({ name: "王大爷", phone: "13812345678", locale: "zh" });
    expect(row.identity?.externalId).toBe("1001");
    expect(row.attachments.map((a) => [a.channel, a.fileId])).toEqual([
      ["telegram", "tg-photo-1"],
      ["telegram", "tg-photo-2"],
    ]);
    expect(row.suggestions).toEqual([
      expect.objectContaining({ categoryCode: "municipal", chosen: true, method: "citizen" }),
    ]);
    expect(row.suggestions[0]!.alternatives).toEqual([]);
    expect(row.search?.terms).toBeTruthy();
    expect(row.placeKeys.length).toBeGreaterThan(0);
    expect(row.timeline.map((e) => [e.kind, e.actorKind, e.toStatus])).toEqual([
      ["submitted", "citizen", "submitted"],
    ]);
    expect(row.notifications.map((n) => [n.audience, n.kind, n.status])).toEqual([
      ["clerks", "new_case", "pending"],
    ]);
    expect((await world.store.find(no))?.status).toBe("submitted");
  });

  it("shows the clerk the classifier's unsure guess, not 其他 at 100 %, when the citizen left the kind to them", async () => {
    const world = await createCaseWorld(provider);
    const no = await world.file(1001, {
      ...UNSURE_FILING,
      category: FALLBACK_CATEGORY,
      categoryLeftToClerk: true,
    });
    const row = await world.db.case.findUniqueOrThrow({
      where: { trackingNo: no },
      include: { suggestions: true },
    });
    const shown = row.suggestions.find((s) => s.chosen)!;
    expect(shown).toMatchObject({
      categoryCode: FALLBACK_CATEGORY,
      method: "model",
      confidence: 0.41,
      unsure: true,
    });
    const proposals = await routingProposals(
      createRoutingSuggestionStore(world.db, quietLogger()),
      world.directory,
      [row.id],
    );
    expect(proposals.get(row.id)?.choices.map((c) => c.unitId)).toEqual([...UNSURE_UNITS]);
  });

  it("keeps a category the citizen picked as theirs, at 100 %", async () => {
    const world = await createCaseWorld(provider);
    const no = await world.file(1001, { ...UNSURE_FILING, category: "municipal" });
    const row = await world.db.case.findUniqueOrThrow({
      where: { trackingNo: no },
      include: { suggestions: true },
    });
    expect(row.suggestions.find((s) => s.chosen)).toMatchObject({
      categoryCode: "municipal",
      method: "citizen",
      confidence: 1,
      unsure: false,
    });
  });

  it("keeps a time said without a day as the citizen's words, with no instant", async () => {
    const world = await createCaseWorld(provider);
    const no = await world.file(1001, {
      occurredAt: { text: "打我搬来就这样", date: null, ongoing: false },
    });
    const row = await world.db.case.findUniqueOrThrow({ where: { trackingNo: no } });
    expect(row).toMatchObject({
      occurredAt: null,
      occurredText: "打我搬来就这样",
      occurredOngoing: false,
    });
    expect(await createCaseCardStore(world.db).matter(no)).toMatchObject({
      occurredText: "打我搬来就这样",
    });
  });

  it("keeps a time that goes on until now as going on, with no day for a start", async () => {
    const world = await createCaseWorld(provider);
    const no = await world.file(1001, {
      occurredAt: { text: "天天都这样", date: null, ongoing: true },
    });
    const row = await world.db.case.findUniqueOrThrow({ where: { trackingNo: no } });
    expect(row).toMatchObject({
      occurredAt: null,
      occurredText: "天天都这样",
      occurredOngoing: true,
    });
    expect(await createCaseCardStore(world.db).matter(no)).toMatchObject({
      occurredText: "天天都这样",
      occurredAt: null,
      occurredOngoing: true,
    });
    expect(await clerkCardText(world, no)).toContain("时间：天天都这样（持续至今）\n");
  });

  it("keeps how many a complaint speaks for, and the clerks' card says it beside 【紧急】", async () => {
    const world = await createCaseWorld(provider);
    const wages = await world.file(1001, {
      description: "俺们工地一共三十多个农民工，老板欠了三个月工资，过年回不了家",
      isEmergency: true,
    });
    const water = await world.file(1002, {
      description: "全村两百多户吃不上自来水，已经一个星期了",
    });
    const alone = await world.file(1003, { description: "我家三口人，楼下路灯坏了十几年没人修" });

    const columns = { groupAtLeast: true, groupUnit: true, groupWhole: true } as const;
    const read = (no: string) =>
      world.db.case.findUniqueOrThrow({ where: { trackingNo: no }, select: columns });
    expect(await read(wages)).toEqual({ groupAtLeast: 30, groupUnit: "people", groupWhole: null });
    expect(await read(water)).toEqual({
      groupAtLeast: 200,
      groupUnit: "households",
      groupWhole: "village",
    });
    expect(await read(alone)).toEqual({ groupAtLeast: null, groupUnit: null, groupWhole: null });
    expect(await createCaseRecordStore(world.db).byTrackingNo(water)).toMatchObject({
      group: { count: { atLeast: 200, unit: "households" }, whole: "village" },
    });
    expect(await clerkCardText(world, wages)).toMatch(
      /^【紧急】【群体诉求：约 30 人以上】【新反映】/u,
    );
    expect(await clerkCardText(world, water)).toMatch(
      /^【群体诉求：全村，约 200 户以上】【新反映】/u,
    );
    expect(await clerkCardText(world, alone)).toMatch(/^【新反映】/u);
  });

  it("keeps a place outside the city (不在本市) as data, and the clerks' and units' cards mark it", async () => {
    const world = await createCaseWorld(provider);
    const named = await world.file(1001, {
      description: "在郑州打工，老板欠了三个月工资",
      address: "郑州东区龙湖工地",
      outsideCity: { place: "郑州市" },
      isEmergency: true,
    });
    const point = await world.file(1002, {
      location: { latitude: 39.908, longitude: 116.397 },
      outsideCity: { place: null },
    });
    const inCity = await world.file(1003);

    const columns = { outsideCity: true, placeElsewhere: true } as const;
    const read = (no: string) =>
      world.db.case.findUniqueOrThrow({ where: { trackingNo: no }, select: columns });
    expect(await read(named)).toEqual({ outsideCity: true, placeElsewhere: "郑州市" });
    expect(await read(point)).toEqual({ outsideCity: true, placeElsewhere: null });
    expect(await read(inCity)).toEqual({ outsideCity: false, placeElsewhere: null });
    const records = createCaseRecordStore(world.db);
    expect((await records.byTrackingNo(named))?.outsideCity).toEqual({ place: "郑州市" });
    expect((await records.byTrackingNo(point))?.outsideCity).toEqual({ place: null });
    expect((await records.byTrackingNo(inCity))?.outsideCity).toBeNull();

    expect(await clerkCardText(world, named)).toMatch(/^【紧急】【不在本市：郑州市】【新反映】/u);
    expect(await clerkCardText(world, point)).toMatch(/^【不在本市：所发位置】【新反映】/u);
    expect(await clerkCardText(world, inCity)).toMatch(/^【新反映】/u);
    // Where the matter is is no one's identity: the unit handling it reads it too.
    const unitCard = staffZh.unitCard((await caseCards(world).unitCard(named))!, "【交办】");
    expect(unitCard).toMatch(/^【紧急】【不在本市：郑州市】【交办】/u);
  });

  it("keeps whose the phone is when it is a relative's: the clerks read it beside the number, a unit reads no name", async () => {
    const world = await createCaseWorld(provider);
    const son = await world.file(1001, {
      description: "楼下饭店油烟太大，俺儿子李强说打这个电话找他",
      contact: {
        kind: "named",
        name: "王",
        phone: "13838281234",
        holder: { relation: "son", name: "李强" },
      },
    });
    const own = await world.file(1002);

    const holder = (no: string) =>
      world.db.case.findUniqueOrThrow({
        where: { trackingNo: no },
        select: { contactHolderRelation: true, contactHolderName: true },
      });
    expect(await holder(son)).toEqual({ contactHolderRelation: "son", contactHolderName: "李强" });
    expect(await holder(own)).toEqual({ contactHolderRelation: null, contactHolderName: null });
    expect((await createCaseRecordStore(world.db).byTrackingNo(son))?.contact).toEqual({
      name: "王",
      phone: "13838281234",
      holder: { relation: "son", name: "李强" },
      // No contact kept before: the number was never changed.
      former: [],
    });
    expect(await clerkCardText(world, son)).toContain("电话：13838281234（儿子李强的电话）");
    expect(await clerkCardText(world, own)).toContain("电话：13812345678（仅限登记人员可见）");
    const unitCard = staffZh.unitCard((await caseCards(world).unitCard(son))!, "【交办】");
    expect(unitCard).not.toContain("13838281234");
    expect(unitCard).not.toContain("李强");
    expect(unitCard).toContain("俺儿子**说");
    // A unit's search for the holder's name finds nothing; a clerk's finds the case.
    const search = await world.db.caseSearch.findFirstOrThrow({
      where: { case: { trackingNo: son } },
    });
    expect(search.terms).toContain("李强");
    expect(search.unitTerms).not.toContain("李强");
  });

  it("reads the word a case filed before the relation codes kept (闺女) as its relation", async () => {
    const world = await createCaseWorld(provider);
    const before = await world.file(1001);
    await world.db.case.update({
      where: { trackingNo: before },
      data: { contactHolderRelation: "闺女", contactHolderName: null },
    });
    expect((await createCaseRecordStore(world.db).byTrackingNo(before))?.contact?.holder).toEqual({
      relation: "daughter",
      name: null,
    });
    expect(await clerkCardText(world, before)).toContain("电话：13812345678（女儿的电话）");
  });

  it("keeps a consultation as one, and the clerks' card marks it 【咨询】 beside 【紧急】", async () => {
    const world = await createCaseWorld(provider);
    const asked = await world.file(1001, {
      description: "请问今年新农合一年交多少钱，在哪交",
      requestKind: "consultation",
      occurredAt: null,
      photos: [],
    });
    const urgent = await world.file(1002, {
      description: "请问煤气罐漏气了该找哪个部门",
      requestKind: "consultation",
      isEmergency: true,
    });
    const complaint = await world.file(1003);

    const kind = (no: string) =>
      world.db.case.findUniqueOrThrow({ where: { trackingNo: no }, select: { requestKind: true } });
    expect(await kind(asked)).toEqual({ requestKind: "consultation" });
    expect(await kind(complaint)).toEqual({ requestKind: "complaint" });
    expect(await clerkCardText(world, asked)).toMatch(/^【咨询】【新反映】/u);
    expect(await clerkCardText(world, urgent)).toMatch(/^【紧急】【咨询】【新反映】/u);
    expect(await clerkCardText(world, complaint)).toMatch(/^【新反映】/u);
  });

  it("keeps a vague time to the precision the citizen gave it: the clerk reads 约 2025年, not a day", async () => {
    const world = await createCaseWorld(provider);
    const no = await world.file(1001, {
      occurredAt: parseOccurredAt("去年", world.clock.now()),
    });
    expect(await world.db.case.findUniqueOrThrow({ where: { trackingNo: no } })).toMatchObject({
      occurredText: "去年",
      occurredPrecision: "year",
    });
    expect(await createCaseRecordStore(world.db).byTrackingNo(no)).toMatchObject({
      occurredText: "去年",
      occurredPrecision: "year",
    });
    expect(await clerkCardText(world, no)).toContain("时间：约 2025年（去年）\n");
  });

  it("shows a time known to its month or season as that month or season", async () => {
    const world = await createCaseWorld(provider);
    const month = await world.file(1001, {
      occurredAt: {
        text: "三个月前",
        date: "2026-09-06",
        time: null,
        approximate: true,
        precision: "month",
      },
    });
    const season = await world.file(1002, {
      occurredAt: {
        text: "去年夏天",
        date: "2025-06-01",
        time: null,
        approximate: true,
        precision: "season",
      },
    });
    expect(await clerkCardText(world, month)).toContain("时间：约 2026年9月（三个月前）\n");
    expect(await clerkCardText(world, season)).toContain("时间：约 2025年夏天（去年夏天）\n");
  });

  it("gives a retried submission the first receipt and numbers the next case after it", async () => {
    const world = await createCaseWorld(provider);
    const first = await world.file(1001, { idempotencyKey: "draft-1" });
    const again = await world.file(1001, { idempotencyKey: "draft-1" });
    const next = await world.file(1001, { idempotencyKey: "draft-2" });

    expect(again).toBe(first);
    expect(next).toMatch(/-0002$/);
    expect(await world.db.case.count()).toBe(2);
  });
});
