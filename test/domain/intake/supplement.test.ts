/**
 * A citizen may add to what they reported while it runs (补充): "补充一下：井盖旁边还有个大坑，
 * 已经有人摔倒了" typed after filing goes to the case they already have, not to a new one. They
 * do it from the case's page in the chat ("补充到这件事") or in words; the words said with the
 * ask are the addition, a bare ask ("我要补充") is answered "请说要补充的内容" and the next message
 * is; a photo sent alone beside a running case asks for the words to add it with. Nothing is
 * stored before their yes; a case they only joined (附议), an answered or a
 * finished one is never offered. Within a draft "补充" keeps its meaning: words for the draft.
 * Words after filing that only add a detail ("对了 是楼上602的") are suggested as an addition to
 * the one running case; any sign of a new matter keeps both offers.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { asksToSupplement } from "../../../src/domain/intake/supplement-words.ts";
import { Conversation, citizenCase, createWorld, type World } from "./fakes.ts";

const OWN = "ZK-20261120-0003";
const OTHER_OWN = "ZK-20261125-0011";
const HOLE = "井盖旁边还有个大坑，已经有人摔倒了";

describe("adding to a running case (补充)", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    world = await createWorld();
    c = new Conversation(world, "telegram:1001");
  });

  describe("in words", () => {
    it("asks about the one running case with the words said, and adds them on the yes", async () => {
      world.cases.add("telegram:1001", citizenCase(OWN, { status: "in_progress" }));
      await c.say(`补充一下：${HOLE}`);
      expect(c.text).toBe(`要把这段话补充到编号 ${OWN}（市政市容）吗？\n“${HOLE}”`);
      expect(c.labels).toEqual(["补充进去", "不用了"]);
      expect(world.supplements.added).toEqual([]);

      await c.tap("补充进去");
      expect(world.supplements.added).toEqual([{ trackingNo: OWN, text: HOLE }]);
      expect(c.text).toBe(`已补充到编号 ${OWN}，办理的工作人员会看到。`);
      expect(c.labels).toContain("我要反映问题");
      expect(world.submitter.submissions).toEqual([]);
    });

    it("asks for the words when only asked to add, and takes the next message", async () => {
      world.cases.add("telegram:1001", citizenCase(OWN, { status: "accepted" }));
      await c.say("我要补充");
      expect(c.text).toBe(`请说要补充的内容（补充到编号 ${OWN}）。`);
      await c.say(HOLE);
      expect(c.text).toBe(`要把这段话补充到编号 ${OWN}（市政市容）吗？\n“${HOLE}”`);
      await c.say("是的");
      expect(world.supplements.added).toEqual([{ trackingNo: OWN, text: HOLE }]);
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
      await c.say(`还有个情况要说：${HOLE}`);
      expect(c.text).toBe("您有几件正在办理的事，要补充到哪一件？");
      expect(c.labels).toEqual([`补充到 ${OTHER_OWN}（生态环境）`, `补充到 ${OWN}（市政市容）`]);
      await c.tap(`补充到 ${OWN}`);
      await c.tap("补充进去");
      expect(world.supplements.added).toEqual([{ trackingNo: OWN, text: HOLE }]);
    });

    it("says so when there is nothing to add to, and reads the words on as a new matter", async () => {
      world.cases.add("telegram:1001", citizenCase(OWN, { status: "closed" }));
      await c.say(`补充一下：${HOLE}`);
      expect(c.text).toContain("您现在没有正在办理的事可以补充。");
      expect(c.state.pending).toMatchObject({ kind: "offer" });
    });

    it("on a no adds nothing, and offers the words as a new matter", async () => {
      world.cases.add("telegram:1001", citizenCase(OWN, { status: "in_progress" }));
      await c.say(`补充一下：${HOLE}`);
      await c.tap("不用了");
      expect(world.supplements.added).toEqual([]);
      expect(c.text).toContain("好的，没有补充。");
      expect(c.state.pending).toMatchObject({ kind: "offer", text: HOLE });
    });

    it("still warns of a danger in the words first, as for any words", async () => {
      world.cases.add("telegram:1001", citizenCase(OWN, { status: "in_progress" }));
      await c.say("补充一下：井盖没了，晚上有人掉进去了");
      expect(c.text).toContain("如果现在有危险，请先打电话求救");
      expect(c.text).toContain(`要把这段话补充到编号 ${OWN}`);
    });

    it("keeps the words asked about when storing fails, to be added on a yes later", async () => {
      world.cases.add("telegram:1001", citizenCase(OWN, { status: "in_progress" }));
      await c.say(`补充一下：${HOLE}`);
      world.supplements.failing = true;
      await c.tap("补充进去");
      expect(c.text).toContain("没能补充进去");
      expect(world.problems).toHaveLength(1);
      world.supplements.failing = false;
      await c.tap("补充进去");
      expect(world.supplements.added).toEqual([{ trackingNo: OWN, text: HOLE }]);
    });
  });

  it("asks first what the matter is for a photo alone when no case of the citizen's runs", async () => {
    world.cases.add("telegram:1001", citizenCase(OWN, { status: "answered" }));
    await c.send({ type: "photo", fileId: "photo-1" });
    expect(c.text).toBe(
      "收到照片，已经记下了，不用再发。请用文字说说是什么事，比如“小区门口的井盖没了”。",
    );
    expect(c.state.pending).toBeNull();
  });

  describe("with photos", () => {
    beforeEach(() => {
      world.cases.add("telegram:1001", citizenCase(OWN, { status: "in_progress" }));
    });

    it("keeps a photo sent after the words with them, and adds it only on the yes", async () => {
      await c.say("补充一下，我拍了照片");
      await c.send({ type: "photo", fileId: "photo-1" });
      expect(c.text).toBe(`要把这段话和 1 张照片补充到编号 ${OWN}（市政市容）吗？\n“我拍了照片”`);
      expect(world.supplements.added).toEqual([]);
      await c.tap("补充进去");
      expect(world.supplements.added).toEqual([
        { trackingNo: OWN, text: "我拍了照片", photoIds: ["photo-1"] },
      ]);
    });

    it("keeps a photo whose caption asks to add, with the caption's words", async () => {
      await c.send({ type: "photo", fileId: "photo-1", caption: `补充一下：${HOLE}` });
      expect(c.text).toBe(`要把这段话和 1 张照片补充到编号 ${OWN}（市政市容）吗？\n“${HOLE}”`);
      await c.send({ type: "photo", fileId: "photo-2" });
      await c.say("是的");
      expect(world.supplements.added).toEqual([
        { trackingNo: OWN, text: HOLE, photoIds: ["photo-1", "photo-2"] },
      ]);
    });

    it("keeps a photo sent while the words are asked for, and asks for the words again", async () => {
      await c.say("我要补充");
      await c.send({ type: "photo", fileId: "photo-1" });
      expect(c.text).toBe(
        `请说说照片上的情况（补充到编号 ${OWN}），或者点“就补充照片”，不写字也行。`,
      );
      expect(c.labels).toEqual(["就补充照片"]);
      await c.say(HOLE);
      await c.say("对");
      expect(world.supplements.added).toEqual([
        { trackingNo: OWN, text: HOLE, photoIds: ["photo-1"] },
      ]);
    });

    it("on a no keeps the photos with the words offered as a new matter", async () => {
      await c.send({ type: "photo", fileId: "photo-1", caption: `补充一下：${HOLE}` });
      await c.tap("不用了");
      expect(world.supplements.added).toEqual([]);
      expect(c.state.pending).toEqual({ kind: "offer", text: HOLE, photos: ["photo-1"] });
    });

    it("asks for the words of a photo sent alone after filing, and adds both on the yes", async () => {
      await c.send({ type: "photo", fileId: "photo-1" });
      expect(c.text).toContain("收到照片。是补充您正在办理的事吗？");
      expect(c.text).toContain(`请说说照片上的情况（补充到编号 ${OWN}）`);
      await c.send({ type: "photo", fileId: "photo-2" });
      await c.say(HOLE);
      expect(c.text).toBe(`要把这段话和 2 张照片补充到编号 ${OWN}（市政市容）吗？\n“${HOLE}”`);
      await c.tap("补充进去");
      expect(world.supplements.added).toEqual([
        { trackingNo: OWN, text: HOLE, photoIds: ["photo-1", "photo-2"] },
      ]);
    });

    it("adds a photo sent alone without words on 就补充照片, and says so", async () => {
      await c.send({ type: "photo", fileId: "photo-1" });
      expect(c.labels).toEqual(["就补充照片"]);
      await c.tap("就补充照片");
      expect(world.supplements.added).toEqual([
        { trackingNo: OWN, text: null, photoIds: ["photo-1"] },
      ]);
      expect(c.text).toBe(`已把 1 张照片补充到编号 ${OWN}（没有文字说明），办理的工作人员会看到。`);
      expect(c.labels).toContain("我要反映问题");
    });

    it.each(["就是这个", "你看看！", "是的"])(
      "takes %s, said where the photos' words are asked, as adding them without words",
      async (said) => {
        await c.send({ type: "photo", fileId: "photo-1" });
        await c.send({ type: "photo", fileId: "photo-2" });
        await c.say(said);
        expect(world.supplements.added).toEqual([
          { trackingNo: OWN, text: null, photoIds: ["photo-1", "photo-2"] },
        ]);
        expect(c.text).toContain("已把 2 张照片补充到编号");
      },
    );

    it("asks the case first with several running, then offers the photos alone", async () => {
      world.cases.add(
        "telegram:1001",
        citizenCase(OTHER_OWN, { submittedAt: new Date("2026-11-25T09:00:00+08:00") }),
      );
      await c.send({ type: "photo", fileId: "photo-1" });
      expect(c.labels).not.toContain("就补充照片");
      await c.say("就是这个");
      expect(world.supplements.added).toEqual([]);
      expect(c.text).toBe("您有几件正在办理的事，要补充到哪一件？");
      await c.tap(`补充到 ${OWN}`);
      await c.tap("就补充照片");
      expect(world.supplements.added).toEqual([
        { trackingNo: OWN, text: null, photoIds: ["photo-1"] },
      ]);
    });

    it("offers no photos-alone button when the words are asked without a photo", async () => {
      await c.say("我要补充");
      expect(c.labels).not.toContain("就补充照片");
      await c.say("就是这个");
      expect(c.text).toBe(`要把这段话补充到编号 ${OWN}（市政市容）吗？\n“就是这个”`);
    });

    it("offers a photo sent alone and the words of a new matter for filing on a no", async () => {
      await c.send({ type: "photo", fileId: "photo-1" });
      await c.say("小区门口的路灯也坏了好几天了");
      await c.tap("不用了");
      expect(world.supplements.added).toEqual([]);
      expect(c.state.pending).toEqual({
        kind: "offer",
        text: "小区门口的路灯也坏了好几天了",
        photos: ["photo-1"],
      });
    });

    it("says the photos were not kept when other words are said instead of a yes", async () => {
      await c.send({ type: "photo", fileId: "photo-1", caption: `补充一下：${HOLE}` });
      await c.say("我的事办得怎么样了");
      expect(c.text).toContain("这张照片没有保存");
      expect(world.supplements.added).toEqual([]);
    });
  });

  describe("from the case's page", () => {
    it("offers 补充到这件事 beside 撤回这件事 under a running case of the citizen's own", async () => {
      world.cases.add("telegram:1001", citizenCase(OWN, { status: "in_progress" }));
      await c.send({ type: "choice", id: `case:${OWN}` });
      expect(c.labels).toEqual(["补充到这件事", "撤回这件事"]);
      await c.tap("补充到这件事");
      expect(c.text).toBe(`请说要补充的内容（补充到编号 ${OWN}）。`);
      await c.say(HOLE);
      await c.say("对");
      expect(world.supplements.added).toEqual([{ trackingNo: OWN, text: HOLE }]);
    });

    it.each([
      ["answered", { status: "answered" as const }],
      ["withdrawn", { status: "withdrawn" as const }],
      ["only joined (附议)", { supported: true }],
    ])("offers nothing to add to under a case %s", async (_, overrides) => {
      world.cases.add("telegram:1001", citizenCase(OWN, overrides));
      await c.send({ type: "choice", id: `case:${OWN}` });
      expect(c.labels).not.toContain("补充到这件事");
    });
  });

  describe("words after filing that only add a detail", () => {
    const NOISE = "ZK-20261128-0002";
    beforeEach(() => {
      world.cases.add(
        "telegram:1001",
        citizenCase(NOISE, { status: "received", category: "environment" }),
      );
    });

    it.each(["对了 是楼上602的", "忘了说，是晚上十点以后", "还有，他们家周末白天也吵"])(
      "suggests adding %s to the running case, and adds it on 是，补充",
      async (detail) => {
        await c.say(detail);
        expect(c.text).toBe(`您说的是：“${detail}”\n要把这句话补充到 ${NOISE}（生态环境）吗？`);
        expect(c.labels).toEqual(["是，补充", "不是，这是新的事"]);
        await c.tap("是，补充");
        expect(world.supplements.added).toEqual([{ trackingNo: NOISE, text: detail }]);
        expect(world.submitter.submissions).toEqual([]);
      },
    );

    it.each(["补充进去吧", "嗯，加上", "add it"])(
      "adds the detail on %s, the addition said back as its yes",
      async (words) => {
        await c.say("对了 是楼上602的");
        await c.say(words);
        expect(world.supplements.added).toEqual([{ trackingNo: NOISE, text: "对了 是楼上602的" }]);
        expect(world.submitter.submissions).toEqual([]);
      },
    );

    it.each([
      ["能不能快点，俺家老人受不了", "要为"],
      ["麻烦抓紧给处理一下", "要为"],
      ["Please hurry, it is getting worse", "Urge"],
    ])(
      "suggests urging the running case on with %s, words that urge it (催办), the words added",
      async (urging, asked) => {
        await c.say(urging);
        expect(c.text).toContain(`${asked} ${NOISE}`);
        await c.tap(c.labels[0]!);
        expect(world.supplements.added).toEqual([{ trackingNo: NOISE, text: urging }]);
        expect(world.supplements.urged).toEqual([{ trackingNo: NOISE, ordinal: 1 }]);
      },
    );

    it("suggests adding 还有，井盖旁边的路也塌了一块 to a manhole case", async () => {
      world.cases.cases.length = 0;
      world.cases.add("telegram:1001", citizenCase(OWN, { status: "in_progress" }));
      await c.say("还有，井盖旁边的路也塌了一块");
      expect(c.text).toContain(`要把这句话补充到 ${OWN}（市政市容）吗？`);
    });

    it("starts filing the words as a new matter on 不是，这是新的事", async () => {
      await c.say("对了 是楼上602的");
      await c.tap("不是，这是新的事");
      expect(c.state.draft?.description).toBe("对了 是楼上602的");
      expect(world.supplements.added).toEqual([]);
    });

    it.each([
      ["another kind of matter", "还有，工地欠俺们工资仨月了"],
      ["another place", "对了，川汇区七一路那边也有人烧垃圾"],
      [
        "a story of its own",
        "还有就是我们小区门口那条路晚上根本没有路灯，老人孩子出门都得打手电，上个月还有人摔了",
      ],
      ["words that do not open as a detail", "今天晚上又吵到十一点"],
    ])("keeps both offers for %s", async (_, words) => {
      await c.say(words);
      expect(c.text).toContain("要作为一条新的反映，还是补充到您正在办理的事里？");
      expect(c.labels).toEqual(["作为新的反映", `补充到 ${NOISE}（生态环境）`, "不用了"]);
    });

    it("keeps both offers when the classifier cannot read the words now", async () => {
      world.classifier.failing = true;
      await c.say("对了 是楼上602的");
      expect(c.text).toContain("要作为一条新的反映，还是补充到您正在办理的事里？");
      expect(world.problems).toHaveLength(1);
    });

    it("keeps both offers when several cases run", async () => {
      world.cases.add("telegram:1001", citizenCase(OWN, { status: "in_progress" }));
      await c.say("对了 是楼上602的");
      expect(c.text).toContain("要作为一条新的反映，还是补充到您正在办理的事里？");
    });
  });

  describe("words that do not say they are an addition", () => {
    const AGAIN = "今天晚上又跳到十一点，还有人在那放鞭炮";

    it("offers them as a new matter or as an addition to the running case", async () => {
      world.cases.add("telegram:1001", citizenCase(OWN, { status: "in_progress" }));
      await c.say(AGAIN);
      expect(c.text).toBe(`您说的是：“${AGAIN}”\n要作为一条新的反映，还是补充到您正在办理的事里？`);
      expect(c.labels).toEqual(["作为新的反映", `补充到 ${OWN}（市政市容）`, "不用了"]);

      await c.tap(`补充到 ${OWN}`);
      expect(c.text).toBe(`要把这段话补充到编号 ${OWN}（市政市容）吗？\n“${AGAIN}”`);
      await c.tap("补充进去");
      expect(world.supplements.added).toEqual([{ trackingNo: OWN, text: AGAIN }]);
      expect(world.submitter.submissions).toEqual([]);
    });

    it("keeps a photo sent with them with the addition", async () => {
      world.cases.add("telegram:1001", citizenCase(OWN, { status: "in_progress" }));
      await c.send({ type: "photo", fileId: "photo-1", caption: AGAIN });
      await c.tap(`补充到 ${OWN}`);
      expect(c.text).toBe(`要把这段话和 1 张照片补充到编号 ${OWN}（市政市容）吗？\n“${AGAIN}”`);
      await c.tap("补充进去");
      expect(world.supplements.added).toEqual([
        { trackingNo: OWN, text: AGAIN, photoIds: ["photo-1"] },
      ]);
    });

    it("files them as a new matter on 作为新的反映", async () => {
      world.cases.add("telegram:1001", citizenCase(OWN, { status: "in_progress" }));
      await c.say(AGAIN);
      await c.tap("作为新的反映");
      expect(c.state.draft?.description).toBe(AGAIN);
      expect(world.supplements.added).toEqual([]);
    });

    it("takes a bare 补充 as adding them to the case offered", async () => {
      world.cases.add("telegram:1001", citizenCase(OWN, { status: "in_progress" }));
      await c.say(AGAIN);
      await c.say("补充");
      expect(c.text).toBe(`要把这段话补充到编号 ${OWN}（市政市容）吗？\n“${AGAIN}”`);
    });

    it("keeps words said after them with them, and the cases offered", async () => {
      world.cases.add("telegram:1001", citizenCase(OWN, { status: "in_progress" }));
      await c.say(AGAIN);
      await c.say("吵得睡不着");
      expect(c.state.pending).toMatchObject({ kind: "offer", text: `${AGAIN}\n吵得睡不着` });
      expect(c.labels).toContain(`补充到 ${OWN}（市政市容）`);
    });

    it("offers the newest two of several running cases", async () => {
      world.cases.add("telegram:1001", citizenCase(OWN));
      world.cases.add(
        "telegram:1001",
        citizenCase(OTHER_OWN, { submittedAt: new Date("2026-11-25T09:00:00+08:00") }),
      );
      world.cases.add(
        "telegram:1001",
        citizenCase("ZK-20261101-0001", { submittedAt: new Date("2026-11-01T09:00:00+08:00") }),
      );
      await c.say(AGAIN);
      expect(c.labels).toEqual([
        "作为新的反映",
        `补充到 ${OTHER_OWN}（市政市容）`,
        `补充到 ${OWN}（市政市容）`,
        "不用了",
      ]);
    });

    it.each([
      ["answered", { status: "answered" as const }],
      ["only joined (附议)", { supported: true }],
    ])("offers them for filing alone beside a case %s", async (_, overrides) => {
      world.cases.add("telegram:1001", citizenCase(OWN, overrides));
      await c.say(AGAIN);
      expect(c.text).toContain("要把这件事作为一条新的反映吗？");
      expect(c.labels).toEqual(["是，开始反映", "不用了"]);
    });
  });

  describe("a typed answer to 作为新的反映，还是补充到…？", () => {
    const AGAIN = "今天晚上又跳到十一点，还有人在那放鞭炮";
    const ADD_ASKED = `要把这段话补充到编号 ${OWN}（市政市容）吗？\n“${AGAIN}”`;

    beforeEach(() => {
      world.cases.add("telegram:1001", citizenCase(OWN, { status: "in_progress" }));
    });

    it.each([
      "补充",
      "补充进去",
      "补充到原来那个里",
      "加到上次那个里",
      "是上次那件事",
      "就是原来那个事吧",
    ])("takes %s as adding the words to the one case offered", async (answer) => {
      await c.say(AGAIN);
      await c.say(answer);
      expect(c.text).toBe(ADD_ASKED);
      await c.say("是的");
      expect(world.supplements.added).toEqual([{ trackingNo: OWN, text: AGAIN }]);
      expect(world.submitter.submissions).toEqual([]);
    });

    it.each(["补充到原来那个里", "是上次那件事"])(
      "asks which case %s means when two are offered, never guessing",
      async (answer) => {
        world.cases.add(
          "telegram:1001",
          citizenCase(OTHER_OWN, {
            category: "environment",
            submittedAt: new Date("2026-11-25T09:00:00+08:00"),
          }),
        );
        await c.say(AGAIN);
        await c.say(answer);
        expect(c.text).toBe("您有几件正在办理的事，要补充到哪一件？");
        expect(c.labels).toEqual([`补充到 ${OTHER_OWN}（生态环境）`, `补充到 ${OWN}（市政市容）`]);
        expect(c.state.pending).toMatchObject({ kind: "supplement", text: AGAIN });
      },
    );

    it.each(["对", "是的", "好", "嗯嗯"])(
      "asks again which way on a bare %s, with the buttons, the words unchanged",
      async (answer) => {
        await c.say(AGAIN);
        const offered = c.state.pending;
        await c.say(answer);
        expect(c.text).toBe(`请点一下：作为新的反映，还是补充到 ${OWN}？`);
        expect(c.labels).toEqual(["作为新的反映", `补充到 ${OWN}（市政市容）`, "不用了"]);
        expect(c.state.pending).toEqual(offered);
        expect(c.state.draft).toBeNull();
      },
    );

    it("names both cases when asking again which way", async () => {
      world.cases.add(
        "telegram:1001",
        citizenCase(OTHER_OWN, { submittedAt: new Date("2026-11-25T09:00:00+08:00") }),
      );
      await c.say(AGAIN);
      await c.say("对");
      expect(c.text).toBe(`请点一下：作为新的反映，还是补充到 ${OTHER_OWN} 或 ${OWN}？`);
      expect(c.labels).toHaveLength(4);
    });

    it.each(["新的", "新反映", "另外一件事", "不是一回事", "作为新的反映"])(
      "starts a new report with the words on %s",
      async (answer) => {
        await c.say(AGAIN);
        await c.say(answer);
        expect(c.state.draft?.description).toBe(AGAIN);
        expect(world.supplements.added).toEqual([]);
      },
    );

    it.each(["不用了", "算了"])("declines on %s", async (answer) => {
      await c.say(AGAIN);
      await c.say(answer);
      expect(c.text).toBe("好的。有需要随时找我。");
      expect(c.state.pending).toBeNull();
      expect(c.state.draft).toBeNull();
    });

    it("keeps a yes a yes where the words are offered only as a new report", async () => {
      world.cases.cases.length = 0;
      await c.say(AGAIN);
      expect(c.labels).toEqual(["是，开始反映", "不用了"]);
      await c.say("对");
      expect(c.state.draft?.description).toBe(AGAIN);
    });

    describe("in English", () => {
      const FIRECRACKERS = "The neighbours set off firecrackers again until eleven tonight";
      beforeEach(async () => {
        await c.command("lang", "en");
        await c.say(FIRECRACKERS);
        expect(c.text).toContain(
          "Shall I start a new report with this, or add it to a report in progress?",
        );
      });

      it("asks again which way on a bare yes", async () => {
        await c.say("yes");
        expect(c.text).toBe(`Please tap one: a new report, or add it to ${OWN}?`);
        expect(c.labels).toEqual([
          "File as a new report",
          `Add to ${OWN} (City streets and public spaces)`,
          "No, thanks",
        ]);
      });

      it.each(["add it to the last one", "add it", "the same one"])(
        "takes %s as adding the words",
        async (answer) => {
          await c.say(answer);
          expect(c.text).toBe(
            `Add this to no. ${OWN} (City streets and public spaces)?\n"${FIRECRACKERS}"`,
          );
        },
      );

      it.each(["new one", "a new report", "it's a different matter"])(
        "starts a new report on %s",
        async (answer) => {
          await c.say(answer);
          expect(c.state.draft?.description).toBe(FIRECRACKERS);
        },
      );
    });
  });

  it("within a draft, leaves 补充 to the draft as before", async () => {
    world.cases.add("telegram:1001", citizenCase(OWN, { status: "in_progress" }));
    await c.send({ type: "choice", id: "menu:file" });
    await c.say(`补充一下：${HOLE}`);
    expect(c.state.draft?.description).toBe(`补充一下：${HOLE}`);
    expect(c.state.pending).toBeNull();
    expect(c.text).not.toContain("补充到编号");
  });

  it("speaks English to an English-speaking citizen", async () => {
    await c.command("lang", "en");
    world.cases.add("telegram:1001", citizenCase(OWN, { status: "in_progress" }));
    await c.say("I want to add something to my complaint: the hole is deeper now");
    expect(c.text).toBe(
      `Add this to no. ${OWN} (City streets and public spaces)?\n"the hole is deeper now"`,
    );
    await c.tap("Yes, add it");
    expect(c.text).toBe(`Added to no. ${OWN}; the staff handling it will see it.`);
  });

  describe("words that tell of more people affected (群体诉求)", () => {
    it("tells the citizen the addition was recorded with the larger number", async () => {
      world.cases.add("telegram:1001", citizenCase(OWN, { status: "in_progress" }));
      world.supplements.grownTo = { count: { atLeast: 20, unit: "households" }, whole: null };
      await c.say("补充一下：现在又多了二十多户也这样");
      await c.tap("补充进去");
      expect(c.text).toBe(
        `已补充到编号 ${OWN}，办理的工作人员会看到。\n已按您补充的情况更新涉及人数：约 20 户以上。`,
      );
    });

    it("says it in English, the whole building named", async () => {
      await c.command("lang", "en");
      world.cases.add("telegram:1001", citizenCase(OWN, { status: "in_progress" }));
      world.supplements.grownTo = { count: { atLeast: 60, unit: "households" }, whole: "building" };
      await c.say("I want to add something to my complaint: the whole building, 60 households");
      await c.tap("Yes, add it");
      expect(c.text).toBe(
        `Added to no. ${OWN}; the staff handling it will see it.\n` +
          "The number of people affected is now recorded as: whole building, 60+ households.",
      );
    });
  });

  it.each([
    [`补充一下：${HOLE}`, HOLE],
    ["补充一下井盖旁边还有个大坑", "井盖旁边还有个大坑"],
    ["我再补充一点", null],
    ["还有个情况要说", null],
    ["补充到我的投诉：路灯还是不亮", "路灯还是不亮"],
    ["I want to add something to my complaint: the hole is deeper now", "the hole is deeper now"],
    ["补充到原来那个里", null],
    ["补充进去", null],
    ["补充到上次那个投诉里：路灯还是不亮", "路灯还是不亮"],
    ["加到上次那个里", null],
    ["加到之前那件事里：井盖还没盖上", "井盖还没盖上"],
    ["add it to the last one", null],
  ])("reads %s as asking to add", (text, words) => {
    expect(asksToSupplement(text)).toEqual({ words });
  });

  it.each([
    "需要补充材料吗",
    "补充材料要交到哪里",
    "还有个大坑没人管",
    "路灯坏了",
    "加到三千了还不给",
    "放在这个小区门口的垃圾没人管",
  ])("reads %s as no ask to add", (text) => {
    expect(asksToSupplement(text)).toBeNull();
  });
});
