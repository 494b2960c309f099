import { beforeEach, describe, expect, it } from "vitest";
import { Conversation, atTheTimeQuestion, createWorld, type World } from "./fakes.ts";

const REALLY_CANCEL = "确定不提交了吗";

describe("words that decline a question, not the report (不想说, 不方便说)", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    world = await createWorld();
    c = new Conversation(world);
  });

  /** A citizen at the contact question of a draft about a blocked drain. */
  async function atTheContactQuestion(): Promise<void> {
    await atTheTimeQuestion(c);
    await c.say("前天下午");
    await c.tap("没有照片");
    expect(c.state.step).toBe("contact");
  }

  it.each(["不想说", "不方便说", "这个不想留", "这个我不想说", "保密", "I'd rather not say"])(
    "takes %s at the contact question as leaving no contact: anonymous, as 不留了 is",
    async (words) => {
      await atTheContactQuestion();
      await c.say(words);
      expect(c.text).not.toContain(REALLY_CANCEL);
      expect(c.state.draft?.contact).toEqual({ kind: "anonymous" });
      expect(c.state.step).toBe("summary");
    },
  );

  it.each(["不弄了", "不反映了", "算了不提交了"])(
    "still asks whether to give up the report at %s said to the contact question",
    async (words) => {
      await atTheContactQuestion();
      await c.say(words);
      expect(c.text).toContain(REALLY_CANCEL);
    },
  );

  it.each(["不想说", "这个不方便说", "保密"])(
    "files with the number and no name after %s at the name question",
    async (words) => {
      await atTheContactQuestion();
      await c.say("13912345678");
      expect(c.state.step).toBe("contact_name");
      await c.say(words);
      expect(c.text).not.toContain(REALLY_CANCEL);
      expect(c.state.draft?.contact).toEqual({ kind: "named", phone: "13912345678", name: null });
      expect(c.state.step).toBe("summary");
    },
  );

  it.each([
    "13912345678，名字就不说了",
    "名字保密 13912345678",
    "13912345678 不留名了",
    "13912345678, no name",
  ])("files with the number and no name, none asked, after %s", async (words) => {
    await atTheContactQuestion();
    await c.say(words);
    expect(c.state.draft?.contact).toEqual({ kind: "named", phone: "13912345678", name: null });
    expect(c.state.step).toBe("summary");
  });

  it("asks again, anonymous to nothing, after 不知道 at the contact question", async () => {
    await atTheContactQuestion();
    await c.say("不知道");
    expect(c.state.draft?.contact).toBeNull();
    expect(c.state.step).toBe("contact");
  });

  it.each(["不想说", "不方便说"])(
    "goes on without the road after %s at the place question, the county asked",
    async (words) => {
      await c.command("new");
      await c.say("路灯坏了好几天了，晚上黑得很");
      await c.tap("对，就是这个");
      expect(c.state.step).toBe("place");
      await c.say(words);
      expect(c.text).not.toContain(REALLY_CANCEL);
      expect(c.state.draft?.address).toBeNull();
      expect(c.state.step).toBe("region");
    },
  );

  it("leaves the county to the clerk after 不想说 at the county question", async () => {
    await c.command("new");
    await c.say("路灯坏了好几天了，晚上黑得很");
    await c.tap("对，就是这个");
    await c.say("七一路和八一路交叉口");
    expect(c.state.step).toBe("region");
    await c.say("不想说");
    expect(c.text).not.toContain(REALLY_CANCEL);
    expect(c.state.draft).toMatchObject({
      address: "七一路和八一路交叉口",
      region: { code: null, source: "citizen" },
    });
    expect(c.text).toContain("是哪个县区由工作人员帮您确认");
  });
});
