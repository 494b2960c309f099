/**
 * Every log line is one JSON object with each key once. pino appends a child's bindings to its
 * parent's, so a key bound twice ("component":"staff" … "component":"wecom-api") appears twice
 * and log tools keep one or the other. This drives a web chat turn, a Telegram update and
 * WeCom callbacks (a citizen through 微信客服, a stranger through the staff app) through the
 * whole service and reads every line it logged, debug included.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebCitizen } from "../channels/web/web-citizen.ts";
import {
  CALLBACK_PATH,
  deliver,
  WeComCitizen,
  weComSetup,
} from "../channels/wecom/wecom-citizen.ts";
import { MovableClock } from "../support/clock.ts";
import { startFakeTelegram, type FakeTelegram } from "../support/fake-telegram.ts";
import { startFakeWeCom, type FakeWeCom } from "../support/fake-wecom.ts";
import { TelegramCitizen } from "../support/telegram-citizen.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { waitUntil } from "../support/wait.ts";

/** The keys of a JSON object's top level, in order and with repeats (JSON.parse keeps the last). */
function topLevelKeys(json: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '"') {
      let end = i + 1;
      while (json[end] !== '"') end += json[end] === "\\" ? 2 : 1;
      if (depth === 1 && expectKey) keys.push(JSON.parse(json.slice(i, end + 1)) as string);
      expectKey = false;
      i = end;
    } else if (c === "{" || c === "[") {
      depth++;
      expectKey = c === "{" && depth === 1;
    } else if (c === "}" || c === "]") {
      depth--;
    } else if (c === "," && depth === 1) {
      expectKey = true;
    }
  }
  return keys;
}

function repeatedKeys(line: string): string[] {
  const keys = topLevelKeys(line);
  return keys.filter((key, index) => keys.indexOf(key) !== index);
}

describe("topLevelKeys", () => {
  it("lists a repeated key twice and ignores nested objects and strings", () => {
    expect(topLevelKeys('{"a":1,"b":{"a":2},"c":"x,\\"a\\":3","a":[{"d":1}]}')).toEqual([
      "a",
      "b",
      "c",
      "a",
    ]);
  });
});

describe("the service's log lines", { timeout: 90_000 }, () => {
  const lines: string[] = [];
  let telegram: FakeTelegram;
  let wecomFake: FakeWeCom;
  let service: TestApp;

  beforeAll(async () => {
    const clock = new MovableClock();
    telegram = await startFakeTelegram();
    wecomFake = await startFakeWeCom({ clock: () => clock.now().getTime() });
    const setup = weComSetup(wecomFake, clock);
    service = await startTestApp({
      telegram,
      wecom: setup.wecom,
      clock,
      logLines: lines,
      env: {
        WECOM_AGENT_ID: String(wecomFake.agentId),
        WECOM_AGENT_SECRET: wecomFake.agentSecret,
      },
    });

    const web = new WebCitizen(service.url);
    await web.open();
    await web.start();
    await web.tap("我要反映问题");

    await new TelegramCitizen(telegram, () => service.app.db, 1001).say("你好");

    const current = () => ({ url: service.url, db: service.app.db });
    await new WeComCitizen(wecomFake, setup.sender, current, clock, "wmCITIZEN1").say("你好");
    const stranger = wecomFake.appText("stranger", "你好").xml;
    expect((await deliver(service.url, setup.sender.post(CALLBACK_PATH, stranger))).status).toBe(
      200,
    );
    await waitUntil(() => wecomFake.appSent().length > 0);
  });
  afterAll(async () => {
    await service.stop();
    await telegram.close();
    await wecomFake.close();
  });

  it("come from every part driven (the web chat's through HTTP's request lines)", () => {
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const channels = new Set(parsed.map((line) => line.channel));
    expect([...channels]).toEqual(expect.arrayContaining(["telegram", "wecom"]));
    expect(parsed.some((line) => line.component === "http")).toBe(true);
    expect(parsed.some((line) => line.component === "staff-api")).toBe(true);
  });

  it("never repeat a key", () => {
    const repeated = lines
      .map((line) => ({ line, keys: repeatedKeys(line) }))
      .filter(({ keys }) => keys.length > 0);
    expect(repeated).toEqual([]);
  });
});
