/**
 * A citizen may withdraw what they reported while it is still being decided on or handled
 * (《信访工作条例》: the petitioner may withdraw; the case then ends). They do it from the case's
 * page in the chat ("撤回这件事") or in words ("路灯修好了，这个事不用管了，撤了吧"). Nothing
 * changes before their yes; an answered or a finished case is never offered, and a withdrawal
 * the case's rules refuse is said plainly. A citizen who only joined a case (附议) withdraws
 * their support instead (撤回附议): they are no longer told of it, and it runs on.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { asksToWithdraw } from "../../../src/domain/intake/withdraw-words.ts";
import { Conversation, citizenCase, createWorld, type World } from "./fakes.ts";

const OWN = "ZK-20261120-0003";
const OTHER_OWN = "ZK-20261125-0011";

describe("withdrawing a case", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    world = await createWorld();
    c = new Conversation(world, "telegram:1001");
  });

  describe("from the case's page", () => {
    it("offers 撤回这件事 under a case of the citizen's own that is still running", async () => {
      world.cases.add("telegram:1001", citizenCase(OWN, { status: "in_progress" }));
      await c.send({ type: "choice", id: `case:${OWN}` });
      expect(c.labels).toContain("撤回这件事");
    });

    it.each([
      ["answered", { status: "answered" as const }],
      ["closed", { status: "closed" as const }],
      ["not accepted", { status: "not_accepted" as const }],
      ["withdrawn", { status: "withdrawn" as const }],
    ])("offers nothing to withdraw under a case %s", async (_, overrides) => {
      world.cases.add("telegram:1001", citizenCase(OWN, overrides));
      await c.send({ type: "choice", id: `case:${OWN}` });
      expect(c.labels).not.toContain("撤回这件事");
    });

    it("asks first, and withdraws on the citizen's yes", async () => {
      world.cases.add("telegram:1001", citizenCase(OWN, { status: "accepted" }));
      await c.send({ type: "choice", id: `case:${OWN}` });
      await c.tap("撤回这件事");
      expect(c.text).toBe(`要撤回编号 ${OWN}（市政市容）吗？撤回后这件事就不再办理了。`);
      expect(c.labels).toEqual(["确定撤回", "不撤回，继续办"]);
      expect(world.withdrawals.withdrawn).toEqual([]);

      await c.tap("确定撤回");
      expect(world.withdrawals.withdrawn).toEqual([OWN]);
      expect(c.text).toBe(`已撤回编号 ${OWN}，不再办理。以后有事随时找我们。`);
      expect(c.labels).toContain("我要反映问题");
    });

    it("keeps the case on a no", async () => {
      world.cases.add("telegram:1001", citizenCase(OWN));
      await c.send({ type: "choice", id: `case:${OWN}` });
      await c.tap("撤回这件事");
      await c.say("不撤了");
      expect(c.text).toBe(`好的，编号 ${OWN} 继续办理。`);
      expect(world.withdrawals.withdrawn).toEqual([]);
      expect(c.state.pending).toBeNull();
    });
  });

  describe("in words", () => {
    it("asks about the one running case, then withdraws it on a typed yes", async () => {
      world.cases.add("telegram:1001", citizenCase(OWN, { status: "in_progress" }));
      await c.say("路灯今天已经有人修好了，这个事不用管了，撤了吧");
      expect(c.text).toBe(`要撤回编号 ${OWN}（市政市容）吗？撤回后这件事就不再办理了。`);
      await c.say("是的");
      expect(world.withdrawals.withdrawn).toEqual([OWN]);
    });

    it.each(["撤了吧", "嗯撤了吧", "嗯，撤回", "撤吧", "确定撤回", "不用办了", "withdraw it"])(
      "withdraws on %s said to its question, as on a yes",
      async (words) => {
        world.cases.add("telegram:1001", citizenCase(OWN, { status: "in_progress" }));
        await c.say("路灯今天已经有人修好了，这个事不用管了");
        await c.say(words);
        expect(world.withdrawals.withdrawn).toEqual([OWN]);
        expect(c.state.pending).toBeNull();
      },
    );

    it("keeps the case on 不撤了 said to its question", async () => {
      world.cases.add("telegram:1001", citizenCase(OWN, { status: "in_progress" }));
      await c.say("路灯今天已经有人修好了，这个事不用管了");
      await c.say("算了，不撤了");
      expect(world.withdrawals.withdrawn).toEqual([]);
    });

    it("offers each running case, newest first, when there are several", async () => {
      world.cases.add("telegram:1001", citizenCase(OWN));
      world.cases.add(
        "telegram:1001",
        citizenCase(OTHER_OWN, {
          category: "environment",
          submittedAt: new Date("2026-11-25T09:00:00+08:00"),
        }),
      );
      world.cases.add("telegram:1001", citizenCase("ZK-20261101-0001", { status: "answered" }));
      await c.say("我要撤回投诉");
      expect(c.text).toBe("您有几件正在办理的事，要撤回哪一件？");
      expect(c.labels).toEqual([`撤回 ${OTHER_OWN}（生态环境）`, `撤回 ${OWN}（市政市容）`]);
      await c.tap(`撤回 ${OWN}`);
      await c.tap("确定撤回");
      expect(world.withdrawals.withdrawn).toEqual([OWN]);
    });

    it.each(["我不想反映了", "这个事我不想反映了", "算了不弄了", "俺不告了", "唉，不投诉了"])(
      "asks about the running case when %s is said with no draft open, and offers nothing to file",
      async (words) => {
        world.cases.add("telegram:1001", citizenCase(OWN, { status: "in_progress" }));
        await c.say(words);
        expect(c.text).toBe(`要撤回编号 ${OWN}（市政市容）吗？撤回后这件事就不再办理了。`);
        await c.say("是的");
        expect(world.withdrawals.withdrawn).toEqual([OWN]);
      },
    );

    it("files nothing and offers nothing to file when 我不想反映了 is said with no case running", async () => {
      await c.say("我不想反映了");
      expect(c.text).toBe("好的。有需要随时找我。");
      expect(c.state.pending).toBeNull();
      expect(c.state.draft).toBeNull();
    });

    it("says so when nothing may be withdrawn, and files nothing", async () => {
      await c.say("撤了吧");
      expect(c.text).toBe("您现在没有正在办理、可以撤回的事。");
      expect(c.state.pending).toBeNull();
    });

    it("leaves words about an answered case to the rating ('修好了，不用管了')", async () => {
      world.cases.add("telegram:1001", citizenCase(OWN, { status: "answered" }));
      await c.say("修好了，不用管了");
      expect(c.text).toContain(`要把诉求 ${OWN} 的答复评为「已解决`);
    });

    it("reads the citizen's cases once for a withdrawal and a rating asked in the same words", async () => {
      world.cases.add("telegram:1001", citizenCase(OWN, { status: "answered" }));
      await c.say("修好了，这个事不用管了，撤了吧");
      expect(c.text).toContain(`要把诉求 ${OWN} 的答复评为「已解决`);
      expect(world.cases.lists).toBe(1);
    });

    it.each([
      "这个事不用管了，撤了吧",
      "我要撤回投诉",
      "撤回我的反映",
      "不用来了，已经好了",
      "那就不用办了",
      "俺想撤回",
      "嗯撤了吧",
      "行，那就撤了吧",
      "刚才那个提交错了，能撤回吗",
      "发错了，可以取消不？",
      "刚才提交的不用管了",
      "Please withdraw my complaint",
    ])("reads %s as asking to withdraw", (words) => {
      expect(asksToWithdraw(words)).toBe(true);
    });

    it.each([
      "俺家的低保被撤销了，俺不服",
      "村里把我的补贴撤掉了也不说为什么",
      "村里的补贴怎么取消了",
      "不用了",
      "算了",
      "The school withdrew my son's place without a reason",
    ])("reads %s as no withdrawal (a matter, or a no to something else)", (words) => {
      expect(asksToWithdraw(words)).toBe(false);
    });
  });

  describe("of a case the citizen only joined (附议)", () => {
    const JOINED = "ZK-20261118-0042";
    const joined = (overrides = {}) =>
      citizenCase(JOINED, { supported: true, status: "in_progress", ...overrides });

    it("offers 撤回附议 under it, and withdraws the support, not the case, on a yes", async () => {
      world.cases.add("telegram:1001", joined());
      await c.send({ type: "choice", id: `case:${JOINED}` });
      expect(c.labels).toEqual(["撤回附议"]);
      await c.tap("撤回附议");
      expect(c.text).toBe(
        `您附议了编号 ${JOINED}（市政市容）。要撤回附议吗？撤回后不再通知您这件事的进展，这件事照常办理。`,
      );
      await c.tap("确定撤回");
      expect(world.withdrawals.supportWithdrawn).toEqual([JOINED]);
      expect(world.withdrawals.withdrawn).toEqual([]);
      expect(c.text).toBe(`已撤回您对编号 ${JOINED} 的附议，不再通知您这件事的进展。`);
    });

    it("keeps following it on a no", async () => {
      world.cases.add("telegram:1001", joined());
      await c.say("这个事俺不想跟了，撤了吧");
      await c.say("不撤了");
      expect(c.text).toBe(`好的，编号 ${JOINED} 有进展还会告诉您。`);
      expect(world.withdrawals.supportWithdrawn).toEqual([]);
    });

    it("offers it beside the citizen's own cases, each button saying which it is", async () => {
      world.cases.add("telegram:1001", citizenCase(OWN));
      world.cases.add("telegram:1001", joined());
      await c.say("我要撤回");
      expect(c.labels).toEqual([`撤回 ${OWN}（市政市容）`, `撤回附议 ${JOINED}（市政市容）`]);
    });

    it("offers nothing under one that is answered", async () => {
      world.cases.add("telegram:1001", joined({ status: "answered" }));
      await c.send({ type: "choice", id: `case:${JOINED}` });
      expect(c.labels).not.toContain("撤回附议");
    });
  });

  describe("when it cannot be done", () => {
    it("says plainly that a case answered meanwhile can no longer be withdrawn", async () => {
      world.cases.add("telegram:1001", citizenCase(OWN));
      await c.send({ type: "choice", id: `case:${OWN}` });
      await c.tap("撤回这件事");
      world.cases.cases[0]!.detail = citizenCase(OWN, { status: "answered" });
      await c.tap("确定撤回");
      expect(c.text).toBe(`编号 ${OWN} 现在不能撤回了（已经答复、办结或撤回）。`);
      expect(world.withdrawals.withdrawn).toEqual([]);
    });

    it("refuses another citizen's case by its number", async () => {
      world.cases.add("telegram:2002", citizenCase(OWN));
      await c.send({ type: "choice", id: `withdraw:${OWN}` });
      expect(c.text).toBe(`编号 ${OWN} 现在不能撤回了（已经答复、办结或撤回）。`);
      expect(c.state.pending).toBeNull();
    });

    it("keeps the case running and reports the failure when storage is down", async () => {
      world.cases.add("telegram:1001", citizenCase(OWN));
      await c.say("这件事不用办了");
      world.withdrawals.failing = true;
      await c.say("是");
      expect(c.text).toBe("抱歉，系统暂时出了问题，没能撤回，这件事还在办理。请过一会儿再试。");
      expect(world.problems).toHaveLength(1);
    });
  });

  it("goes back to the draft's question after a withdrawal in the middle of filing", async () => {
    world.cases.add("telegram:1001", citizenCase(OWN));
    await c.command("new");
    await c.say("路灯坏了好久了");
    await c.tap("对，就是这个");
    expect(c.state.step).toBe("place");
    await c.send({ type: "choice", id: `withdraw:${OWN}` });
    await c.tap("确定撤回");
    expect(c.last.map((m) => m.text)).toEqual([
      `已撤回编号 ${OWN}，不再办理。以后有事随时找我们。`,
      expect.stringContaining("这件事发生在哪里？"),
    ]);
    expect(c.state.step).toBe("place");
  });

  it("asks about the running case when 嗯撤了吧 is said in a draft about a new matter, keeping the draft", async () => {
    world.cases.add("telegram:1001", citizenCase(OWN, { status: "in_progress" }));
    await c.command("new");
    await c.say("小区门口烧烤摊天天半夜吵，噪音大得睡不着觉");
    await c.tap("对，就是这个");
    expect(c.state.step).toBe("place");
    await c.say("嗯撤了吧");
    expect(c.text).toContain(`要撤回编号 ${OWN}（市政市容）吗？`);
    expect(c.state.draft?.address).toBeNull();
    expect(c.state.draft?.description).not.toContain("撤了吧");
    await c.tap("确定撤回");
    expect(world.withdrawals.withdrawn).toEqual([OWN]);
    expect(c.state.step).toBe("place");
    expect(c.text).toContain("这件事发生在哪里？");
  });

  it("asks whether to give up the draft when 撤了吧 is said in it and no case runs", async () => {
    await c.command("new");
    await c.say("小区门口烧烤摊天天半夜吵，噪音大得睡不着觉");
    await c.tap("对，就是这个");
    await c.say("嗯撤了吧");
    expect(c.text).toContain("确定不提交了吗");
    expect(c.state.draft?.address).toBeNull();
  });

  it("speaks English to an English-speaking citizen", async () => {
    await c.command("lang", "en");
    world.cases.add("telegram:1001", citizenCase(OWN));
    await c.say("Please withdraw my complaint, it is fixed");
    expect(c.text).toBe(
      `Withdraw no. ${OWN} (City streets and public spaces)? It will then no longer be handled.`,
    );
    await c.tap("Yes, withdraw");
    expect(world.withdrawals.withdrawn).toEqual([OWN]);
  });
});
