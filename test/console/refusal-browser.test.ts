/**
 * A clerk refuses a case (不予受理) from the routing queue in headless Chromium: the dialog's
 * red 不予受理 button keeps its words readable under the pointer (the plain button's hover
 * colour once turned it near-white under white words), the usual reason picked fills the
 * reason, and the page confirms what was done and takes the case off the queue. A reason left
 * empty is said in the console's words under the field (请填写此项), as a blank one is, not in
 * the browser's own bubble, and nothing is refused.
 */
import { describe, expect, it } from "vitest";
import { useConsoleAndBrowser } from "./console-world.ts";

const scene = useConsoleAndBrowser({ staff: [{ username: "li", role: "clerk" }] });

/** The WCAG contrast ratio of two computed `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (rgb: string) => {
    const [r, g, bl] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (bl ?? 0);
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

/** A case filed by `citizen`, and its 不予受理 dialog opened from the queue by a clerk. */
async function openRefusal(citizen: string) {
  const no = await scene.world.file(citizen);
  const { page, errors } = await scene.signedInPage("li");
  const card = page.locator(".qcard", { hasText: no });
  await card.getByRole("button", { name: "不予受理" }).click();
  return { no, page, errors, card, dialog: page.getByRole("dialog") };
}

describe("a clerk's refusal in the queue", { timeout: 60_000 }, () => {
  it("keeps the refusal button readable under the pointer and confirms the refusal", async () => {
    const { no, page, errors, card, dialog } = await openRefusal("citizen-1");
    const refuse = dialog.getByRole("button", { name: "不予受理" });
    await refuse.hover();
    const colours = await refuse.evaluate((button) => {
      const style = button.ownerDocument.defaultView!.getComputedStyle(button);
      return { text: style.color, background: style.backgroundColor };
    });
    expect(contrast(colours.text, colours.background)).toBeGreaterThanOrEqual(4.5);

    await dialog.getByText("所反映事项属于劳动人事争议", { exact: false }).click();
    await refuse.click();

    await page.locator(".toast", { hasText: `不予受理 · ${no}` }).waitFor();
    await expect.poll(() => card.count()).toBe(0);
    const refused = await scene.world.app.db.case.findUniqueOrThrow({ where: { trackingNo: no } });
    expect(refused.status).toBe("not_accepted");
    expect(refused.notAcceptedChannel).toBe("arbitration");
    expect(errors).toEqual([]);
  });

  it("says an empty reason in the console's words, not the browser's, and refuses nothing", async () => {
    const { no, errors, dialog } = await openRefusal("citizen-2");
    const reason = dialog.locator('textarea[name="reason"]');
    // Whether the browser was kept from showing its own bubble for the empty field.
    await reason.evaluate((field) => {
      field.addEventListener("invalid", (e: Event) => {
        field.dataset.bubbleKept = String(e.defaultPrevented);
      });
    });

    await dialog.getByRole("button", { name: "不予受理" }).click();

    const said = dialog.getByRole("alert");
    await said.waitFor();
    expect(await said.textContent()).toBe("请填写此项");
    expect(await reason.getAttribute("data-bubble-kept")).toBe("true");
    expect(await reason.evaluate((field) => field === field.ownerDocument.activeElement)).toBe(
      true,
    );
    const waiting = await scene.world.app.db.case.findUniqueOrThrow({ where: { trackingNo: no } });
    expect(waiting.status).toBe("submitted");
    expect(errors).toEqual([]);
  });
});
