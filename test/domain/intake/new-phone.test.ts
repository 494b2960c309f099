/**
 * A citizen whose phone number changed while their matter is handled tells the chat so ("俺电话
 * 换了，新号是13712345678，以前反映的事打这个电话"): the number goes to their running cases,
 * asked once for all of them, and is never offered as a new complaint or an addition. With no
 * running case there is nothing to change, and nothing is filed. Within a draft, the contact
 * question takes a number as ever.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { newPhoneSaid } from "../../../src/domain/intake/new-phone-words.ts";
import { chinesePhoneParser } from "../../../src/domain/intake/phone.ts";
import { Conversation, citizenCase, createWorld, type World } from "./fakes.ts";

const OWN = "ZK-20261120-0003";
const NEWER = "ZK-20261125-0011";
const CITIZEN = "telegram:1001";

describe("a citizen's new phone number", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    world = await createWorld();
    c = new Conversation(world, CITIZEN);
  });

  it("asks once about the one running case, and changes its number on the yes", async () => {
    world.cases.add(CITIZEN, citizenCase(OWN, { status: "in_progress" }));
    await c.say("俺电话换了，新号是13712345678，以前反映的事打这个电话");
    expect(c.text).toBe(`要把您正在办理的事（编号 ${OWN}）的联系电话改成 137****5678 吗？`);
    expect(c.labels).toEqual(["是", "不用了"]);
    expect(world.contactChanges.changed).toEqual([]);

    await c.tap("是");
    expect(world.contactChanges.changed).toEqual([{ trackingNo: OWN, phone: "13712345678" }]);
    expect(c.text).toBe(
      `已把编号 ${OWN} 的联系电话改成 137****5678，工作人员以后打这个号码联系您。`,
    );
    expect(c.labels).toContain("我要反映问题");
    expect(c.state.pending).toBeNull();
    expect(world.submitter.submissions).toEqual([]);
  });

  it("lists every running case of the citizen's own, newest first, under one yes", async () => {
    world.cases.add(CITIZEN, citizenCase(OWN));
    world.cases.add(
      CITIZEN,
      citizenCase(NEWER, {
        status: "accepted",
        submittedAt: new Date("2026-11-25T09:00:00+08:00"),
      }),
    );
    world.cases.add(CITIZEN, citizenCase("ZK-20261101-0001", { status: "answered" }));
    world.cases.add(CITIZEN, citizenCase("ZK-20261102-0002", { supported: true }));
    await c.say("换号了，以后打这个号 137 1234 5678");
    expect(c.text).toBe(
      `要把您正在办理的 2 件事（编号 ${NEWER}、${OWN}）的联系电话都改成 137****5678 吗？`,
    );
    await c.say("是的");
    expect(world.contactChanges.changed.map((x) => x.trackingNo)).toEqual([NEWER, OWN]);
  });

  it.each([
    "换号了13712345678",
    "联系电话改成13712345678",
    "以后打这个号13712345678",
    "我手机号变了，13712345678，有事打这个",
    "原来的号不用了，以后打137 1234 5678",
  ])("asks about the running case for %s", async (text) => {
    world.cases.add(CITIZEN, citizenCase(OWN));
    await c.say(text);
    expect(c.text).toBe(`要把您正在办理的事（编号 ${OWN}）的联系电话改成 137****5678 吗？`);
  });

  it.each(["嗯换吧", "改吧", "换成这个", "change it"])(
    "changes its number on %s, the change said back as its yes",
    async (words) => {
      world.cases.add(CITIZEN, citizenCase(OWN, { status: "in_progress" }));
      await c.say("俺电话换了，新号是13712345678");
      await c.say(words);
      expect(world.contactChanges.changed).toEqual([{ trackingNo: OWN, phone: "13712345678" }]);
      expect(world.submitter.submissions).toEqual([]);
    },
  );

  it("changes nothing on the no", async () => {
    world.cases.add(CITIZEN, citizenCase(OWN));
    await c.say("联系电话改成13712345678");
    await c.tap("不用了");
    expect(c.text).toBe("好的，联系电话没有改。");
    expect(world.contactChanges.changed).toEqual([]);
    expect(c.state.pending).toBeNull();
  });

  it("keeps whose the number is when it is a relative's", async () => {
    world.cases.add(CITIZEN, citizenCase(OWN));
    await c.say("我电话换了，以后有事打我女儿的吧 15812345678");
    expect(c.text).toBe(
      `要把您正在办理的事（编号 ${OWN}）的联系电话改成 158****5678（您女儿的电话）吗？`,
    );
    await c.tap("是");
    expect(world.contactChanges.changed).toEqual([
      { trackingNo: OWN, phone: "15812345678", holder: { relation: "daughter", name: null } },
    ]);
    expect(c.text).toBe(
      `已把编号 ${OWN} 的联系电话改成 158****5678（您女儿的电话），工作人员以后打这个号码联系您。`,
    );
  });

  it("says there is nothing to change without a running case, and offers no complaint", async () => {
    world.cases.add(CITIZEN, citizenCase(OWN, { status: "closed" }));
    await c.say("俺电话换了，新号是13712345678，以前反映的事打这个电话");
    expect(c.text).toBe("您现在没有正在办理的事，不用改联系电话。以后反映新的事，留这个号码就行。");
    expect(c.state.pending).toBeNull();
    expect(c.labels).not.toContain("是，开始反映");
  });

  it("says which case the rules refused when it was answered meanwhile", async () => {
    world.cases.add(CITIZEN, citizenCase(OWN));
    await c.say("我换了新手机号13712345678");
    world.cases.cases[0]!.detail = { ...world.cases.cases[0]!.detail, status: "answered" };
    await c.tap("是");
    expect(c.text).toBe(`编号 ${OWN} 已经答复、办结或撤回，联系电话没有改。`);
  });

  it("apologises when the number cannot be stored now", async () => {
    world.cases.add(CITIZEN, citizenCase(OWN));
    await c.say("电话换了 13712345678");
    world.contactChanges.failing = true;
    await c.tap("是");
    expect(c.text).toBe(
      `抱歉，系统暂时出了问题，编号 ${OWN} 的联系电话没能改好，请过一会儿再说一次。`,
    );
    expect(world.problems).toHaveLength(1);
  });

  it("is asked in English for a citizen who writes English", async () => {
    world.cases.add(CITIZEN, citizenCase(OWN));
    await c.command("lang", "en");
    await c.say("My number changed, it's now 13712345678");
    expect(c.text).toBe(
      `Change the phone number of your report being handled (no. ${OWN}) to 137****5678?`,
    );
    await c.tap("Yes");
    expect(c.text).toBe(
      `The phone number of no. ${OWN} is now 137****5678: staff will call you on it.`,
    );
  });

  it("leaves a draft's contact question to take the number as ever", async () => {
    world.cases.add(CITIZEN, citizenCase(OWN));
    await c.command("new");
    await c.say("我们小区门口的下水道堵了，臭得很，我电话换了，新号是13712345678");
    expect(c.state.pending?.kind).not.toBe("phone");
    expect(world.contactChanges.changed).toEqual([]);
  });
});

describe("a new phone number said inside a draft", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    world = await createWorld();
    c = new Conversation(world, CITIZEN);
  });

  /** A draft about a barbecue stall's noise, its time asked. */
  async function atTheTimeQuestion(): Promise<void> {
    await c.command("new");
    await c.say("川汇区七一路幸福小区门口的烧烤摊天天半夜吵，噪音太大");
    await c.tap("对，就是这个");
    expect(c.state.step).toBe("time");
  }

  it("is the draft's contact, said back masked, and the question is asked again", async () => {
    await atTheTimeQuestion();
    await c.say("俺电话换了，新号是13712345678");
    expect(c.text).toContain("好的，这件事的联系电话记为 137****5678。");
    expect(c.text).not.toContain("没看懂");
    expect(c.state.step).toBe("time");
    expect(c.state.draft?.occurredAt).toBeNull();
    expect(c.state.draft?.contact).toEqual({ kind: "named", phone: "13712345678", name: null });
    expect(c.state.pending).toBeNull();
    // The contact question is not asked: the summary shows the number to confirm.
    await c.say("上个礼拜开始的");
    await c.tap("没有照片");
    expect(c.state.step).toBe("summary");
    await c.tap("✅ 提交");
    expect(world.submitter.submissions[0]?.contact).toEqual({
      kind: "named",
      phone: "13712345678",
      name: null,
    });
  });

  it("is not the place at the place question", async () => {
    await c.command("new");
    await c.say("小区门口的路灯坏了一个多月了，晚上黑乎乎的");
    await c.tap("对，就是这个");
    expect(c.state.step).toBe("place");
    await c.say("我电话换了，以后打这个号 137 1234 5678");
    expect(c.state.draft?.address).toBeNull();
    expect(c.state.step).toBe("place");
    expect(c.text).toContain("这件事的联系电话记为 137****5678");
  });

  it("is not the matter at the description, unless the words tell one beside it", async () => {
    await c.command("new");
    await c.say("俺电话换了，新号是13712345678");
    expect(c.state.step).toBe("description");
    expect(c.state.draft?.description).toBeNull();
    expect(c.text).toContain("这件事的联系电话记为 137****5678");

    const other = new Conversation(await createWorld(), CITIZEN);
    await other.command("new");
    await other.say("俺电话换了，新号是13712345678，小区门口的路灯坏了一个多月了");
    expect(other.state.draft?.description).toContain("路灯坏了");
  });

  it("keeps the name the contact gave, the number changed, at the summary", async () => {
    await atTheTimeQuestion();
    await c.say("上个礼拜开始的");
    await c.tap("没有照片");
    await c.say("13812345678 王建国");
    expect(c.state.step).toBe("summary");
    await c.say("联系电话改成13712345678");
    expect(c.state.draft?.contact).toEqual({
      kind: "named",
      phone: "13712345678",
      name: "王建国",
    });
    expect(c.text).toContain("137****5678");
    expect(c.state.step).toBe("summary");
  });

  it("asks at once about the citizen's running cases, then the draft's question again", async () => {
    world.cases.add(CITIZEN, citizenCase(OWN));
    await atTheTimeQuestion();
    await c.say("俺电话换了，新号是13712345678，以前反映的事也打这个电话");
    expect(c.text).toBe(
      "好的，这件事的联系电话记为 137****5678。\n---\n" +
        `要把您正在办理的事（编号 ${OWN}）的联系电话改成 137****5678 吗？`,
    );
    await c.tap("是");
    expect(world.contactChanges.changed).toEqual([{ trackingNo: OWN, phone: "13712345678" }]);
    expect(c.text).toContain(`已把编号 ${OWN} 的联系电话改成 137****5678`);
    expect(c.state.step).toBe("time");
    expect(c.state.draft?.contact).toMatchObject({ phone: "13712345678" });
  });

  it("keeps whose the number is when it is a relative's, the citizen's name kept", async () => {
    await c.command("new");
    await c.say("川汇区七一路幸福小区门口的烧烤摊天天半夜吵，噪音太大，我叫张桂兰");
    await c.tap("对，就是这个");
    await c.say("我电话换了，打我闺女的吧 15812345678");
    expect(c.text).toContain("好的，这件事的联系电话记为 158****5678（您女儿的电话）。");
    expect(c.state.step).toBe("time");
    await c.say("上个礼拜开始的");
    await c.tap("没有照片");
    expect(c.state.step).toBe("summary");
    expect(c.text).toContain("（您女儿的电话）");
    await c.tap("✅ 提交");
    expect(world.submitter.submissions[0]?.contact).toEqual({
      kind: "named",
      phone: "15812345678",
      name: "张桂兰",
      holder: { relation: "daughter", name: null },
    });
  });

  it("leaves the running cases as they are on the no, the draft's number kept", async () => {
    world.cases.add(CITIZEN, citizenCase(OWN));
    await atTheTimeQuestion();
    await c.say("换号了13712345678");
    await c.tap("不用了");
    expect(c.text).toContain("好的，联系电话没有改。");
    expect(world.contactChanges.changed).toEqual([]);
    expect(c.state.draft?.contact).toMatchObject({ phone: "13712345678" });
    expect(c.state.step).toBe("time");
  });

  it("is understood in English", async () => {
    await c.command("lang", "en");
    await c.command("new");
    await c.say(
      "The barbecue stall at the gate of Xingfu compound on Qiyi Road is noisy every night",
    );
    await c.tap("Noise, smoke");
    await c.say("my number changed, it's now 13712345678");
    expect(c.text).toContain("All right, this report's phone number is 137****5678.");
    expect(c.state.draft?.contact).toEqual({ kind: "named", phone: "13712345678", name: null });
  });
});

describe("words that give a new phone number", () => {
  it.each([
    "俺电话换了，新号是13712345678，以前反映的事打这个电话",
    "换号了13712345678",
    "联系电话改成13712345678",
    "以后打这个号13712345678",
    "我手机号变了，13712345678",
    "原来的号不用了，打0394-8123456",
    "my number changed, it's now 13712345678",
    "Please change my phone to 13712345678",
  ])("reads %s as a new number", (text) => {
    expect(newPhoneSaid(text, chinesePhoneParser)).not.toBeNull();
  });

  it.each([
    "电话换了",
    "物业电话换了也不通知，打13712345678没人接",
    "我们小区门口的下水道堵了，臭得很，我的电话13712345678",
    "以后打这个号",
  ])("does not read %s as one", (text) => {
    expect(newPhoneSaid(text, chinesePhoneParser)).toBeNull();
  });
});
