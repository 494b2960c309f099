/**
 * A citizen who types in traditional characters (a visitor from Hong Kong or Taiwan, a phone
 * set to 繁體, a voice transcript that came back in them) is understood as one who types
 * simplified ones, and the case keeps the words in the characters its staff read and search.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { Conversation, createWorld } from "./fakes.ts";
import type { World } from "./fakes.ts";

describe("words in traditional characters", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    world = await createWorld();
    c = new Conversation(world);
  });

  it("are kept in simplified ones, and the time the first message gives is not asked again", async () => {
    await c.say("我們小區門口的路燈壞了快一個月了，晚上黑漆漆的，老人出門很不方便");
    expect(c.text).toContain("要把这件事作为一条新的反映吗");
    await c.tap("是，开始反映");
    await c.tap("对，就是这个");
    expect(c.state.draft?.description).toBe(
      "我们小区门口的路灯坏了快一个月了，晚上黑漆漆的，老人出门很不方便",
    );
    expect(c.state.draft?.occurredAt).toMatchObject({ text: "快一个月了", approximate: true });
    expect(c.state.step).toBe("place");

    await c.say("川匯區七一路華聯小區北門");
    expect(c.state.draft?.address).toBe("川汇区七一路华联小区北门");
    expect(c.state.draft?.region).toMatchObject({ code: "chuanhui" });
    expect(c.state.step).toBe("photos");
  });

  it("answer the time question", async () => {
    await c.command("new");
    await c.say("樓上裝修噪音太大，吵得人睡不著覺");
    await c.tap("对，就是这个");
    await c.say("川汇区交通路12号");
    expect(c.state.step).toBe("time");
    await c.say("上個禮拜");
    expect(c.state.draft?.occurredAt).toMatchObject({ text: "上个礼拜" });
    expect(c.state.step).toBe("photos");
  });

  it("ask the service its questions, and choose anonymity at the contact question", async () => {
    await c.say("能不能只留電話");
    expect(c.text).toContain("不留姓名");
    expect(c.state.pending).toBeNull();
  });

  it("leave simplified words and English as they are", async () => {
    await c.say("川汇区七一路的井盖没了，很危险");
    expect(c.text).toContain("“川汇区七一路的井盖没了，很危险”");
    await c.command("cancel");
    await c.say("The streetlight outside my building has been out for a week");
    expect(c.text).toContain("The streetlight outside my building has been out for a week");
  });
});
