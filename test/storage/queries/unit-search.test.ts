/**
 * A unit searches only what it reads, on both databases: a citizen who writes their name and
 * phone number into the complaint is found by the clerk under that name, never by the unit
 * handling the case (which reads the name masked) — a hit would tell the unit who filed it.
 * Cases stored before the unit's words were kept apart get them from the backfill.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { indexCaseSearch, searchTermsMark } from "../../../src/storage/case-search.ts";
import type { CaseScope } from "../../../src/storage/queries/case-conditions.ts";
import { searchTerms } from "../../../src/storage/queries/search-terms.ts";
import type { CasePage } from "../../../src/storage/queries/case-list.ts";
import { quietLogger } from "../../notifications/helpers.ts";
import { createCaseWorld, type CaseWorld } from "../../support/case-world.ts";
import { HOUR } from "../../support/clock.ts";
import { PROVIDERS } from "../../support/databases.ts";

const clerk = { kind: "clerk", id: "clerk-li" } as const;
const UNIT = "urban_management.fugou";
const ALL: CaseScope = { kind: "all" };
const HANDLER: CaseScope = { kind: "unit", unitId: UNIT, seesReports: false };
const WRITTEN = "我叫张建国，电话13912345678，小区门口井盖没了";

describe.each(PROVIDERS)("a unit's text search on %s", { timeout: 60_000 }, (provider) => {
  let world: CaseWorld;

  beforeAll(async () => {
    world = await createCaseWorld(provider);
  });

  /** Files the complaint with its writer's contact and routes it to the unit. */
  async function filed(
    userId: number,
    description = WRITTEN,
    phone = "13912345678",
  ): Promise<string> {
    const no = await world.file(userId, {
      description,
      address: "建设路",
      contact: { kind: "named", name: "张建国", phone },
    });
    await world.actions.act(no, { type: "route", unitId: UNIT }, clerk);
    world.clock.advance(HOUR);
    return no;
  }

  /** The case's unit searching its clerk's terms, as before a version masked more of them. */
  async function searchingTheClerksTerms(no: string): Promise<void> {
    const row = await world.db.case.findUniqueOrThrow({ where: { trackingNo: no } });
    await world.db.caseSearch.update({ where: { caseId: row.id }, data: { unitTerms: null } });
  }

  /** Marks the stored terms as written by `version`: the next backfill computes them again. */
  async function markTermsVersion(version: string): Promise<void> {
    await world.db.channelCursor.upsert({
      where: { name: "case-search:terms-version" },
      create: { name: "case-search:terms-version", cursor: version },
      update: { cursor: version },
    });
  }

  async function found(scope: CaseScope, q: string): Promise<string[]> {
    const page: CasePage = await world.queries.cases.page({ scope, filter: {}, q, limit: 50 });
    const rows = await world.db.case.findMany({
      where: { id: { in: [...page.ids] } },
      select: { trackingNo: true },
    });
    expect(page.total).toBe(rows.length);
    return rows.map((row) => row.trackingNo);
  }

  it("finds the citizen's name for the clerk, and for the unit only the words it reads", async () => {
    const no = await filed(5001);

    expect(await found(ALL, "张建国")).toContain(no);
    expect(await found(ALL, "13912345678")).toContain(no);
    expect(await found(HANDLER, "张建国")).not.toContain(no);
    expect(await found(HANDLER, "建国")).not.toContain(no);
    expect(await found(HANDLER, "张")).not.toContain(no);
    expect(await found(HANDLER, "井盖")).toContain(no);
    expect(await found(HANDLER, "我叫")).toContain(no);
    expect(await found(HANDLER, "建设路")).toContain(no);
  });

  it.each([
    ["俺叫李桂兰，村东头的变压器老是冒火花", "李桂兰", "变压器"],
    ["我是东关的老王，胡同口的路灯坏了半个月了", "老王", "路灯"],
    ["我是张建国，东关的，俺家门口井盖没了", "张建国", "井盖"],
  ])(
    "finds, for the unit, no name the writer introduced without leaving it as the contact (%s)",
    async (description, name, matter) => {
      const no = await world.file(5003, {
        description,
        address: "王庄",
        contact: { kind: "anonymous" },
      });
      await world.actions.act(no, { type: "route", unitId: UNIT }, clerk);

      expect(await found(ALL, name)).toContain(no);
      expect(await found(HANDLER, name)).not.toContain(no);
      expect(await found(HANDLER, matter)).toContain(no);
    },
  );

  it("finds, for the unit, a case whose words name no one as the clerk does", async () => {
    const no = await filed(5002, "张建国家门口的井盖没了");
    const other = await world.file(5003, {
      description: "张建国反映路灯不亮",
      contact: { kind: "named", name: "李四", phone: "13812345678" },
    });
    await world.actions.act(other, { type: "route", unitId: UNIT }, clerk);

    // The writer's name is masked wherever it stands; another writer's words are read as written.
    expect(await found(HANDLER, "张建国")).toEqual([other]);
    expect(await found(ALL, "张建国")).toEqual(expect.arrayContaining([no, other]));
  });

  it("answers the clerk's and the unit's searches each through its text index (the plan)", async () => {
    const plan = await world.queries.cases.explain(HANDLER, {}, { q: "井盖", forceIndexes: true });
    const clerks = await world.queries.cases.explain(ALL, {}, { q: "井盖", forceIndexes: true });

    if (provider === "sqlite") {
      expect(clerks).toMatch(/SCAN f VIRTUAL TABLE INDEX/);
      expect(plan).toMatch(/SCAN f VIRTUAL TABLE INDEX/);
      expect(plan).not.toMatch(/SCAN (s|c)$/m);
    } else {
      expect(clerks).toMatch(/Bitmap Index Scan on "CaseSearch_terms_idx"/);
      expect(clerks).not.toMatch(/CaseSearch_unitTerms_idx|Seq Scan on "CaseSearch"/);
      expect(plan).toMatch(/Bitmap Index Scan on "CaseSearch_unitTerms_idx"/);
      expect(plan).not.toMatch(/CaseSearch_terms_idx|Seq Scan on "CaseSearch"/);
    }
  });

  it("gives cases stored by version 5 their contact's name for the clerk, never for the unit, by the backfill", async () => {
    const zhang = await filed(5007, "小区门口井盖又没了");
    const liu = await world.file(5008, {
      description: "我叫刘芳，楼道灯坏了",
      contact: { kind: "named", name: "刘芳", phone: "13712345678" },
    });
    const anonymous = await world.file(5008, {
      description: "楼下饭店油烟太大",
      contact: { kind: "anonymous" },
    });
    for (const no of [liu, anonymous]) {
      await world.actions.act(no, { type: "route", unitId: UNIT }, clerk);
    }
    // As version 5 wrote them: no contact's name in the clerk's words, and none kept for the
    // unit where masking changed no word (刘芳 wrote her name in: hers were kept).
    for (const no of [zhang, liu]) {
      const row = await world.db.case.findUniqueOrThrow({
        where: { trackingNo: no },
        select: { id: true, description: true, address: true, search: true },
      });
      const terms = searchTerms(`${row.description} ${row.address ?? ""}`);
      const unitTerms = row.search!.unitTerms === terms ? null : row.search!.unitTerms;
      await world.db.caseSearch.update({ where: { caseId: row.id }, data: { terms, unitTerms } });
    }
    const anonymousBefore = await world.db.caseSearch.findFirstOrThrow({
      where: { case: { trackingNo: anonymous } },
    });
    await markTermsVersion("5");
    expect(await found(ALL, "井盖又")).toEqual([zhang]);
    expect(await found(ALL, "张建国 井盖又")).toEqual([]);

    // The two that left a name, both their terms; the anonymous case is read and left.
    expect(await indexCaseSearch(world.db, quietLogger())).toBe(2);

    expect(await found(ALL, "张建国 井盖又")).toEqual([zhang]);
    expect(await found(ALL, "建国 井盖又")).toEqual([zhang]);
    expect(await found(ALL, "刘芳")).toEqual([liu]);
    for (const name of ["张建国", "建国", "刘芳"]) {
      const units = await found(HANDLER, name);
      expect(units, name).not.toContain(zhang);
      expect(units, name).not.toContain(liu);
    }
    expect(await found(HANDLER, "井盖又")).toEqual([zhang]);
    expect(
      await world.db.caseSearch.findFirstOrThrow({ where: { case: { trackingNo: anonymous } } }),
    ).toEqual(anonymousBefore);
    expect(await searchTermsMark(world.db).isDone()).toBe(true);
  });

  it("gives cases stored by version 6 their number's holder for the clerk, never for the unit, by the backfill", async () => {
    const no = await filed(5009, "小区门口井盖坏了，我儿子张强天天从这过");
    // The number changed before the terms followed it: as version 6 left them.
    const before = await world.db.caseSearch.findFirstOrThrow({
      where: { case: { trackingNo: no } },
    });
    await world.actions.act(
      no,
      { type: "change_contact", phone: "15812345678", holder: { relation: "son", name: "张强" } },
      { kind: "citizen", id: "telegram:5009" },
    );
    await world.db.caseSearch.update({
      where: { caseId: before.caseId },
      data: { terms: before.terms, unitTerms: before.unitTerms },
    });
    await markTermsVersion("6");
    expect(await found(HANDLER, "张强")).toContain(no);

    expect(await indexCaseSearch(world.db, quietLogger())).toBe(1);

    expect(await found(ALL, "张强 井盖坏")).toEqual([no]);
    expect(await found(HANDLER, "张强")).not.toContain(no);
    expect(await found(HANDLER, "井盖坏")).toEqual([no]);
  });

  it("masks for the unit, by the backfill of version 8, the case's number written in a shape no phone is recognised by", async () => {
    const no = await filed(5010, "小区门口井盖碎了，打我 139.1234.5678");
    // Version 7 masked nothing of these words: the unit searched the clerk's terms.
    await searchingTheClerksTerms(no);
    await markTermsVersion("7");
    expect(await found(HANDLER, "139.1234.5678")).toContain(no);

    expect(await indexCaseSearch(world.db, quietLogger())).toBe(1);

    expect(await found(ALL, "139.1234.5678")).toContain(no);
    expect(await found(HANDLER, "139.1234.5678")).not.toContain(no);
    expect(await found(HANDLER, "井盖碎")).toEqual([no]);
  });

  it("masks for the unit, by the backfill of version 9, the case's landline written without its area code", async () => {
    const no = await filed(5011, "小区门口井盖裂了，打俺家座机 812.3456", "0394-8123456");
    // Version 8 masked the number only with its area code: the unit searched the local one.
    await searchingTheClerksTerms(no);
    await markTermsVersion("8");
    expect(await found(HANDLER, "812.3456")).toContain(no);

    expect(await indexCaseSearch(world.db, quietLogger())).toBe(1);

    expect(await found(ALL, "812.3456")).toContain(no);
    expect(await found(HANDLER, "812.3456")).not.toContain(no);
    expect(await found(HANDLER, "井盖裂")).toEqual([no]);
  });

  it("gives cases stored before the unit's words were kept apart the same search, by the backfill", async () => {
    const old = await filed(5004);
    const unindexed = await filed(5005);
    const plain = await filed(5006, "小区门口路灯坏了");
    // As the migration leaves them: the words as written only, one case without any yet.
    const oldRow = await world.db.case.findUniqueOrThrow({ where: { trackingNo: old } });
    await world.db.caseSearch.update({ where: { caseId: oldRow.id }, data: { unitTerms: null } });
    const unindexedRow = await world.db.case.findUniqueOrThrow({
      where: { trackingNo: unindexed },
    });
    await world.db.caseSearch.delete({ where: { caseId: unindexedRow.id } });
    await markTermsVersion("1");
    expect(await found(HANDLER, "张建国")).toContain(old);

    const written = await indexCaseSearch(world.db, quietLogger());

    // Only the two whose stored words differ are written; the others are read and left.
    expect(written).toBe(2);
    expect(await searchTermsMark(world.db).isDone()).toBe(true);
    for (const no of [old, unindexed]) {
      expect(await found(ALL, "张建国")).toContain(no);
      expect(await found(HANDLER, "张建国")).not.toContain(no);
      expect(await found(HANDLER, "井盖")).toContain(no);
    }
    expect(await found(HANDLER, "路灯")).toContain(plain);
    expect(await indexCaseSearch(world.db, quietLogger())).toBe(0);
    if (provider === "sqlite") {
      // The text index holds what its triggers and the view CaseSearchColumns say (FTS5 checks
      // each row's columns against the index, and fails the statement otherwise).
      await world.db.$executeRawUnsafe(
        `INSERT INTO "CaseSearchIndex" ("CaseSearchIndex", rank) VALUES ('integrity-check', 1)`,
      );
    }
  });
});
