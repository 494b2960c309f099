/**
 * A wrong LLM key must not look like a healthy service: the citizen's intake goes on with the
 * offline classifier, a warning says why the LLM was not used, and administrators see the
 * classifier in service with the LLM's last error. The real openai client talks to the fake
 * OpenAI server, which refuses every request with 401.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startConsoleWorld, type ConsoleWorld } from "../console/console-world.ts";
import { startFakeOpenAi, type FakeOpenAi } from "../support/fake-openai.ts";
import { WebCitizen } from "../channels/web/web-citizen.ts";

const WRONG_KEY = "sk-wrong-0123456789";
const COMPLAINT = "我们小区门口的路灯坏了很久了，晚上很黑，老人走路不方便";

interface LogLine {
  readonly level: number;
  readonly msg?: string;
  readonly kind?: string;
  readonly reason?: string;
  readonly model?: string;
}

describe("an LLM that refuses the key", { timeout: 60_000 }, () => {
  let openai: FakeOpenAi;
  let world: ConsoleWorld;
  const logLines: string[] = [];

  beforeAll(async () => {
    openai = await startFakeOpenAi({
      status: 401,
      message: `Incorrect API key provided: ${WRONG_KEY}. You can find your API key in your account.`,
    });
    world = await startConsoleWorld(
      {
        LLM_BASE_URL: openai.baseUrl,
        LLM_API_KEY: WRONG_KEY,
        LLM_MODEL: "gpt-test",
        LLM_MAX_RETRIES: "0",
      },
      { logLines },
    );
    await world.addStaff("root", "admin");
    const citizen = new WebCitizen(world.url);
    await citizen.open();
    await citizen.start();
    await citizen.tap("我要反映问题");
    await citizen.say(COMPLAINT);
    // The offline classifier's suggestion, offered for confirmation as usual.
    expect(citizen.text).toContain("市政市容");
    await citizen.tap("对，就是这个");
  });
  afterAll(async () => {
    await world.stop();
    await openai.close();
  });

  it("asked the LLM with the configured key, and went on without it", () => {
    expect(openai.requests.length).toBeGreaterThan(0);
    expect(openai.requests[0]!.authorization).toBe(`Bearer ${WRONG_KEY}`);
  });

  it("logs one warning per fallback that says why, without the complaint or the key", () => {
    const warnings = logLines
      .map((line) => JSON.parse(line) as LogLine)
      .filter((line) => line.msg === "LLM classification failed; the offline answer is used");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 40, kind: "http", model: "gpt-test" });
    expect(warnings[0]!.reason).toMatch(/^401 Incorrect API key provided/);
    for (const line of logLines) {
      expect(line).not.toContain(WRONG_KEY);
      expect(line).not.toContain("路灯");
    }
  });

  it("shows administrators the classifier in service and the LLM's last error", async () => {
    const client = world.client();
    expect((await client.signIn("root")).status).toBe(200);
    const answer = await client.get("/api/admin/classifier");
    expect(answer.status).toBe(200);
    expect(answer.json.inService).toEqual({
      answering: "llm",
      llmModel: "gpt-test",
      llmLastError: {
        kind: "http",
        message: expect.stringMatching(/^401 Incorrect API key provided: \[key\]/),
        at: world.clock.now().toISOString(),
      },
    });
  });
});
