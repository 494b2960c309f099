/**
 * The photo picker of a unit's answer, in headless Chromium, speaks the console's language
 * whatever the browser's: its button and what was chosen are the console's words (the browser's
 * own file input says "Choose Files" on the Chinese console of an English browser), and the
 * photos chosen go with the answer.
 */
import { describe, expect, it } from "vitest";
import { PNG_BYTES } from "../channels/web/web-citizen.ts";
import { startedAtUnit, useConsoleAndBrowser } from "./console-world.ts";

const FUGOU = "urban_management.fugou";

const scene = useConsoleAndBrowser({
  staff: [
    { username: "li", role: "clerk" },
    { username: "zhao", role: "handler", unitId: FUGOU },
  ],
});

describe("the photo picker of a unit's answer", { timeout: 60_000 }, () => {
  it("says what was chosen in the console's words and sends the photos with the answer", async () => {
    const { no } = await startedAtUnit(scene, "answer-photo-picker", FUGOU);
    const { page, errors } = await scene.signedInPage("zhao");
    await page.goto(`${scene.world.url}/console/cases/${encodeURIComponent(no)}`);

    await page.locator('.action-bar [data-action="answer"]').click();
    const dialog = page.getByRole("dialog").filter({ has: page.locator('textarea[name="text"]') });
    const picker = dialog.locator(".file-picker");
    await picker.waitFor();
    expect(await picker.innerText()).toMatch(/选择照片\s*未选照片/);

    await dialog.getByLabel("照片（可不选）").setInputFiles([
      { name: "before.png", mimeType: "image/png", buffer: PNG_BYTES },
      { name: "after.png", mimeType: "image/png", buffer: PNG_BYTES },
    ]);
    await expect.poll(() => picker.innerText()).toMatch(/已选 2 张/);
    await dialog.locator('textarea[name="text"]').fill("井盖已更换，现场照片附后。");
    await dialog.getByRole("button", { name: "提交" }).click();

    await expect
      .poll(async () => {
        const answered = await scene.world.app.db.timelineEntry.findFirst({
          where: { case: { trackingNo: no }, kind: "answered" },
        });
        return (answered?.data as { photoIds?: string[] } | null)?.photoIds?.length ?? 0;
      })
      .toBe(2);
    expect(errors).toEqual([]);
  });
});
