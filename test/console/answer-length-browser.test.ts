/**
 * A unit's answer form in the console, in headless Chromium, takes a written answer longer
 * than the 5,000 characters it once held: its limit is the server's (MAX_ANSWER_CHARS, read with
 * the reference tables, checked on submit rather than by cutting a paste), and a 6,000-character
 * answer is given and kept whole.
 */
import { describe, expect, it } from "vitest";
import { MAX_ANSWER_CHARS } from "../../src/domain/lifecycle/timeline.ts";
import { startedAtUnit, useConsoleAndBrowser } from "./console-world.ts";

const FUGOU = "urban_management.fugou";

const scene = useConsoleAndBrowser({
  staff: [
    { username: "li", role: "clerk" },
    { username: "zhao", role: "handler", unitId: FUGOU },
  ],
});

describe("a unit's answer form", { timeout: 60_000 }, () => {
  it("takes a 6,000-character written answer, its limit the server's", async () => {
    const { no } = await startedAtUnit(scene, "long-answer-form", FUGOU);
    const text = "经调查核实，现将办理情况答复如下。".repeat(400).slice(0, 6_000);
    const { page, errors } = await scene.signedInPage("zhao");
    await page.goto(`${scene.world.url}/console/cases/${encodeURIComponent(no)}`);

    await page.locator('.action-bar [data-action="answer"]').click();
    const dialog = page.getByRole("dialog").filter({ has: page.locator('textarea[name="text"]') });
    const words = dialog.locator('textarea[name="text"]');
    await words.waitFor();
    expect(await words.getAttribute("data-max-chars")).toBe(String(MAX_ANSWER_CHARS));
    await words.fill(text);
    expect(await words.inputValue()).toHaveLength(6_000);
    await dialog.getByRole("button", { name: "提交" }).click();

    await expect
      .poll(async () => {
        const stored = await scene.world.app.db.case.findUniqueOrThrow({
          where: { trackingNo: no },
        });
        return stored.answerText;
      })
      .toBe(text);
    expect(errors).toEqual([]);
  });
});
