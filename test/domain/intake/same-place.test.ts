/**
 * The place of the case just filed is offered at the next one's place question ("还是刚才那个
 * 地方"), by a button or in words ("同上"): matters told in one sitting are often of one place,
 * which an elderly citizen would otherwise type or share again.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { Conversation, createWorld } from "./fakes.ts";

const SAME = "还是刚才那个地方（川汇区七一路幸福小区门口）";

describe("the place of the case just filed", () => {
  let c: Conversation;
  beforeEach(async () => {
    c = new Conversation(await createWorld());
  });

  /** Files a street light with its place typed, and starts a noise complaint with no place. */
  async function fileOneThenStartAnother(minutesBetween = 5): Promise<void> {
    await c.command("new");
    await c.say("小区门口的路灯坏了一个多月了，晚上黑乎乎的");
    await c.tap("对，就是这个");
    await c.say("川汇区七一路幸福小区门口");
    await c.tap("没有照片");
    await c.tap("匿名反映");
    await c.tap("提交");
    c.now = new Date(c.now.getTime() + minutesBetween * 60_000);
    await c.command("new");
    await c.say("烧烤摊天天半夜吵，噪音太大，上个礼拜开始的");
    await c.tap("对，就是这个");
    expect(c.state.step).toBe("place");
  }

  it("is offered with one tap at the next place question, and the road is not asked again", async () => {
    await fileOneThenStartAnother();
    expect(c.labels).toContain(SAME);
    await c.tap(SAME);
    expect(c.state.draft).toMatchObject({
      address: "川汇区七一路幸福小区门口",
      region: { code: "chuanhui" },
    });
    expect(c.state.step).toBe("photos");
  });

  it.each(["同上", "还是刚才那个地方", "一样的", "same place"])(
    "is taken when the citizen says so: %s",
    async (words) => {
      await fileOneThenStartAnother();
      await c.say(words);
      expect(c.state.draft?.address).toBe("川汇区七一路幸福小区门口");
      expect(c.state.step).toBe("photos");
    },
  );

  it("is not offered an hour after that case was filed", async () => {
    await fileOneThenStartAnother(61);
    expect(c.labels).not.toContain(SAME);
    await c.say("同上");
    expect(c.text).toContain("前面没有登记过地点。请写下这件事的地址");
    expect(c.state.draft?.address).toBeNull();
  });

  it("is not offered when that case said no place, and 同上 is then no address", async () => {
    await c.command("new");
    await c.say("小区门口的路灯坏了一个多月了，晚上黑乎乎的");
    await c.tap("对，就是这个");
    await c.tap("说不清具体地址");
    await c.tap("不清楚");
    await c.tap("没有照片");
    await c.tap("匿名反映");
    await c.tap("提交");
    await c.command("new");
    await c.say("烧烤摊天天半夜吵，噪音太大，上个礼拜开始的");
    await c.tap("对，就是这个");
    expect(c.labels.some((label) => label.startsWith("还是刚才那个地方"))).toBe(false);
  });
});
