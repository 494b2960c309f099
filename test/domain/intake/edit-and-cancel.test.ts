/** From the summary card the citizen changes one field, or cancels after confirming. */
import { beforeEach, describe, expect, it } from "vitest";
import { Conversation, createWorld } from "./fakes.ts";
import type { World } from "./fakes.ts";

async function reachSummary(c: Conversation): Promise<void> {
  await c.command("new");
  await c.say("项城市光明路的路灯坏了很久");
  await c.tap("对，就是这个");
  await c.tap("不记得了");
  await c.send({ type: "photo", fileId: "p1" });
  await c.tap("照片发完了");
  await c.say("李女士 13912345678");
  expect(c.state.step).toBe("summary");
}

describe("editing one field from the summary", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    world = await createWorld();
    c = new Conversation(world);
    await reachSummary(c);
  });

  it("changes the time and comes back to the summary without asking anything else", async () => {
    await c.tap("修改");
    expect(c.labels).toEqual([
      "什么事",
      "类别",
      "地点",
      "时间",
      "照片",
      "联系方式",
      "不改了，返回",
    ]);
    await c.tap("时间");
    expect(c.state.step).toBe("time");
    await c.say("10月5号");
    expect(c.state.step).toBe("summary");
    expect(c.text).toContain("2026年10月5日（10月5号）");
    expect(c.text).toContain("李女士，13912345678");
  });

  it("changes the category from the list", async () => {
    await c.tap("修改");
    await c.tap("类别");
    await c.tap("停水、停电、燃气、暖气等");
    expect(c.text).toContain("【类别】水电气暖");
  });

  it("changes the place and asks the county again when the new address does not say it", async () => {
    await c.tap("修改");
    await c.tap("地点");
    await c.say("人民路和交通路口");
    expect(c.state.step).toBe("region");
    await c.tap("西华县");
    expect(c.state.step).toBe("summary");
    expect(c.text).toContain("西华县，人民路和交通路口");
  });

  it("keeps the old value when the citizen goes back without changing", async () => {
    await c.tap("修改");
    await c.tap("什么事");
    expect(c.labels).toContain("不改了，返回");
    await c.tap("不改了，返回");
    expect(c.state.step).toBe("summary");
    expect(c.text).toContain("光明路的路灯坏了很久");
  });

  it("changes the description but keeps the confirmed category", async () => {
    await c.tap("修改");
    await c.tap("什么事");
    await c.say("项城市光明路的路灯坏了很久，晚上一片漆黑");
    expect(c.state.step).toBe("summary");
    expect(c.text).toContain("晚上一片漆黑");
    expect(c.text).toContain("【类别】市政市容");
  });

  it("replaces the photos when asked", async () => {
    await c.tap("修改");
    await c.tap("照片");
    await c.tap("去掉原来的照片");
    expect(c.state.draft?.photos).toEqual([]);
    await c.send({ type: "photo", fileId: "p9" });
    await c.tap("照片发完了");
    expect(c.state.draft?.photos).toEqual(["p9"]);
    expect(c.state.step).toBe("summary");
  });
});

describe("a change said in words instead of tapped", () => {
  let c: Conversation;
  beforeEach(async () => {
    c = new Conversation(await createWorld());
    await reachSummary(c);
  });

  it("takes the new place said at the summary (地点不对，是…) and shows the summary again", async () => {
    await c.say("地点不对，是项城市莲花路和光明路交叉口");
    expect(c.state.step).toBe("summary");
    expect(c.text).toContain("【地点】项城市莲花路和光明路交叉口");
  });

  it("takes the summary's own label typed with a new value (Where: …)", async () => {
    await c.say("Where: it's Lianhua Road and Guangming Road, Xiangcheng");
    expect(c.state.draft?.address).toBe("Lianhua Road and Guangming Road, Xiangcheng");
  });

  it.each([
    "地址写错了，是项城市莲花路和光明路交叉口，不是八一路",
    "地点不对，不是八一路，是项城市莲花路和光明路交叉口",
    "地点写错了，是项城市莲花路和光明路交叉口不是八一路",
  ])("keeps only what the place is, not what it is not (%s)", async (words) => {
    await c.say(words);
    expect(c.text).toContain("【地点】项城市莲花路和光明路交叉口\n");
  });

  it("takes the new value said after 要改哪一项", async () => {
    await c.tap("修改");
    await c.say("时间错了，是前天晚上");
    expect(c.state.step).toBe("summary");
    expect(c.text).toContain("（前天晚上）");
  });

  it("takes a new phone number (电话改成…) and keeps the name", async () => {
    await c.say("电话改成13698765432");
    expect(c.state.step).toBe("summary");
    expect(c.text).toContain("【联系方式】李女士，13698765432");
  });

  it("takes a new name (名字写错了，叫…) and keeps the number", async () => {
    await c.say("名字写错了，叫李秀英");
    expect(c.state.step).toBe("summary");
    expect(c.text).toContain("【联系方式】李秀英，13912345678");
  });

  it("opens the field's question when only the field is named", async () => {
    await c.tap("修改");
    await c.say("改一下地址");
    expect(c.state.step).toBe("place");
  });

  it("takes the kind of matter named after 类别不对", async () => {
    await c.say("类别不对，应该是水电气暖");
    expect(c.text).toContain("【类别】水电气暖");
  });

  it("does not take a sentence that only starts like a field's name", async () => {
    await c.say("地方上的人都不管");
    expect(c.state.step).toBe("summary");
    expect(c.text).toContain("请点下面的按钮");
  });
});

describe("cancelling", () => {
  let c: Conversation;
  beforeEach(async () => {
    c = new Conversation(await createWorld());
    await c.command("new");
    await c.say("小区电梯坏了很久没人修");
  });

  it("asks for confirmation and keeps the draft when the citizen goes on", async () => {
    const before = c.state.draft;
    await c.command("cancel");
    expect(c.text).toContain("确定不提交了吗");
    await c.tap("继续填写");
    expect(c.state.draft).toEqual(before);
    expect(c.state.step).toBe("category");
    expect(c.text).toContain("【住房城建】");
  });

  it("deletes the draft only after confirmation", async () => {
    await c.command("cancel");
    await c.tap("确定，不提交了");
    expect(c.state.draft).toBeNull();
    expect(c.state.step).toBe("idle");
    expect(c.text).toContain("已经取消");
  });

  it("understands a typed yes, and cancels from the summary card too", async () => {
    await c.command("cancel");
    await c.say("是的");
    expect(c.state.draft).toBeNull();

    const other = new Conversation(await createWorld(), "telegram:2");
    await reachSummary(other);
    await other.tap("不提交了");
    expect(other.state.draft).not.toBeNull();
    await other.tap("确定，不提交了");
    expect(other.state.draft).toBeNull();
  });

  it("treats any other answer as going on, and handles it", async () => {
    await c.command("cancel");
    await c.say("对");
    // "对" is yes to "are you sure?" — the confirmation question comes first.
    expect(c.state.draft).toBeNull();

    await c.command("new");
    await c.say("小区电梯坏了很久没人修");
    const confirmCategory = c.buttonId("对，就是这个");
    await c.command("cancel");
    // The citizen scrolls up and taps the category button instead of answering.
    await c.send({ type: "choice", id: confirmCategory });
    expect(c.state.pending).toBeNull();
    expect(c.state.draft?.category).toBe("housing");
  });

  it.each(["算了不弄了", "不反映了", "取消吧", "算了吧。", "算了，不想弄了，太麻烦", "forget it"])(
    "takes %s at any question as wanting to stop, and asks to confirm",
    async (words) => {
      await c.tap("对，就是这个");
      expect(c.state.step).toBe("place");
      await c.say(words);
      expect(c.text).toContain("确定不提交了吗");
      await c.say("是");
      expect(c.state.draft).toBeNull();
    },
  );

  it.each(["重新来", "我要重新填", "从头开始吧", "重来", "start over"])(
    "takes %s, wanting to start over, as wanting to stop this draft, and offers to file anew once it is dropped",
    async (words) => {
      await c.tap("对，就是这个");
      await c.say(words);
      expect(c.text).toContain("确定不提交了吗");
      await c.say("是");
      expect(c.state.draft).toBeNull();
      expect(c.labels).toContain("我要反映问题");
    },
  );

  it.each(["唉，不弄了", "嗯不反映了", "这个事我不想反映了", "那件事算了吧"])(
    "takes %s, after a sigh, a filler or the matter it is about, as wanting to stop too",
    async (words) => {
      await c.tap("对，就是这个");
      await c.say(words);
      expect(c.text).toContain("确定不提交了吗");
    },
  );

  it.each(["嗯不弄了", "不弄了", "取消吧"])(
    "takes %s, said to 确定不提交了吗, as its yes: nothing of it added to the matter",
    async (words) => {
      await c.tap("对，就是这个");
      await c.command("cancel");
      await c.say(words);
      expect(c.state.draft).toBeNull();
      expect(c.text).toContain("已经取消");
    },
  );

  it.each(["麻烦了", "以后再说"])("takes %s alone as no wish to stop", async (words) => {
    await c.tap("对，就是这个");
    await c.say(words);
    expect(c.text).not.toContain("确定不提交了吗");
    expect(c.state.draft).not.toBeNull();
  });

  it("says so when there is nothing to cancel", async () => {
    await c.command("cancel");
    await c.tap("确定，不提交了");
    await c.command("cancel");
    expect(c.text).toContain("现在没有正在填写的事");
  });
});
