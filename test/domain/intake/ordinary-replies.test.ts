/**
 * Ordinary replies, as citizens write them: how long it has lasted as the answer to
 * the time question, a question about their cases in the middle of filing, a greeting.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { Conversation, createWorld } from "./fakes.ts";

async function atTheTimeQuestion(c: Conversation): Promise<void> {
  await c.command("new");
  await c.say("我们小区门口的下水道堵了，臭得很");
  await c.tap("对，就是这个");
  await c.say("川汇区七一路和八一路交叉口东边");
  expect(c.state.step).toBe("time");
}

describe("the time question answered as citizens do", () => {
  let c: Conversation;
  beforeEach(async () => {
    c = new Conversation(await createWorld());
  });

  it.each([
    ["一个星期了", "2026-11-21"],
    ["半个月", "2026-11-13"],
    ["前几天", "2026-11-25"],
    ["上礼拜", "2026-11-21"],
    ["好几天了", "2026-11-25"],
    ["昨天晚上", "2026-11-27"],
  ])("takes %s and moves on", async (answer, date) => {
    await atTheTimeQuestion(c);
    await c.say(answer);
    expect(c.text).not.toContain("没看懂");
    expect(c.state.step).toBe("photos");
    expect(c.state.draft?.occurredAt).toMatchObject({ date });
  });
});
