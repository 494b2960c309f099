/** Emergencies are sent to 110/119/120 first; photos stop at 5; anonymity is a full option. */
import { beforeEach, describe, expect, it } from "vitest";
import { Conversation, createWorld } from "./fakes.ts";
import type { World } from "./fakes.ts";

describe("an emergency", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    world = await createWorld();
    c = new Conversation(world);
  });

  it("tells the citizen to call 119/120 first, then goes on and flags the draft", async () => {
    await c.command("new");
    await c.say("我们楼道里着火了，有人晕倒了");
    expect(c.last[0]?.text).toContain("请先打电话求救");
    expect(c.last[0]?.text).toContain("119");
    expect(c.last[0]?.text).toContain("120");
    expect(c.last[0]?.text).not.toContain("110 报警");
    expect(c.state.draft?.isEmergency).toBe(true);
    expect(c.last.length).toBeGreaterThan(1);
    expect(c.state.step).not.toBe("description");
  });

  it("warns even outside a draft and flags the draft started from that message", async () => {
    await c.say("救命，有人在打人");
    expect(c.last[0]?.text).toContain("110");
    await c.tap("是，开始反映");
    expect(c.state.draft?.isEmergency).toBe(true);
  });

  it("does not mistake everyday words for an emergency", async () => {
    await c.command("new");
    await c.say("老板欠我的工资，那是我的救命钱");
    expect(c.text).not.toContain("求救");
    expect(c.state.draft?.isEmergency).toBe(false);
  });

  it("reaches the submission as isEmergency, shows on the card and the receipt", async () => {
    await c.command("new");
    await c.say("西华县某小区煤气泄漏了味道很大");
    await c.tap("对，就是这个");
    await c.tap("跳过");
    await c.say("刚才");
    await c.tap("没有照片");
    await c.tap("匿名反映");
    expect(c.text).toContain("【紧急】是");
    await c.tap("提交");
    expect(world.submitter.submissions[0]?.isEmergency).toBe(true);
    expect(c.text).toContain("已标为紧急，工作人员会优先转给负责的部门");
    expect(c.text).toContain("报警 110，火警 119，急救 120");
  });

  it("gives an ordinary complaint's receipt no word of danger", async () => {
    await c.command("new");
    await c.say("西华县某小区物业不管事，电梯老是坏");
    await c.tap("对，就是这个");
    await c.tap("跳过");
    await c.say("上个月");
    await c.tap("没有照片");
    await c.tap("匿名反映");
    await c.tap("提交");
    expect(c.text).toContain("提交成功");
    expect(c.text).not.toContain("紧急");
  });
});

describe("photos", () => {
  it("keeps at most 5 and moves on by itself at the fifth", async () => {
    const c = new Conversation(await createWorld());
    await c.command("new");
    await c.say("项城市建设路的下水道堵了很久");
    await c.tap("对，就是这个");
    await c.tap("不记得了");
    for (let i = 1; i <= 4; i++) await c.send({ type: "photo", fileId: `p${i}` });
    expect(c.text).toContain("还可以再发 1 张");
    await c.send({ type: "photo", fileId: "p5" });
    expect(c.text).toContain("已经满 5 张了");
    expect(c.state.step).toBe("contact");
    await c.send({ type: "photo", fileId: "p6" });
    expect(c.text).toContain("最多只能发 5 张照片，这张没有保存");
    expect(c.state.draft?.photos).toEqual(["p1", "p2", "p3", "p4", "p5"]);
    expect(c.state.step).toBe("contact");
  });

  it("keeps a photo sent before its question, and does not ask again when it is the fifth", async () => {
    const c = new Conversation(await createWorld());
    await c.command("new");
    await c.send({ type: "photo", fileId: "early" });
    expect(c.text).toContain("照片收到了（共 1 张）");
    expect(c.text).toContain("请用文字说一说");
    expect(c.state.draft?.photos).toEqual(["early"]);
  });
});

describe("anonymous", () => {
  async function atTheContactQuestion(c: Conversation): Promise<void> {
    await c.command("new");
    await c.say("举报村干部把低保给了自己亲戚，郸城县某村");
    await c.tap("表扬、建议、其他问题");
    await c.tap("跳过");
    await c.tap("不记得了");
    await c.tap("没有照片");
  }

  it("submits without name or phone and promises updates in this chat", async () => {
    const world = await createWorld();
    const c = new Conversation(world);
    await atTheContactQuestion(c);
    expect(c.text).toContain("匿名反映同样会在这里收到办理进展");
    await c.say("我想匿名");
    expect(c.text).toContain("【联系方式】匿名（进展会在这里告诉您）");
    await c.tap("提交");
    expect(c.text).toContain("您是匿名反映的，进展只在这个对话里通知");
    expect(world.submitter.submissions[0]?.contact).toEqual({ kind: "anonymous" });
  });

  it.each(["匿名吧", "就匿名", "还是匿名反映吧", "不留名字了"])(
    "takes %s at the contact question as the choice, not as a question about anonymity",
    async (words) => {
      const world = await createWorld();
      const c = new Conversation(world);
      await atTheContactQuestion(c);
      await c.say(words);
      expect(c.text).toContain("【联系方式】匿名（进展会在这里告诉您）");
    },
  );

  it("answers a question about anonymity at the contact question, and asks again", async () => {
    const world = await createWorld();
    const c = new Conversation(world);
    await atTheContactQuestion(c);
    await c.say("能匿名吗");
    expect(c.text).toContain("可以不留名字");
    expect(c.text).toContain("请留下您的姓名和电话");
  });

  it("takes the channel's contact button instead", async () => {
    const world = await createWorld();
    const c = new Conversation(world);
    await c.command("new");
    await c.say("淮阳区某超市卖过期食品");
    await c.tap("对，就是这个");
    await c.tap("跳过");
    await c.tap("不记得了");
    await c.tap("没有照片");
    await c.send({ type: "contact", phone: "+86 139 1234 5678", name: "Li" });
    expect(c.state.step).toBe("summary");
    expect(c.text).toContain("Li，13912345678");
  });
});
