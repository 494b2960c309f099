/**
 * A second matter remembered in the middle of filing the first ("在七一路幸福小区门口。还有个
 * 事，小区门口烧烤摊天天半夜吵"): when another unit handles it, it waits for a case of its own,
 * offered once the first is filed, as the matters of a numbered list are; the words before it
 * still answer the question asked. Words that may be of the same matter go on as before.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { DialogueStateSchema } from "../../../src/domain/intake/state.ts";
import { Conversation, createWorld } from "./fakes.ts";
import type { World } from "./fakes.ts";

const KEPT = "我先记下了，这件登记好了再接着登记它";

describe("another matter told at a question of the draft", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    world = await createWorld();
    c = new Conversation(world);
  });

  /** A draft about a street light, its place asked. */
  async function atThePlaceQuestion(): Promise<void> {
    await c.command("new");
    await c.say("小区门口的路灯坏了一个多月了，晚上黑乎乎的");
    await c.tap("对，就是这个");
    expect(c.state.step).toBe("place");
  }

  /** A draft about a barbecue stall's noise, its time asked. */
  async function atTheTimeQuestion(): Promise<void> {
    await c.command("new");
    await c.say("川汇区七一路幸福小区门口的烧烤摊天天半夜吵，噪音太大");
    await c.tap("对，就是这个");
    expect(c.state.step).toBe("time");
  }

  async function atThePhotoQuestion(): Promise<void> {
    await atTheTimeQuestion();
    await c.say("上个礼拜开始的");
    expect(c.state.step).toBe("photos");
  }

  const NOISE = "川汇区七一路幸福小区门口的烧烤摊天天半夜吵，噪音太大";

  it("keeps it at the place question, the words before it the place", async () => {
    await atThePlaceQuestion();
    await c.say("在七一路幸福小区门口。还有个事，小区门口烧烤摊天天半夜吵");
    expect(c.text).toContain(`另一件事“小区门口烧烤摊天天半夜吵”${KEPT}`);
    expect(c.state.laterMatters).toEqual([{ text: "小区门口烧烤摊天天半夜吵", photos: [] }]);
    expect(c.state.draft?.address).toBe("在七一路幸福小区门口");
    expect(c.state.draft?.description).toBe("小区门口的路灯坏了一个多月了，晚上黑乎乎的");
    // The place taken, the next question is asked after the line.
    expect(c.state.step).toBe("region");
    expect(c.text.indexOf(KEPT)).toBeLessThan(c.text.indexOf("哪个县区"));
  });

  it("keeps it at the time question, the words before it the time", async () => {
    await atTheTimeQuestion();
    await c.say("上个礼拜开始的。另外俺们那条路的路灯也坏了好久了");
    expect(c.state.laterMatters).toEqual([{ text: "俺们那条路的路灯也坏了好久了", photos: [] }]);
    expect(c.state.draft?.occurredAt).toMatchObject({ text: "上个礼拜", date: "2026-11-21" });
    expect(c.state.draft?.description).toBe(NOISE);
    expect(c.state.step).toBe("photos");
  });

  it("offers it when the citizen cancels the draft it was told in", async () => {
    await atTheTimeQuestion();
    await c.say("上个礼拜开始的。另外俺们那条路的路灯也坏了好久了");
    await c.say("算了不弄了");
    await c.tap("确定，不提交了");
    expect(c.text).toContain("好的，这件已经取消");
    expect(c.text).toContain("您刚才还说了一件事：“俺们那条路的路灯也坏了好久了”");
    await c.tap("是，开始反映");
    expect(c.state.draft?.description).toBe("俺们那条路的路灯也坏了好久了");
  });

  it("keeps it under a photo at the time question, the photo kept with it, not with this case", async () => {
    await atTheTimeQuestion();
    await c.send({
      type: "photo",
      fileId: "lamp-photo",
      caption: "还有个事，俺们那条路的路灯也坏了好久了",
    });
    expect(c.text).toContain(`另一件事“俺们那条路的路灯也坏了好久了”和这张照片${KEPT}`);
    expect(c.state.laterMatters).toEqual([
      { text: "俺们那条路的路灯也坏了好久了", photos: ["lamp-photo"] },
    ]);
    expect(c.state.draft?.photos).toEqual([]);
    expect(c.state.draft?.description).toBe(NOISE);
    expect(c.state.step).toBe("time");
    await c.say("上个礼拜开始的");
    await c.tap("没有照片");
    await c.tap("匿名反映");
    await c.tap("✅ 提交");
    expect(c.text).toContain("您刚才还说了一件事：“俺们那条路的路灯也坏了好久了”");
    await c.tap("是，开始反映");
    expect(c.state.draft?.photos).toEqual(["lamp-photo"]);
    expect(world.submitter.submissions[0]?.photos).toEqual([]);
  });

  /** At the contact question, a photo under the answer and words of unpaid wages. */
  async function photoOfWagesAtTheContactQuestion(answer: string): Promise<void> {
    await atThePhotoQuestion();
    await c.tap("没有照片");
    await c.send({
      type: "photo",
      fileId: "stall-photo",
      caption: `${answer}。还有个事，工地欠俺们工资仨月了`,
    });
  }

  it("keeps it under a photo at the contact question, the words before it the answer", async () => {
    await photoOfWagesAtTheContactQuestion("13812345678");
    expect(c.state.laterMatters).toEqual([
      { text: "工地欠俺们工资仨月了", photos: ["stall-photo"] },
    ]);
    expect(c.state.draft?.contact).toMatchObject({ phone: "13812345678" });
    expect(c.state.draft?.photos).toEqual([]);
  });

  it("files a matter waiting in a state stored before its photos went with it, with its photo", async () => {
    await photoOfWagesAtTheContactQuestion("匿名吧");
    // As states were stored: the matters' words alone, their photos beside them by the words.
    const stored = JSON.parse(JSON.stringify(c.state));
    stored.laterMatters = ["工地欠俺们工资仨月了"];
    stored.laterMatterPhotos = { 工地欠俺们工资仨月了: ["stall-photo"] };
    c.state = DialogueStateSchema.parse(stored);
    expect(c.state.laterMatters).toEqual([
      { text: "工地欠俺们工资仨月了", photos: ["stall-photo"] },
    ]);
    await c.tap("✅ 提交");
    expect(c.text).toContain("您刚才还说了一件事：“工地欠俺们工资仨月了”");
    await c.tap("是，开始反映");
    expect(c.state.draft?.photos).toEqual(["stall-photo"]);
    expect(world.submitter.submissions[0]?.photos).toEqual([]);
  });

  it("reads the same words waiting twice in a stored state with their photo once, as it was offered", () => {
    const stored = JSON.parse(JSON.stringify(c.state));
    stored.laterMatters = ["工地欠俺们工资仨月了", "工地欠俺们工资仨月了"];
    stored.laterMatterPhotos = { 工地欠俺们工资仨月了: ["stall-photo"] };
    expect(DialogueStateSchema.parse(stored).laterMatters).toEqual([
      { text: "工地欠俺们工资仨月了", photos: ["stall-photo"] },
      { text: "工地欠俺们工资仨月了", photos: [] },
    ]);
  });

  it("drops the photo with the matter when the citizen declines it", async () => {
    await atTheTimeQuestion();
    await c.send({
      type: "photo",
      fileId: "lamp-photo",
      caption: "还有个事，俺们那条路的路灯也坏了好久了",
    });
    await c.command("cancel");
    await c.tap("确定，不提交了");
    await c.tap("不用了");
    expect(c.state.laterMatters).toEqual([]);
    expect(c.state.pending).toBeNull();
  });

  it("keeps it at the photo question, the words before it the answer", async () => {
    await atThePhotoQuestion();
    await c.say("没有照片。对了还有一件事，工地欠俺们工资仨月了");
    expect(c.state.laterMatters).toEqual([{ text: "工地欠俺们工资仨月了", photos: [] }]);
    expect(c.state.draft?.photosDone).toBe(true);
    expect(c.state.draft?.description).toBe(NOISE);
    expect(c.state.step).toBe("contact");
  });

  it("keeps it at the contact question, the words before it the answer", async () => {
    await atThePhotoQuestion();
    await c.tap("没有照片");
    await c.say("匿名吧。还有个事，工地欠俺们工资仨月了");
    expect(c.state.laterMatters).toEqual([{ text: "工地欠俺们工资仨月了", photos: [] }]);
    expect(c.state.draft?.contact).toEqual({ kind: "anonymous" });
    expect(c.state.step).toBe("summary");
  });

  it("keeps it at the category question, a yes before it confirming the category", async () => {
    await c.command("new");
    await c.say(NOISE);
    await c.say("对。另外俺们那条路的路灯也坏了好久了");
    expect(c.state.laterMatters).toEqual([{ text: "俺们那条路的路灯也坏了好久了", photos: [] }]);
    expect(c.state.draft?.category).toBe("environment");
    expect(c.state.draft?.description).toBe(NOISE);
    expect(c.state.step).toBe("time");
  });

  it("asks the question again when the message is the other matter alone", async () => {
    await atTheTimeQuestion();
    await c.say("还有个事，工地欠俺们工资仨月了");
    expect(c.state.laterMatters).toEqual([{ text: "工地欠俺们工资仨月了", photos: [] }]);
    expect(c.text).toContain(KEPT);
    expect(c.text).toContain("这件事是什么时候发生的");
    expect(c.state.step).toBe("time");
    expect(c.state.draft?.occurredAt).toBeNull();
    expect(c.state.draft?.description).toBe(NOISE);
  });

  it("offers it after the case is filed, as a matter of a list, and files it for its own unit", async () => {
    await atThePhotoQuestion();
    await c.say("没有照片。对了还有一件事，工地欠俺们工资仨月了");
    await c.tap("匿名反映");
    await c.tap("✅ 提交");
    expect(c.text.indexOf("提交成功")).toBeLessThan(
      c.text.indexOf("您刚才还说了一件事：“工地欠俺们工资仨月了”"),
    );
    await c.tap("是，开始反映");
    expect(c.text).toContain("【人社劳动】");
    await c.tap("对，就是这个");
    await c.say("川汇区建设路的工地");
    if (c.state.step === "time") await c.say("三个月了");
    await c.tap("没有照片");
    await c.tap("匿名反映");
    await c.tap("✅ 提交");
    const filed = world.submitter.submissions.map((s) => [s.category, s.description]);
    expect(filed).toEqual([
      ["environment", NOISE],
      ["labor", "工地欠俺们工资仨月了"],
    ]);
    expect(c.state.laterMatters).toEqual([]);
  });

  it("warns of a danger in it at once, leaving the draft as urgent as it was, and offers it first", async () => {
    await atTheTimeQuestion();
    await c.say("上个礼拜开始的。另外俺们那条路的路灯也坏了好久了");
    await c.say("没有照片。对了还有一件事，三号楼楼道里一股煤气味，越来越大");
    expect(c.text).toContain("119");
    expect(c.state.draft?.isEmergency).toBe(false);
    expect(c.state.laterMatters).toEqual([
      { text: "三号楼楼道里一股煤气味，越来越大", photos: [] },
      { text: "俺们那条路的路灯也坏了好久了", photos: [] },
    ]);
  });

  it("adds words of the same kind of matter to the draft, as before", async () => {
    await atThePhotoQuestion();
    await c.say("另外，烧烤摊的油烟也呛得人开不了窗");
    expect(c.state.laterMatters).toEqual([]);
    expect(c.state.draft?.description).toBe(`${NOISE}\n另外，烧烤摊的油烟也呛得人开不了窗`);
  });

  it("adds words too few to file alone to the draft, as before", async () => {
    await atThePhotoQuestion();
    await c.say("对了还有个事，欠薪");
    expect(c.state.laterMatters).toEqual([]);
    expect(c.state.draft?.description).toBe(`${NOISE}\n对了还有个事，欠薪`);
  });

  it("adds the words to the draft, as before, when the classifier cannot read them", async () => {
    await atThePhotoQuestion();
    world.classifier.failing = true;
    await c.say("还有个事，工地欠俺们工资仨月了");
    expect(c.state.laterMatters).toEqual([]);
    expect(c.state.draft?.description).toBe(`${NOISE}\n还有个事，工地欠俺们工资仨月了`);
    expect(world.problems).toHaveLength(1);
  });

  it("keeps one told in English, and says so in English", async () => {
    await c.command("new");
    await c.say("川汇区人民路5号楼下饭店卖过期食品");
    await c.command("lang", "en");
    await c.tap("Yes, that's right");
    expect(c.state.step).toBe("time");
    await c.say("3 days ago. One more thing: the bar next door makes noise every night");
    expect(c.text).toContain(
      "I've noted the other matter, “the bar next door makes noise every night”: we'll file it once this one is filed.",
    );
    expect(c.state.draft?.occurredAt).toMatchObject({ date: "2026-11-25" });
    expect(c.state.laterMatters).toEqual([
      { text: "the bar next door makes noise every night", photos: [] },
    ]);
  });

  it("keeps no more matters than one message may number, the draft's counted", async () => {
    await c.command("new");
    await c.say(
      "川汇区幸福小区，三件事：一是门口的路灯坏了好几天了；二是楼下饭店卖过期食品；三是物业天天不开电梯",
    );
    await c.tap("对，就是这个");
    await c.say("七一路幸福小区门口。还有个事，小区门口烧烤摊天天半夜吵");
    expect(c.state.laterMatters).toHaveLength(3);
    if (c.state.step === "time") await c.say("好几天了");
    expect(c.state.step).toBe("photos");
    await c.say("还有个事，工地欠俺们工资仨月了");
    expect(c.state.laterMatters).toHaveLength(3);
    expect(c.state.draft?.description).toContain("工地欠俺们工资仨月了");
  });
});
