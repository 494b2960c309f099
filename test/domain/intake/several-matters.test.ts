/**
 * Several matters told in one message go to the units competent for each (谁主管、谁负责): the
 * citizen files them one by one, the first now and each next one offered when the one before
 * is filed. Matters a single unit handles stay one case.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { splitMatters } from "../../../src/domain/intake/matters.ts";
import { DialogueStateSchema } from "../../../src/domain/intake/state.ts";
import { Conversation, createWorld } from "./fakes.ts";
import type { World } from "./fakes.ts";

const TWO_MATTERS =
  "俺是川汇区七一路幸福小区的，两件事：一是小区门口的路灯坏了一个多月了，晚上黑乎乎的；二是旁边的烧烤摊天天半夜还在吵，噪音太大";

const NOISE_MATTER = "俺是川汇区七一路幸福小区的，旁边的烧烤摊天天半夜还在吵，噪音太大";

describe("several matters in one message", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    world = await createWorld();
    c = new Conversation(world);
  });

  async function fileTheDraft(): Promise<void> {
    await c.tap("对，就是这个");
    if (c.state.step === "time") await c.say("前天晚上");
    await c.tap("没有照片");
    await c.tap("匿名反映");
    await c.tap("✅ 提交");
  }

  it("offers the list saying how many matters it read, filed one after another", async () => {
    await c.say(TWO_MATTERS);
    expect(c.text).toBe(
      `您说的是：“${TWO_MATTERS}”\n这里说了两件事，要作为两条新的反映，一件接一件登记吗？`,
    );
    expect(c.labels).toContain("是，开始反映");
  });

  it("counts three matters numbered 1. 2. 3.", async () => {
    await c.say("1. 七一路的路灯坏了 2. 楼下饭店卖过期食品 3. 小区半夜有人放音乐噪音很大");
    expect(c.text).toContain("这里说了三件事，要作为三条新的反映，一件接一件登记吗？");
    await c.tap("是，开始反映");
    expect(c.text).toContain("您说了三件事");
    expect(c.state.laterMatters).toHaveLength(2);
  });

  it("reads the matters once: the draft the offer's yes starts files them as read at the offer", async () => {
    await c.say("1. 七一路的路灯坏了 2. 楼下饭店卖过期食品 3. 小区半夜有人放音乐噪音很大");
    expect(world.classifier.calls.map((call) => call.text)).toEqual([
      "七一路的路灯坏了",
      "楼下饭店卖过期食品",
      "小区半夜有人放音乐噪音很大",
    ]);
    await c.tap("是，开始反映");
    expect(c.text).toContain("您说了三件事");
    // The one read after the offer is the draft's own description, for its category.
    expect(world.classifier.calls.slice(3).map((call) => call.text)).toEqual(["七一路的路灯坏了"]);
    expect(c.state.laterMatters.map((matter) => matter.text)).toEqual([
      "楼下饭店卖过期食品",
      "小区半夜有人放音乐噪音很大",
    ]);
  });

  it("asks about and files the matters of an offer stored with their count alone, reading them again", async () => {
    await c.say(TWO_MATTERS);
    // As offers were stored: how many matters, not which.
    const stored = JSON.parse(JSON.stringify(c.state));
    stored.pending.matters = 2;
    c.state = DialogueStateSchema.parse(stored);
    await c.say("谢谢");
    expect(c.text).toContain("这里说了两件事，要作为两条新的反映，一件接一件登记吗？");
    const readBefore = world.classifier.calls.length;
    await c.tap("是，开始反映");
    expect(c.text).toContain("您说了两件事");
    expect(c.state.draft?.description).toBe(
      "俺是川汇区七一路幸福小区的，小区门口的路灯坏了一个多月了，晚上黑乎乎的",
    );
    expect(c.state.laterMatters).toEqual([{ text: NOISE_MATTER, photos: [] }]);
    // Both matters read again, then the draft's description.
    expect(world.classifier.calls.length - readBefore).toBe(3);
  });

  it("offers matters of one category as the one case they stay", async () => {
    await c.say("反映两个问题：一是七一路的路灯不亮；二是路口的井盖松了，一踩就响");
    expect(c.text).toContain("要把这件事作为一条新的反映吗？");
  });

  it("counts the matters in English", async () => {
    await c.command("lang", "en");
    await c.say(
      "Two things: 1. the street light at the gate of Xingfu compound is broken 2. the barbecue stall next to it makes noise every night",
    );
    expect(c.text).toContain(
      "That's 2 matters. Shall I file them as 2 new reports, one after another?",
    );
  });

  it("files the first matter, saying the other comes once it is filed", async () => {
    await c.say(TWO_MATTERS);
    await c.tap("是，开始反映");
    expect(c.text).toContain("您说了两件事");
    expect(c.text).toContain("另一件等这件登记好了再说");
    expect(c.state.draft?.description).toBe(
      "俺是川汇区七一路幸福小区的，小区门口的路灯坏了一个多月了，晚上黑乎乎的",
    );
    expect(c.text).toContain("【市政市容】");
  });

  it("offers the next matter after the first is filed, and files it as a case of its own", async () => {
    await c.say(TWO_MATTERS);
    await c.tap("是，开始反映");
    await fileTheDraft();
    expect(c.text).toContain("提交成功");
    expect(c.text).toContain(
      "您刚才还说了一件事：“俺是川汇区七一路幸福小区的，旁边的烧烤摊天天半夜还在吵，噪音太大”",
    );
    await c.tap("是，开始反映");
    expect(c.text).toContain("【生态环境】");
    await fileTheDraft();
    const filed = world.submitter.submissions.map((s) => [s.category, s.description]);
    expect(filed).toEqual([
      ["municipal", "俺是川汇区七一路幸福小区的，小区门口的路灯坏了一个多月了，晚上黑乎乎的"],
      ["environment", "俺是川汇区七一路幸福小区的，旁边的烧烤摊天天半夜还在吵，噪音太大"],
    ]);
    // The place told once, before the list, is each case's.
    expect(world.submitter.submissions.map((s) => s.region)).toEqual(["chuanhui", "chuanhui"]);
    expect(c.state.laterMatters).toEqual([]);
  });

  it("drops the next matter when the citizen declines it, and offers the one after", async () => {
    await c.command("new");
    await c.say(
      "川汇区，三件事：第一，七一路的井盖丢了；第二，楼下饭店卖过期食品；第三，小区半夜有人放音乐噪音很大",
    );
    await fileTheDraft();
    expect(c.text).toContain("您刚才还说了一件事：“川汇区，楼下饭店卖过期食品”");
    await c.tap("不用了");
    expect(c.text).toContain("您刚才还说了一件事：“川汇区，小区半夜有人放音乐噪音很大”");
    await c.tap("不用了");
    expect(c.text).toContain("有需要随时找我");
    expect(world.submitter.submissions).toHaveLength(1);
  });

  it("offers the next matter when the citizen cancels the draft before it", async () => {
    await c.say(TWO_MATTERS);
    await c.tap("是，开始反映");
    await c.command("cancel");
    await c.tap("确定，不提交了");
    expect(c.text).toContain("好的，这件已经取消，刚才填的内容已删除。");
    expect(c.text).toContain(`您刚才还说了一件事：“${NOISE_MATTER}”`);
    expect(c.state.draft).toBeNull();
    await c.tap("是，开始反映");
    expect(c.state.draft?.description).toBe(NOISE_MATTER);
    expect(c.text).toContain("【生态环境】");
  });

  it("offers the next matter after a cancel typed, and the one after on a no", async () => {
    await c.command("new");
    await c.say(
      "川汇区，三件事：第一，七一路的井盖丢了；第二，楼下饭店卖过期食品；第三，小区半夜有人放音乐噪音很大",
    );
    await c.say("不弄了");
    await c.say("是的");
    expect(c.text).toContain("您刚才还说了一件事：“川汇区，楼下饭店卖过期食品”");
    await c.tap("不用了");
    expect(c.text).toContain("您刚才还说了一件事：“川汇区，小区半夜有人放音乐噪音很大”");
    expect(world.submitter.submissions).toEqual([]);
  });

  it.each(["算了都不反映了", "都不要了"])(
    "drops the matters waiting too when the citizen says %s, and says so",
    async (words) => {
      await c.say(TWO_MATTERS);
      await c.tap("是，开始反映");
      await c.say(words);
      expect(c.text).toContain("确定不提交了吗？");
      await c.tap("确定，不提交了");
      expect(c.text).toBe(
        "好的，已经取消，刚才填的内容已删除，您说的另外 1 件事也不登记了。有需要随时找我。",
      );
      expect(c.state.laterMatters).toEqual([]);
      expect(c.state.pending).toBeNull();
      expect(c.labels).toContain("我要反映问题");
    },
  );

  it("drops them all on 都不要了 said to the question whether to stop", async () => {
    await c.say(TWO_MATTERS);
    await c.tap("是，开始反映");
    await c.say("取消");
    await c.say("都不要了");
    expect(c.text).toContain("您说的另外 1 件事也不登记了");
    expect(c.state.draft).toBeNull();
    expect(c.state.laterMatters).toEqual([]);
  });

  it("drops them all in English", async () => {
    await c.command("lang", "en");
    await c.say(
      "Two things: 1. the street light at the gate of Xingfu compound is broken 2. the barbecue stall next to it makes noise every night",
    );
    await c.tap("Yes");
    await c.say("forget it all");
    await c.tap("Yes, don't send");
    expect(c.text).toContain("the other matter you told me will not be filed either");
    expect(c.state.laterMatters).toEqual([]);
  });

  it("keeps matters of one category as one case: one unit handles them", async () => {
    await c.say("反映两个问题：一是七一路的路灯不亮；二是路口的井盖松了，一踩就响");
    await c.tap("是，开始反映");
    expect(c.text).not.toContain("不同的事归不同的部门管");
    expect(c.state.draft?.description).toContain("井盖松了");
    expect(c.state.laterMatters).toEqual([]);
  });

  it("files a matter that tells of danger first, urgent", async () => {
    await c.say("川汇区幸福小区，一是门口的路灯坏了好几天了；二是三号楼楼道里一股煤气味，越来越大");
    await c.tap("是，开始反映");
    expect(c.text).toContain("先登记第一件：“川汇区幸福小区，三号楼楼道里一股煤气味，越来越大”");
    expect(c.state.draft?.isEmergency).toBe(true);
    expect(c.state.laterMatters).toEqual([
      { text: "川汇区幸福小区，门口的路灯坏了好几天了", photos: [] },
    ]);
  });

  it("keeps the message whole when a matter is too short to file alone", async () => {
    await c.say("川汇区幸福小区的事，一是路灯；二是楼下烧烤摊半夜太吵，噪音大得睡不着");
    await c.tap("是，开始反映");
    expect(c.state.draft?.description).toContain("一是路灯");
    expect(c.state.laterMatters).toEqual([]);
  });

  it("keeps the message whole when the classifier cannot read its matters", async () => {
    world.classifier.failing = true;
    await c.say(TWO_MATTERS);
    await c.tap("是，开始反映");
    expect(c.state.draft?.description).toBe(TWO_MATTERS);
    expect(c.state.laterMatters).toEqual([]);
  });
});

describe("a numbered list of matters, as citizens write one", () => {
  it.each([
    ["一是路灯坏了；二是烧烤摊太吵", ["路灯坏了", "烧烤摊太吵"]],
    ["第一件事，路灯坏了。第二件事，烧烤摊太吵", ["路灯坏了。", "烧烤摊太吵"]],
    ["1、路灯坏了 2、烧烤摊太吵", ["路灯坏了", "烧烤摊太吵"]],
    ["（1）路灯坏了（2）烧烤摊太吵", ["路灯坏了", "烧烤摊太吵"]],
    ["①路灯坏了②烧烤摊太吵", ["路灯坏了", "烧烤摊太吵"]],
    ["路灯坏了一个月了。还有个事，烧烤摊太吵", ["路灯坏了一个月了。", "烧烤摊太吵"]],
    [
      "俺是幸福小区的，说两件事：一是路灯坏了，二是烧烤摊太吵",
      ["俺是幸福小区的，路灯坏了", "俺是幸福小区的，烧烤摊太吵"],
    ],
    [
      "I live on Renmin Road, two things: 1. the street light is broken 2. the bar is noisy at night",
      [
        "I live on Renmin Road, the street light is broken",
        "I live on Renmin Road, the bar is noisy at night",
      ],
    ],
  ])("%s", (text, matters) => {
    expect(splitMatters(text)).toEqual(matters);
  });

  it.each([
    "第一次来修了没修好，第二次来人看了看就走了，路灯还是不亮",
    "路灯坏了1个月，2天前又坏了一个",
    "七一路2号楼的路灯坏了",
  ])("reads one matter in %s", (text) => {
    expect(splitMatters(text)).toEqual([text]);
  });
});
