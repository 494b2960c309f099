/**
 * The case page's 说明 / Rationale says the routing explanation's facts in the reader's
 * language: the county a citizen chose in the dialogue is said as chosen by the citizen, in
 * Chinese and in English, and the English page shows no Chinese in it. A suggestion kept
 * before explanations were facts shows its old text in either language.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  PASSWORD,
  signedInPage,
  startConsoleAndBrowser,
  stopConsoleAndBrowser,
  type ConsoleWorld,
} from "./console-world.ts";

let world: ConsoleWorld;
let browser: Browser;

beforeAll(async () => {
  [world, browser] = await startConsoleAndBrowser();
  await world.addStaff("li", "clerk", undefined, "李登记");
});

afterAll(() => stopConsoleAndBrowser(world, browser));

/** A complaint that names no region, in English: the classifier reads "region unknown". */
const NO_REGION = "The street light outside our building has been broken for a month";

async function fileChosenInDialogue(citizen: string): Promise<string> {
  const classification = await world.app.classification.classifier.classify(NO_REGION);
  expect(classification.region).toBeNull();
  return world.file(citizen, {
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

/** The 说明 / Rationale of the case page's routing card. */
function rationale(page: Page, name: string) {
  return page.locator(".card dt", { hasText: name }).locator("+ dd");
}

describe("the routing explanation on the case page", { timeout: 90_000 }, () => {
  it("comes from the API as facts, the region as the citizen's choice in the dialogue", async () => {
    const no = await fileChosenInDialogue("citizen-api");
    const api = world.client();
    await api.signIn("li", PASSWORD);
    const { suggestion } = (await api.send("GET", `/api/cases/${no}`)).json;
    expect(suggestion.rationale).toBe("");
    expect(suggestion.explanation).toContainEqual({
      kind: "region",
      region: "chuanhui",
      source: "dialogue",
      evidence: [],
    });
    expect(suggestion.explanation).toContainEqual({ kind: "language", language: "en" });
    expect(suggestion.explanation).not.toContainEqual({ kind: "region_unknown" });
  });

  it("says it in Chinese and in English, with no Chinese on the English page", async () => {
    const no = await fileChosenInDialogue("citizen-page");
    const { page, errors } = await signedInPage(browser, world, "li");

    await page.goto(`${world.url}/console/cases/${no}`);
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

  it("shows a suggestion kept before explanations were facts with its old text", async () => {
    const no = await fileChosenInDialogue("citizen-old");
    const old = "统计模型：市政市容（80%）；地区：无法从文字确定；语言：英文";
    await world.app.db.$executeRaw`UPDATE "RoutingSuggestion"
      SET "explanation" = NULL, "rationale" = ${old}
      WHERE "caseId" = (SELECT "id" FROM "Case" WHERE "trackingNo" = ${no})`;
    const { page } = await signedInPage(browser, world, "li");
    await page.goto(`${world.url}/console/cases/${no}`);
    expect(await rationale(page, "说明").innerText()).toContain(old);
    await page.getByRole("button", { name: "English" }).click();
    expect(await rationale(page, "Rationale").innerText()).toContain(old);
    await page.context().close();
  });
});
