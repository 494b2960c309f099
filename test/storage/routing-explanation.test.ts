/**
 * The routing explanation is kept as facts, with the region as the case was filed: a county the
 * citizen chose in the dialogue is said as their choice, not as the classifier's "region
 * unknown" from the description. Staff cards say the facts in Chinese; a suggestion kept before
 * explanations were facts shows its old text, and facts that do not read back fall back to it
 * (logged once, with the case number).
 */
import { describe, expect, it } from "vitest";
import type { Classification } from "../../src/domain/classification.ts";
import { createCaseReads } from "../../src/storage/case-reads.ts";
import { quietLogger } from "../notifications/helpers.ts";
import { createCaseWorld, type CaseWorld } from "../support/case-world.ts";
import { clerkCardText } from "../support/clerk-card-text.ts";
import { PROVIDERS } from "../support/databases.ts";

const CLERK = { kind: "clerk", id: "li" } as const;
const STREET_LIGHT = "路灯坏了好几天了，晚上走路看不见";

/** What the offline classifier answers for a complaint that names no region. */
const CLASSIFIED: Classification = {
  category: "municipal",
  confidence: 0.82,
  alternatives: [
    { category: "municipal", confidence: 0.82 },
    { category: "transport", confidence: 0.1 },
  ],
  unsure: false,
  language: "zh",
  region: null,
  explanation: [
    { kind: "keyword", words: "路灯", category: "municipal" },
    { kind: "region_unknown" },
  ],
  method: "rules",
};

function fileChosenInDialogue(world: CaseWorld): Promise<string> {
  return world.file(2001, {
    description: STREET_LIGHT,
    classification: CLASSIFIED,
    region: "chuanhui",
    regionSource: "text",
    regionDecidedBy: "dialogue",
    address: null,
  });
}

describe.each(PROVIDERS)("the routing explanation (%s)", { timeout: 60_000 }, (provider) => {
  it("keeps the facts, the region said as the citizen's choice in the dialogue; the classifier's own view beside", async () => {
    const world = await createCaseWorld(provider);
    const no = await fileChosenInDialogue(world);

    const rows = await world.db.routingSuggestion.findMany({
      where: { case: { trackingNo: no } },
      orderBy: { chosen: "desc" },
    });
    expect(rows.map((r) => [r.chosen, r.rationale, r.explanation])).toEqual([
      [
        true,
        "",
        [
          { kind: "keyword", words: "路灯", category: "municipal" },
          { kind: "region", region: "chuanhui", source: "dialogue", evidence: [] },
        ],
      ],
      // The classifier's answer as it read the description, for measuring it later.
      [false, "", CLASSIFIED.explanation],
    ]);

    const card = await clerkCardText(world, no);
    expect(card).toContain("理由：关键词“路灯”→市政市容；地区：川汇区（群众在对话中选择）");
    expect(card).not.toContain("无法");
  });

  it("says a region placed by a shared location, and one named in the description with its words", async () => {
    const world = await createCaseWorld(provider);
    const placed = await world.file(2002, {
      description: STREET_LIGHT,
      classification: CLASSIFIED,
      region: "xiangcheng",
      regionSource: "coordinates",
      regionDecidedBy: "coordinates",
      location: { latitude: 33.44, longitude: 114.9 },
    });
    expect(await clerkCardText(world, placed)).toContain("地区：项城市（依据：群众发送的位置）");

    const named = await world.file(2003, {
      description: `项城市${STREET_LIGHT}`,
      classification: {
        ...CLASSIFIED,
        region: "xiangcheng",
        explanation: [
          { kind: "model", category: "municipal", confidence: 0.55, doubt: "low_confidence" },
          { kind: "region", region: "xiangcheng", source: "words", evidence: ["项城市"] },
          { kind: "language", language: "zh_hant" },
        ],
      },
      region: "xiangcheng",
      regionDecidedBy: "words",
    });
    expect(await clerkCardText(world, named)).toContain(
      "理由：统计模型：市政市容（55%，不确定）；地区：项城市（依据：项城市）；语言：繁体中文",
    );
  });

  it("says a region a clerk set as the clerk's", async () => {
    const world = await createCaseWorld(provider);
    const no = await fileChosenInDialogue(world);
    await world.actions.act(no, { type: "set_region", regionCode: "taikang" }, CLERK);
    expect(await clerkCardText(world, no)).toContain(
      "理由：关键词“路灯”→市政市容；地区：太康县（工作人员确定）",
    );
  });

  it("shows a suggestion kept before explanations were facts with its old text", async () => {
    const world = await createCaseWorld(provider);
    const no = await fileChosenInDialogue(world);
    await world.db.$executeRaw`UPDATE "RoutingSuggestion" SET "explanation" = NULL,
      "rationale" = ${"关键词“路灯”→市政市容；地区：无法从文字确定"}
      WHERE "caseId" = (SELECT "id" FROM "Case" WHERE "trackingNo" = ${no})`;
    expect(await clerkCardText(world, no)).toContain(
      "理由：关键词“路灯”→市政市容；地区：无法从文字确定",
    );
  });

  it("falls back to the text when the stored facts do not read back, logging it once with the case number", async () => {
    const world = await createCaseWorld(provider);
    const no = await fileChosenInDialogue(world);
    await world.db.routingSuggestion.updateMany({
      where: { case: { trackingNo: no } },
      data: { rationale: "旧的说明", explanation: [{ kind: "guess", words: 3 }] },
    });
    const lines: string[] = [];
    const reads = createCaseReads(world.db, quietLogger(lines));
    for (let read = 0; read < 2; read++) {
      const stored = (await reads.suggestions.chosenOf([await caseId(world, no)])).values().next();
      expect(stored.value).toMatchObject({ explanation: null, rationale: "旧的说明" });
    }
    const warnings = lines.map((line) => JSON.parse(line) as { caseNo?: string; msg: string });
    expect(warnings).toEqual([
      expect.objectContaining({ caseNo: no, msg: expect.stringMatching(/explanation unreadable/) }),
    ]);
    expect(lines.join("")).not.toContain("路灯");
  });
});

async function caseId(world: CaseWorld, no: string): Promise<string> {
  return (await world.db.case.findUniqueOrThrow({ where: { trackingNo: no } })).id;
}
