/**
 * Questions to the service are answered, not filed. A citizen asks how the service works — after
 * filing, or in the middle of it: "要多久才有结果", "转给哪个部门了", "能不能不留名字", "要花钱吗",
 * "不满意怎么办", "能打电话吗", "我们八个人都是一个村的，他们也要登记吗", "How long will it take?".
 * The answer is the product's own facts (the 条例's periods, anonymity and masking as the product
 * does them, free of charge, 附议) with, after filing, the citizen's own case where it applies
 * (its number, its unit once routed, its due date); then they are back where they were: the
 * draft's question asked again, nothing lost; after filing nothing else changes. Words that tell
 * a matter besides the question are still offered for filing, and a complaint shaped like a
 * question ("为什么路灯一直不修?") is a complaint.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { createIntakeEngine } from "../../../src/domain/intake/engine.ts";
import { serviceQuestionIn } from "../../../src/domain/intake/service-questions.ts";
import {
  atTheTimeQuestion,
  Conversation,
  citizenCase,
  createWorld,
  demoDirectory,
  type World,
} from "./fakes.ts";

const WAGES = "ZK-20261120-0007";
const OFFERED = "要把这件事作为一条新的反映吗";
const OFFERED_OR_ADDED = "要作为一条新的反映，还是补充到您正在办理的事里";

describe("the reader of questions to the service", () => {
  it.each([
    ["要多久才有结果", "duration"],
    ["多久能处理", "duration"],
    ["请问处理一般要多长时间？", "duration"],
    ["How long will it take?", "duration"],
    ["多久能拿到钱", "duration"],
    ["俺们的工钱啥时候能要回来？", "duration"],
    ["When will I get my money?", "duration"],
    ["谁来处理我的事", "handler"],
    ["转给哪个部门了", "handler"],
    ["能不能不留名字", "privacy"],
    ["会不会泄露我的信息", "privacy"],
    ["不留电话可以吗", "privacy"],
    ["Can I stay anonymous?", "privacy"],
    ["能不能只留电话", "privacy"],
    ["只留个手机号行不行", "privacy"],
    ["Can I just leave my phone number?", "privacy"],
    ["俺怕他知道是俺告的", "privacy"],
    ["我怕被打击报复", "privacy"],
    ["我怕他报复我，他会知道是我举报的吗", "privacy"],
    ["村支书会不会知道是俺告的", "privacy"],
    ["会不会让他知道是我反映的？", "privacy"],
    ["他会不会报复我", "privacy"],
    ["学校会知道是我反映的吗？怕孩子受欺负", "privacy"],
    ["老师会不会给俺孩子穿小鞋", "privacy"],
    ["物业会知道是我投诉的吗", "privacy"],
    ["你们会不会告诉他是我举报的", "privacy"],
    ["你们会告诉他是我举报的吗？", "privacy"],
    ["会不会把我的名字告诉村支书", "privacy"],
    ["你们不会告诉村支书吧", "privacy"],
    ["千万别告诉他是我说的", "privacy"],
    ["能不能别让他知道是我", "privacy"],
    ["要花钱吗", "cost"],
    ["收费吗？", "cost"],
    ["Is it free?", "cost"],
    ["不满意怎么办", "dissatisfied"],
    ["还能再反映吗", "dissatisfied"],
    ["能打电话吗", "by_phone"],
    ["俺不会打字，能说话不", "by_voice"],
    ["能发语音吗", "by_voice"],
    ["可以语音吗？", "by_voice"],
    ["不会打字怎么办", "by_voice"],
    ["Can I send a voice message?", "by_voice"],
    ["我们八个人都是一个村的，他们也要登记吗", "others"],
    ["好的，那他们需要一起来登记吗", "others"],
    ["俺那几个工友也要登记不", "others"],
    ["谁能看到我的名字", "privacy"],
    ["Who will see my name?", "privacy"],
    ["打电话能反映吗", "by_phone"],
    ["能打12345吗", "by_phone"],
    ["Can I call 12345?", "by_phone"],
    ["你们是政府的吗？", "who"],
    ["你们是哪里的", "who"],
    ["你是机器人吗", "who"],
    ["你是人还是机器", "who"],
    ["Is this the government?", "who"],
    ["Are you a robot?", "who"],
    ["我们楼里好几家都是一个小区的，他们也要登记吗", "others"],
    ["我要找人工", "human"],
    ["转人工", "human"],
    ["能不能让我跟真人说话", "human"],
    ["能不能让我跟真人说话，机器人听不懂", "human"],
    ["I want to talk to a real person", "human"],
    ["我要找领导", "leader"],
    ["叫你们领导出来", "leader"],
    ["俺要见县长", "leader"],
    ["I want to speak to the person in charge", "leader"],
    ["能不能派人上门来看看", "on_site"],
    ["can someone come and check it today?", "on_site"],
    ["你们能不能来现场看一下", "on_site"],
    ["会有人来看吗", "on_site"],
    ["Can someone come and have a look?", "on_site"],
    // A call back asked for, the number after it telling nothing of a matter.
    ["我不会打字，你们给我打个电话吧，13838383838", "by_phone"],
    ["麻烦给俺回个电话", "by_phone"],
    ["Can you call me back?", "by_phone"],
    ["俺不会打字", "by_voice"],
    ["你们几点下班", "hours"],
    ["晚上也能反映吗", "hours"],
    ["周末有人处理吗", "hours"],
    ["Are you open at night?", "hours"],
    ["物业的事你们管不管", "scope"],
    ["这种事能在这里反映吗？", "scope"],
    ["拆迁方面的问题归不归你们管", "scope"],
    ["你们管不管物业的事", "scope"],
    ["这个事你们管不管啊", "scope"],
    ["你们到底管不管？", "scope"],
    ["这个你们能管吗", "scope"],
    ["请问该找谁", "scope"],
    ["Do you handle noise complaints?", "scope"],
    ["Can I report a landlord here?", "scope"],
  ])("reads %s as a question of the service (%s), said alone", (text, topic) => {
    expect(serviceQuestionIn(text)).toEqual({ topic, alone: true });
  });

  it.each([
    "为什么路灯一直不修?",
    "路灯坏了三个月了，要多久才能修好？",
    "啥时候能给俺们钱啊",
    "老板啥时候给钱",
    "还要等多久？",
    "我的事办得怎么样了",
    "老板欠了工资不给钱",
    "电话",
    "俺家老头说话不利索，低保给停了",
    "他怕老板不给钱",
    "领导不管",
    "我找过领导了，没人管",
    "来看看俺村这条路",
    "13838383838",
    "周末工地还在施工，吵得睡不着",
    "他们晚上几点下班都不让我们走",
    "物业不管",
    // The days just past, an answer to the time question.
    "这几天",
    "前几天",
    "最近几天",
    "这种事到底有没有人管",
  ])("reads no question of the service in %s", (text) => {
    expect(serviceQuestionIn(text)).toBeNull();
  });

  it.each([
    ["工地老板欠了我们八个人三个月工资，要多久才有结果", "duration"],
    ["我们小区的路灯坏了，他们也要登记吗", "others"],
    ["我要举报村支书收礼，能不能不留名字", "privacy"],
    // Asked first, the matter after it.
    ["会不会让老板知道是我举报的？他欠俺两个月工资了", "privacy"],
    ["能匿名吗？俺要举报村支书贪污低保款", "privacy"],
    ["我要举报我们村的村支书，他把低保给他亲戚了，你们会不会告诉他是我举报的", "privacy"],
    ["Will my boss find out if I report him? He hasn't paid me for two months", "privacy"],
    ["要多久？路灯坏了一个多月了", "duration"],
  ])("reads %s as a question told with a matter", (text, topic) => {
    expect(serviceQuestionIn(text)).toEqual({ topic, alone: false });
  });
});

describe("questions to the service are answered, not filed", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    world = await createWorld();
    c = new Conversation(world, "telegram:1001");
  });

  describe("after filing", () => {
    it("tells the migrant worker that the others may file their own or join his case (附议)", async () => {
      world.cases.add(
        "telegram:1001",
        citizenCase(WAGES, {
          category: "labor",
          acceptanceDueAt: new Date("2026-12-05T23:59:59+08:00"),
        }),
      );
      await c.say("我们八个人都是一个村的，他们也要登记吗");
      expect(c.text).toContain("每个人都可以在这里自己反映");
      expect(c.text).toContain("是同一个问题（附议）");
      expect(c.text).toContain(`您这件事的编号是 ${WAGES}，请他们反映时说清是同一个地点。`);
      expect(c.text).not.toContain("新的反映，还是补充");
      expect(c.state.pending).toBeNull();
      expect(c.labels).toContain("我要反映问题");
      expect(world.submitter.submissions).toEqual([]);
    });

    it.each([
      ["要多久才有结果", "收到后 15 天内决定是否受理；受理后 60 天内办结并答复"],
      ["多久能处理", "最多 30 天"],
      ["谁来处理我的事", "按属地管理、分级负责转给负责的部门办理"],
      ["转给哪个部门了", "在“查看我反映过的事”里能看到"],
      ["能不能不留名字", "问到联系方式时点“匿名反映”就行"],
      ["能不能只留电话", "也可以只留电话、不留名字，问到怎么称呼时点“不留姓名”"],
      ["会不会泄露我的信息", "您的姓名、电话、身份证号都会遮住"],
      ["要花钱吗", "不收任何费用"],
      ["不满意怎么办", "答复后 30 天内可以申请复查"],
      ["还能再反映吗", "随时可以再反映"],
      ["能打电话吗", "不方便打字也可以发语音"],
      ["俺不会打字，能说话不", "按住输入框旁边的话筒按钮说"],
      ["谁能看到我的名字", "留下的姓名和电话只给登记转办的工作人员看"],
      ["你们是政府的吗", "这里是周口市群众诉求服务（12345）的网上反映渠道。我是自动回复的助手"],
      ["你是机器人吗", "您反映的事由工作人员登记，转给负责的政府部门办理"],
      ["我要找领导", "和写信、到信访部门当面反映一样，都会登记"],
      ["能不能派人上门来看看", "负责的单位需要时会到现场查看"],
    ])(
      "answers %s with the service's facts, and offers nothing to file",
      async (question, fact) => {
        await c.say(question);
        expect(c.text).toContain(fact);
        expect(c.text).not.toContain("新的反映");
        expect(c.state.pending).toBeNull();
        expect(c.state.draft).toBeNull();
      },
    );

    it("gives a received case's number and the day acceptance is decided by", async () => {
      world.cases.add(
        "telegram:1001",
        citizenCase(WAGES, { acceptanceDueAt: new Date("2026-12-05T23:59:59+08:00") }),
      );
      await c.say("要多久才有结果？");
      expect(c.text).toContain(
        `您的事（编号 ${WAGES}）正在等待受理，最晚 2026年12月5日 前决定是否受理。`,
      );
      await c.say("转给哪个部门了");
      expect(c.text).toContain(`您的事（编号 ${WAGES}）还没有转给办理单位。`);
    });

    it("gives a routed case's unit and the day its answer is due by", async () => {
      world.cases.add(
        "telegram:1001",
        citizenCase(WAGES, {
          status: "in_progress",
          category: "labor",
          unitName: "川汇区人力资源和社会保障局",
          answerDueAt: new Date("2027-01-20T23:59:59+08:00"),
        }),
      );
      await c.say("多久能处理");
      expect(c.text).toContain(
        `您的事（编号 ${WAGES}）（办理单位：川汇区人力资源和社会保障局）正在办理，最晚 2027年1月20日 前答复。`,
      );
      await c.say("谁来处理我的事");
      expect(c.text).toContain(`您的事（编号 ${WAGES}）现在由川汇区人力资源和社会保障局办理。`);
    });

    it("tells a citizen whose case is answered that they may rate it and ask for review", async () => {
      world.cases.add("telegram:1001", citizenCase(WAGES, { status: "answered" }));
      await c.say("不满意怎么办？");
      expect(c.text).toContain(`您的事（编号 ${WAGES}）已经答复了，可以在答复消息下面评价。`);
      expect(world.ratings.ratings).toEqual([]);
      expect(c.state.pending).toBeNull();
    });

    describe("tells an answered case's last day to ask for a review", () => {
      const answered = (reviewRequest: { stage: 1 | 2; lastDay: Date; open: boolean }) =>
        world.cases.add("telegram:1001", citizenCase(WAGES, { status: "answered", reviewRequest }));
      const DEC_28 = new Date("2026-12-28T23:59:59.999+08:00");

      it("复查, until the window's last day", async () => {
        answered({ stage: 1, lastDay: DEC_28, open: true });
        await c.say("不满意怎么办？");
        expect(c.text).toContain(
          `您的事（编号 ${WAGES}）已经答复了，可以在答复消息下面评价；对答复不服的，最晚 2026年12月28日 前可以申请复查。`,
        );
      });

      it("复核, after the review's answer", async () => {
        answered({ stage: 2, lastDay: DEC_28, open: true });
        await c.say("我可以申请复核吗");
        expect(c.text).toContain("对复查意见不服的，最晚 2026年12月28日 前可以申请复核。");
      });

      it("and that the day has passed, once it has", async () => {
        answered({ stage: 1, lastDay: new Date("2026-11-30T23:59:59.999+08:00"), open: false });
        await c.say("对结果不满意怎么办");
        expect(c.text).toContain("申请复查的期限（2026年11月30日）已经过了。");
        expect(c.text).not.toContain("前可以申请复查");
      });

      it("in English", async () => {
        answered({ stage: 1, lastDay: DEC_28, open: true });
        await c.say("What if I'm not satisfied with the answer?");
        expect(c.text).toContain(
          `Your report ${WAGES} has been answered: you can rate it under the answer; if you do not accept it, ask for a review by 28 December 2026.`,
        );
      });
    });

    it("tells who answers here, in English when asked in English", async () => {
      await c.say("Is this the government?");
      expect(c.text).toContain(
        "This is the online channel of the Zhoukou citizen service (12345).",
      );
      expect(c.text).toContain("I am an automatic assistant");
      expect(c.state.pending).toBeNull();
    });

    it("names the city of the directory in service, not the demo city", async () => {
      const luohe = { ...(await demoDirectory()), city: "漯河市", cityEn: "Luohe" };
      const citizen = new Conversation(await createWorld(luohe), "telegram:2002");
      await citizen.command("start");
      expect(citizen.text).toContain("您好！这里是漯河市群众诉求服务（12345）。");
      await citizen.say("你们是哪里的");
      expect(citizen.text).toContain("这里是漯河市群众诉求服务（12345）的网上反映渠道");
      await citizen.say("Who are you?");
      expect(citizen.text).toContain("This is the online channel of the Luohe citizen service");
      expect(citizen.text).not.toContain("周口");
    });

    it("answers in English when asked in English", async () => {
      await c.say("How long will it take?");
      expect(c.state.locale).toBe("en");
      expect(c.text).toContain("within 15 days of receipt we decide whether to accept it");
      expect(c.text).toContain("answered within 60 days");
    });

    it("asks the question pending before again: words offered for filing stay offered", async () => {
      await c.say("小区门口的垃圾好几天没人清了");
      expect(c.text).toContain(OFFERED);
      await c.say("要花钱吗");
      expect(c.text).toContain("不收任何费用");
      expect(c.last.at(-1)?.text).toContain(OFFERED);
      expect(c.state.pending).toMatchObject({
        kind: "offer",
        text: "小区门口的垃圾好几天没人清了",
      });
    });
  });

  describe("with the operator's hotline (SERVICE_PHONE)", () => {
    let withHotline: Conversation;
    beforeEach(() => {
      const engine = createIntakeEngine({ ...world.deps, servicePhone: "12345" });
      withHotline = new Conversation({ ...world, engine });
    });

    it.each(["能打电话吗", "你们电话是多少？", "有热线吗", "可以给你们打电话反映吗"])(
      "tells the hotline to %s, besides writing here",
      async (question) => {
        await withHotline.say(question);
        expect(withHotline.text).toContain("可以打 12345 热线电话反映。在这里直接用文字说也一样");
        expect(withHotline.text).toContain("报警 110，火警 119，急救 120");
        expect(withHotline.text).not.toContain("不能打电话");
        expect(withHotline.state.pending).toBeNull();
      },
    );

    it("answers a call back asked for with the hotline and voice, offering nothing to file", async () => {
      await withHotline.say("我不会打字，你们给我打个电话吧，13838383838");
      expect(withHotline.text).toContain("可以打 12345 热线电话反映");
      expect(withHotline.text).toContain("不方便打字可以发语音");
      expect(withHotline.text).not.toContain(OFFERED);
      expect(withHotline.state.pending).toBeNull();
    });

    it("tells a matter of any kind may be reported here, and what goes to a court instead", async () => {
      await withHotline.say("物业的事你们管不管？");
      expect(withHotline.text).toContain("可以在这里反映。各类问题都可以说");
      expect(withHotline.text).toContain("依法应当通过诉讼、仲裁、行政复议解决的事");
      expect(withHotline.text).not.toContain(OFFERED);

      await withHotline.say("孩子在学校被同学打了好几次，老师也不管，该找谁");
      expect(withHotline.text).toContain("可以在这里反映");
      expect(withHotline.text).toContain(OFFERED);
    });

    it("tells when one may report: at any hour, the periods counted from receipt", async () => {
      await withHotline.say("你们几点下班？");
      expect(withHotline.text).toContain("这里白天晚上、周末节假日都能反映");
      expect(withHotline.text).not.toContain(OFFERED);
    });

    it("tells it in English when asked in English", async () => {
      await withHotline.say("Is there a hotline I can call?");
      expect(withHotline.text).toContain("Yes: you can also call the hotline, 12345.");
    });

    it("tells it in the middle of filing, and asks the draft's question again", async () => {
      await atTheTimeQuestion(withHotline);
      await withHotline.say("能打电话吗");
      expect(withHotline.last[0]?.text).toContain("可以打 12345 热线电话反映");
      expect(withHotline.state.step).toBe("time");
    });
  });

  describe("in the middle of filing", () => {
    it("answers, then asks the draft's question again, the draft kept", async () => {
      await atTheTimeQuestion(c);
      const draft = c.state.draft;
      await c.say("要花钱吗？");
      expect(c.last[0]?.text).toContain("不收任何费用");
      expect(c.last.at(-1)?.text).toContain("什么时候");
      expect(c.state.step).toBe("time");
      expect(c.state.draft).toEqual(draft);
    });

    it("answers whether the matter is handled here at the place question, not taking it as the place", async () => {
      await c.command("new");
      await c.say("小区门口的路灯坏了一个多月了，晚上黑乎乎的");
      await c.tap("对，就是这个");
      expect(c.state.step).toBe("place");
      await c.say("这个事你们管不管啊");
      expect(c.last[0]?.text).not.toContain("哪个县区");
      expect(c.last.at(-1)?.text).toContain("发生在哪里");
      expect(c.state.step).toBe("place");
      expect(c.state.draft?.address).toBeNull();
    });

    it("speaks of the draft, not of an earlier case, when asked how long", async () => {
      world.cases.add("telegram:1001", citizenCase(WAGES));
      await atTheTimeQuestion(c);
      await c.say("要多久才有结果");
      expect(c.text).toContain("收到后 15 天内决定是否受理");
      expect(c.text).not.toContain(WAGES);
      expect(c.state.step).toBe("time");
    });

    it("tells a worker asking when the money comes the periods, not adding the question to the matter", async () => {
      await atTheTimeQuestion(c);
      await c.say("前天下午");
      const description = c.state.draft?.description;
      await c.say("多久能拿到钱");
      expect(c.text).toContain("受理后 60 天内办结并答复");
      expect(c.state.step).toBe("photos");
      expect(c.state.draft?.description).toBe(description);
    });

    it("answers whether a name must be left at the contact question, and asks it again", async () => {
      await atTheTimeQuestion(c);
      await c.say("前天下午");
      await c.tap("没有照片");
      expect(c.state.step).toBe("contact");
      await c.say("能不能不留名字");
      expect(c.last[0]?.text).toContain("问到联系方式时点“匿名反映”就行");
      expect(c.labels).toContain("匿名反映");
      expect(c.state.step).toBe("contact");
      expect(c.state.draft?.contact).toBeNull();
    });

    it("answers a fear with a phone-only question at the contact question (我不敢留名字…能不能只留电话)", async () => {
      await atTheTimeQuestion(c);
      await c.say("前天下午");
      await c.tap("没有照片");
      await c.say("我不敢留名字，怕他报复，能不能只留电话");
      expect(c.last[0]?.text).toContain("也可以只留电话、不留名字");
      expect(c.state.step).toBe("contact");
      await c.say("13912345678");
      await c.tap("不留姓名");
      expect(c.state.draft?.contact).toEqual({ kind: "named", phone: "13912345678", name: null });
    });

    it("answers a parent's fear of the school with its reason said after it (学校会知道是我反映的吗？怕孩子受欺负)", async () => {
      await atTheTimeQuestion(c);
      await c.say("前天下午");
      await c.tap("没有照片");
      await c.say("学校会知道是我反映的吗？怕孩子受欺负");
      expect(c.last[0]?.text).toContain("您的姓名、电话、身份证号都会遮住");
      expect(c.state.step).toBe("contact");
      expect(c.state.draft?.contact).toBeNull();
    });

    it.each([
      "我不留名字，电话13912345678",
      "不想留名字 13912345678",
      "匿名吧，有事打13912345678",
      "I don't want to give my name, my number is 13912345678",
    ])(
      "keeps the number of %s without a name, and asks none: a number given is never lost",
      async (answer) => {
        await atTheTimeQuestion(c);
        await c.say("前天下午");
        await c.tap("没有照片");
        await c.say(answer);
        expect(c.state.draft?.contact).toEqual({
          kind: "named",
          phone: "13912345678",
          name: null,
        });
        expect(c.state.step).toBe("summary");
      },
    );

    it("files anonymously when no number is given with the words (不留了)", async () => {
      await atTheTimeQuestion(c);
      await c.say("前天下午");
      await c.tap("没有照片");
      await c.say("不留了");
      expect(c.state.draft?.contact).toEqual({ kind: "anonymous" });
    });
  });

  describe("complaints that look like questions stay complaints", () => {
    it.each([
      "为什么路灯一直不修?",
      "路灯坏了三个月了，要多久才能修好？",
      "老板欠了工资不给钱，谁管啊",
    ])("offers %s for filing, with no answer of the service", async (complaint) => {
      await c.say(complaint);
      expect(c.text).toContain(OFFERED);
      expect(c.text).not.toContain("按《信访工作条例》");
      expect(c.text).not.toContain("不收任何费用");
    });

    it("answers a question told with a matter, and still offers the matter for filing", async () => {
      world.cases.add(
        "telegram:1001",
        citizenCase(WAGES, { status: "accepted", category: "labor" }),
      );
      await c.say("工地老板欠了我们八个人三个月工资，要多久才有结果");
      expect(c.last[0]?.text).toContain("收到后 15 天内决定是否受理");
      expect(c.last.at(-1)?.text).toContain(OFFERED_OR_ADDED);
      expect(c.state.pending).toMatchObject({
        kind: "offer",
        text: "工地老板欠了我们八个人三个月工资，要多久才有结果",
      });
    });

    it("answers a question asked before the matter, and still offers the matter for filing", async () => {
      await c.say("会不会让老板知道是我举报的？他欠俺两个月工资了，一分钱都不给");
      expect(c.last[0]?.text).toMatch(/不会|不告诉|不会告诉/u);
      expect(c.state.pending).toMatchObject({ kind: "offer" });
    });

    it("answers a report's question of anonymity and starts filing the report", async () => {
      await c.say("我要举报村支书收礼，能不能不留名字");
      expect(c.last[0]?.text).toContain("问到联系方式时点“匿名反映”就行");
      expect(c.state.draft?.description).toBe("我要举报村支书收礼，能不能不留名字");
    });

    it("tells a citizen afraid the reported will be told who it was that they will not, before filing", async () => {
      await c.say("我要举报我们村的村支书，他把低保给他亲戚了，你们会不会告诉他是我举报的");
      expect(c.last[0]?.text).toMatch(/不会|不告诉|不会告诉/u);
      expect(c.state.draft?.description).toBe(
        "我要举报我们村的村支书，他把低保给他亲戚了，你们会不会告诉他是我举报的",
      );
    });
  });
});
