/**
 * The case page's 说明 / Rationale says the routing explanation's facts in the reader's
 * language, as the API serves them: the facts with their words in both console languages, said
 * by the server (src/i18n/routing-explanation.ts). The county a citizen chose in the dialogue is
 * said as chosen by the citizen, in Chinese and in English, and the English page of an English
 * complaint shows no Chinese; the Chinese words of a Chinese complaint and an LLM's reason show
 * as written on the English page, marked as quoted. A suggestion kept before explanations were
 * facts shows its old text in either language.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Classification } from "../../src/domain/classification.ts";
import { PASSWORD, useConsoleAndBrowser } from "./console-world.ts";

const scene = useConsoleAndBrowser({
  staff: [{ username: "li", role: "clerk", displayName: "李登记" }],
});

/** A complaint that names no region, in English: the classifier reads "region unknown". */
const NO_REGION = "The street light outside our building has been broken for a month";

async function fileChosenInDialogue(citizen: string): Promise<string> {
  const classification = await scene.world.app.classification.classifier.classify(NO_REGION);
  expect(classification.region).toBeNull();
  return scene.world.file(citizen, {
    description: NO_REGION,
    locale: "en",
    category: classification.category,
    classification,
    region: "chuanhui",
    regionSource: "text",
    regionDecidedBy: "dialogue",
    address: null,
  });
}

/** A Chinese complaint as the LLM classifier read it: its reason, and the county it quoted. */
const STREET_LIGHT = "项城那边的路灯坏了好几天了，晚上走路看不见";
const READ_BY_LLM: Classification = {
  category: "municipal",
  confidence: 0.9,
  alternatives: [{ category: "municipal", confidence: 0.9 }],
  unsure: false,
  language: "zh",
  region: "xiangcheng",
  explanation: [
    { kind: "llm", prompt: "classify.v1", reason: "群众反映路灯损坏，属市政设施" },
    { kind: "region", region: "xiangcheng", source: "model_words", evidence: ["项城那边"] },
  ],
  method: "llm",
};

/** The 说明 / Rationale of the case page's routing card. */
function rationale(page: Page, name: string) {
  return page.locator(".card dt", { hasText: name }).locator("+ dd");
}

describe("the routing explanation on the case page", { timeout: 90_000 }, () => {
  it("comes from the API as facts and as their words in both languages, the region as the citizen's choice", async () => {
    const no = await fileChosenInDialogue("citizen-api");
    const api = scene.world.client();
    await api.signIn("li", PASSWORD);
    const { suggestion } = (await api.send("GET", `/api/cases/${no}`)).json;
    expect(suggestion.explanation).toContainEqual({
      kind: "region",
      region: "chuanhui",
      source: "dialogue",
      evidence: [],
    });
    expect(suggestion.explanation).toContainEqual({ kind: "language", language: "en" });
    expect(suggestion.explanation).not.toContainEqual({ kind: "region_unknown" });
    // One line per fact, in the facts' order, in each language.
    expect(suggestion.rationale.zh).toHaveLength(suggestion.explanation.length);
    expect(suggestion.rationale.en).toHaveLength(suggestion.explanation.length);
    expect(suggestion.rationale.zh).toContain("地区：川汇区（群众在对话中选择）");
    expect(suggestion.rationale.zh).toContain("语言：英文");
    expect(suggestion.rationale.en).toContain(
      "Region: Chuanhui District (chosen by the citizen in the dialogue)",
    );
    expect(suggestion.rationale.en).toContain("Language: English");
  });

  it("says it in Chinese and in English, with no Chinese on the English page", async () => {
    const no = await fileChosenInDialogue("citizen-page");
    const { page, errors } = await scene.signedInPage("li");

    await page.goto(`${scene.world.url}/console/cases/${no}`);
    const zh = await rationale(page, "说明").innerText();
    expect(zh).toContain("地区：川汇区（群众在对话中选择）");
    expect(zh).toContain("语言：英文");
    expect(zh).not.toContain("无法");

    await page.getByRole("button", { name: "English" }).click();
    const en = await rationale(page, "Rationale").innerText();
    expect(en).toContain("Region: Chuanhui District (chosen by the citizen in the dialogue)");
    expect(en).toContain("Language: English");
    expect(en).not.toMatch(/\p{Script=Han}/u);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("shows a Chinese complaint's words and the LLM's reason as written on the English page, marked as quoted", async () => {
    const no = await scene.world.file("citizen-quoted", {
      description: STREET_LIGHT,
      category: "municipal",
      classification: READ_BY_LLM,
      region: "xiangcheng",
      regionSource: "text",
      regionDecidedBy: "words",
      address: null,
    });
    const { page, errors } = await scene.signedInPage("li");
    await page.goto(`${scene.world.url}/console/cases/${no}`);
    expect(await rationale(page, "说明").innerText()).toContain(
      "LLM（classify.v1）：群众反映路灯损坏，属市政设施；地区：项城市（依据：项城那边（大模型引述））",
    );

    await page.getByRole("button", { name: "English" }).click();
    const en = await rationale(page, "Rationale").innerText();
    expect(en).toContain(
      "LLM (classify.v1), its reason as written: “群众反映路灯损坏，属市政设施”; " +
        "Region: Xiangcheng City (quoted from the text by the LLM, words: “项城那边”)",
    );
    // Chinese only inside the quotes.
    expect(en.replace(/“[^”]*”/g, "")).not.toMatch(/\p{Script=Han}/u);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("shows a suggestion kept before explanations were facts with its old text", async () => {
    const no = await fileChosenInDialogue("citizen-old");
    const old = "统计模型：市政市容（80%）；地区：无法从文字确定；语言：英文";
    await scene.world.app.db.$executeRaw`UPDATE "RoutingSuggestion"
      SET "explanation" = NULL, "rationale" = ${old}
      WHERE "caseId" = (SELECT "id" FROM "Case" WHERE "trackingNo" = ${no})`;
    const api = scene.world.client();
    await api.signIn("li", PASSWORD);
    const { suggestion } = (await api.send("GET", `/api/cases/${no}`)).json;
    expect(suggestion).toMatchObject({ explanation: null, rationale: { zh: [old], en: [old] } });

    const { page } = await scene.signedInPage("li");
    await page.goto(`${scene.world.url}/console/cases/${no}`);
    expect(await rationale(page, "说明").innerText()).toContain(old);
    await page.getByRole("button", { name: "English" }).click();
    expect(await rationale(page, "Rationale").innerText()).toContain(old);
    await page.context().close();
  });
});
