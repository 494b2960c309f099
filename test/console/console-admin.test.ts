/**
 * An administrator's page of the console, 系统管理 / Administration (the classifier, the API keys
 * and the staff), shows which classifier answers citizens, the offline model's figures and the
 * LLM's last error (time, kind, message), in Chinese and in English; a clerk sees no such page. The LLM is the fake OpenAI server refusing the key, reached by the real
 * openai client.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAi, type FakeOpenAi } from "../support/fake-openai.ts";
import { useConsoleAndBrowser } from "./console-world.ts";

let openai: FakeOpenAi;
beforeAll(async () => {
  openai = await startFakeOpenAi({ status: 401, message: "Incorrect API key provided" });
});
afterAll(() => openai?.close());

const scene = useConsoleAndBrowser({
  env: () => ({
    LLM_BASE_URL: openai.baseUrl,
    LLM_API_KEY: "sk-wrong-0123456789",
    LLM_MODEL: "gpt-test",
    LLM_MAX_RETRIES: "0",
  }),
  staff: [
    { username: "root", role: "admin", displayName: "王管理" },
    { username: "li", role: "clerk", displayName: "李登记" },
  ],
});

describe("the console's administration page", { timeout: 90_000 }, () => {
  it("shows an admin the classifier in service, its figures and the LLM's last error", async () => {
    // One complaint classified: the LLM refuses the key and the offline answer is used.
    await scene.world.app.classification.classifyBoth("路灯坏了好几天了，晚上走路看不见");
    const failedAt = scene.world.clock.now();

    const { page, errors } = await scene.signedInPage("root");
    await page.getByRole("link", { name: "系统管理" }).click();
    const inService = page.locator(".classifier-in-service");
    await inService.waitFor();
    // Named for all it holds: the classifier, the API keys and the staff.
    expect(await page.locator("h1").innerText()).toBe("系统管理");
    expect(await inService.locator("h2").innerText()).toBe("在用分类器");

    const row = (name: string) => inService.locator("dt", { hasText: name }).locator("+ dd");
    expect(await row("答复群众的分类器").innerText()).toBe("大模型（LLM，离线分类器兜底）");
    expect(await row("大模型型号").innerText()).toBe("gpt-test");
    const at = new Intl.DateTimeFormat("sv-SE", {
      timeZone: "Asia/Shanghai",
      dateStyle: "short",
      timeStyle: "short",
    }).format(failedAt);
    expect(await row("时间").innerText()).toBe(at);
    expect(await row("类型").innerText()).toBe("服务拒绝请求");
    expect(await row("内容").innerText()).toMatch(/^401 Incorrect API key provided/);

    const serving = page.locator(".classifier-serving");
    const figure = (name: string) => serving.locator("dt", { hasText: name }).locator("+ dd");
    expect(await figure("来源").innerText()).toBe("基础模型（语料库训练）");
    expect(Number((await figure("语料条数").innerText()).replace(/,/g, ""))).toBeGreaterThan(2000);
    expect(await figure("低于此置信度请登记员确认").innerText()).toBe("0.60");
    expect(await page.locator(".classifier-history").innerText()).toContain("尚无再训练记录");

    // The same page in English.
    await page.getByRole("button", { name: "English" }).click();
    await page.locator("h1", { hasText: "Administration" }).waitFor();
    expect(await page.locator(".nav").innerText()).toContain("Administration");
    const en = await inService.innerText();
    expect(en).toContain("LLM (offline classifier as fallback)");
    expect(en).toContain("Request refused");
    expect(en).toContain(at);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("is not offered to a clerk", async () => {
    const { page } = await scene.signedInPage("li");
    expect(await page.locator(".nav").innerText()).not.toContain("系统管理");
    await page.context().close();
  });
});
