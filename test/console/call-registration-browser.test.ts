/**
 * 登记来电/来访 in headless Chromium at desktop size: a clerk finds the form in the console's
 * navigation, sees a refused field named beside it, registers a call and reads out the number
 * and query code the page shows; typing a caller's number shows the cases it was left with
 * before, looked up once typing pauses, a late answer dropped; the page passes axe-core's checks; a handler has no such entry.
 */
import { describe, expect, it } from "vitest";
import { accessibilityViolations } from "../support/accessibility.ts";
import { useConsoleAndBrowser } from "./console-world.ts";

const scene = useConsoleAndBrowser({
  staff: [
    { username: "li", role: "clerk", displayName: "李文" },
    { username: "zhao", role: "handler", unitId: "urban_management.fugou" },
  ],
});

describe("the registration form", { timeout: 90_000 }, () => {
  it("names a missing field, then registers the call and shows its number and query code", async () => {
    const { page, errors } = await scene.signedInPage("li");
    await page.getByRole("link", { name: "登记来电/来访" }).click();
    await page.getByRole("heading", { level: 1, name: "登记来电/来访" }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page
      .getByLabel("反映内容", { exact: true })
      .fill("扶沟县城关镇建设路上的井盖丢了，晚上很危险");
    await page.getByLabel("姓名", { exact: true }).fill("王大爷");
    await page.getByLabel("联系电话", { exact: true }).fill("13812345678");
    await page.getByRole("button", { name: "登记", exact: true }).click();
    const region = page.getByLabel("所属区县", { exact: true });
    await expect.poll(() => region.getAttribute("aria-invalid")).toBe("true");
    await expect
      .poll(() => page.locator("#register-region-error").textContent())
      .toBe("请选择所属区县");
    expect(await page.getByRole("alert").textContent()).toBe(
      "登记内容有误，请按提示修改后再提交。",
    );
    expect(await accessibilityViolations(page)).toEqual([]);

    await region.selectOption("fugou");
    await page.getByRole("button", { name: "登记", exact: true }).click();
    const receipt = page.getByRole("status");
    await receipt.getByRole("heading", { name: "已登记" }).waitFor();
    const trackingNo = (await receipt.getByRole("link").textContent())!;
    expect(trackingNo).toMatch(/^ZK-\d{8}-\d{4}$/);
    const queryCode = await page.locator(".register-code").textContent();
    const stored = await scene.world.app.db.case.findUniqueOrThrow({ where: { trackingNo } });
    expect(queryCode).toBe(stored.queryCode);
    expect(stored.channel).toBe("phone");
    expect(await receipt.textContent()).toContain("请把编号和查询码读给群众");
    expect(
      await page.getByLabel("所属区县", { exact: true }).getAttribute("aria-invalid"),
    ).toBeNull();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("keeps a pasted account longer than the form takes, and says it is too long beside it", async () => {
    const { page, errors } = await scene.signedInPage("li");
    await page.getByRole("link", { name: "登记来电/来访" }).click();
    const account = "扶沟县城关镇建设路上的井盖丢了，晚上很危险。".repeat(110);
    const description = page.getByLabel("反映内容", { exact: true });
    await description.fill(account);
    await page.getByLabel("所属区县", { exact: true }).selectOption("fugou");
    const cases = await scene.world.app.db.case.count();
    await page.getByRole("button", { name: "登记", exact: true }).click();
    await expect
      .poll(() => page.locator("#register-description-error").textContent())
      .toBe("内容过长，请精简");
    expect(await description.inputValue()).toBe(account);
    expect(await scene.world.app.db.case.count()).toBe(cases);
    expect(errors).toEqual([]);
  });

  it("shows the cases a caller's number was left with as soon as it is typed, newest first, each linked", async () => {
    const { world } = scene;
    const older = await world.file("chat-citizen-6666", {
      contact: { kind: "named", name: "王大爷", phone: "13900006666" },
    });
    world.clock.advance(60_000);
    const newer = await world.file("chat-citizen-6666", {
      description: "扶沟县城关镇建设路的路灯坏了一个月了",
      contact: { kind: "named", name: "王大爷", phone: "13900006666" },
    });
    const { page, errors } = await scene.signedInPage("li");
    await page.getByRole("link", { name: "登记来电/来访" }).click();
    const phone = page.getByLabel("联系电话", { exact: true });
    await phone.fill("139 0000 6666");
    const earlier = page.getByRole("region", { name: /该号码此前反映过 2 件诉求/ });
    await earlier.waitFor();
    expect(await earlier.getByRole("link").allTextContents()).toEqual([newer, older]);
    expect(await earlier.getByRole("listitem").first().textContent()).toContain(
      "扶沟县城关镇建设路的路灯坏了一个月了",
    );
    expect(await accessibilityViolations(page)).toEqual([]);

    await phone.fill("139 0000 7777");
    await page.getByRole("region", { name: "该号码此前没有反映过诉求" }).waitFor();
    await page.getByLabel("匿名反映（不留姓名和电话）").check();
    await expect.poll(() => page.locator(".register-earlier").count()).toBe(0);

    await page.getByLabel("匿名反映（不留姓名和电话）").uncheck();
    await phone.fill("139 0000 6666");
    await earlier.getByRole("link", { name: newer }).click();
    await expect.poll(() => page.url()).toContain(`/console/cases/${newer}`);
    expect(errors).toEqual([]);
  });

  it("looks a number up once typing pauses, not at every digit, and drops an answer overtaken by more typing", async () => {
    const { page, errors } = await scene.signedInPage("li");
    await page.getByRole("link", { name: "登记来电/来访" }).click();
    /** The numbers looked up, in order; the first look-up of 13900008888 held until let go. */
    const asked: string[] = [];
    let letGo = () => {};
    const held = new Promise<void>((resolve) => (letGo = resolve));
    await page.route("**/api/cases/of-caller", async (route) => {
      const { phone } = route.request().postDataJSON() as { phone: string };
      asked.push(phone);
      if (phone === "13900008888") await held;
      await route.continue();
    });
    const phone = page.getByLabel("联系电话", { exact: true });
    await phone.pressSequentially("13900008888", { delay: 40 });
    await expect.poll(() => asked).toEqual(["13900008888"]);

    await phone.fill("");
    await phone.pressSequentially("13900009999", { delay: 40 });
    const answered = page.getByRole("region", { name: "该号码此前没有反映过诉求" });
    await answered.waitFor();
    expect(asked).toEqual(["13900008888", "13900009999"]);
    const late = page.waitForResponse((response) =>
      response.request().postData()!.includes("13900008888"),
    );
    await scene.world.file("chat-citizen-8888", {
      contact: { kind: "named", name: "王大爷", phone: "13900008888" },
    });
    letGo();
    await late;
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
    expect(await page.locator(".register-earlier").allTextContents()).toEqual([
      "该号码此前没有反映过诉求",
    ]);

    // A landline's cases are shown as a hint: a household or village office shares the number.
    await scene.world.file("chat-citizen-landline", {
      contact: { kind: "named", name: "李大娘", phone: "0394-8234569" },
    });
    await phone.fill("0394 8234569");
    const shared = page.getByRole("region", { name: /该号码此前反映过 1 件诉求/ });
    expect(await shared.locator(".register-shared").textContent()).toContain(
      "此号码为座机，可能多人共用",
    );
    expect(errors).toEqual([]);
  });

  it("is not offered to a unit's handler", async () => {
    const { page } = await scene.signedInPage("zhao");
    await page.locator("#app:not(.loading) .main h1").waitFor();
    expect(await page.getByRole("link", { name: "登记来电/来访" }).count()).toBe(0);
  });
});
