/**
 * Ordinary replies, as citizens write them: how long it has lasted as the answer to
 * the time question, a question about their cases in the middle of filing, a greeting.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { loadCalendar } from "../../../src/calendar/load-calendar.ts";
import { createIntakeEngine } from "../../../src/domain/intake/engine.ts";
import { createOccurredAtParser } from "../../../src/domain/intake/occurred-at.ts";
import { restoreDialogueState, type DialogueState } from "../../../src/domain/intake/state.ts";
import {
  acceptedWageCase,
  atTheTimeQuestion,
  citizenCase,
  Conversation,
  createWorld,
  type World,
} from "./fakes.ts";

/** At the name question of a complaint with a phone number. */
async function atTheNameQuestion(c: Conversation): Promise<void> {
  await atTheTimeQuestion(c);
  await c.say("昨天");
  await c.say("没有照片");
  await c.say("13812345678");
  expect(c.state.step).toBe("contact_name");
}

describe("the time question answered as citizens do", () => {
  let c: Conversation;
  beforeEach(async () => {
    c = new Conversation(await createWorld());
  });

  it.each([
    ["一个星期了", "2026-11-21"],
    ["半个月", "2026-11-13"],
    ["前几天", "2026-11-25"],
    ["上礼拜", "2026-11-21"],
    ["好几天了", "2026-11-25"],
    ["昨天晚上", "2026-11-27"],
    ["最近一周每天晚上", "2026-11-21"],
    ["这学期开学以后", "2026-09-01"],
    ["开学以后", "2026-09-01"],
    ["过年以后", "2026-02-17"],
    ["国庆节过后", "2026-10-01"],
    ["上个月底", "2026-10-31"],
    ["上周末", "2026-11-21"],
    ["最近几天", "2026-11-25"],
    ["这一个多星期", "2026-11-21"],
    ["中秋节那天", "2026-09-25"],
    ["中秋前后", "2026-09-25"],
    ["中秋节那天晚上", "2026-09-25"],
    ["端午节晚上", "2026-06-19"],
    ["端午节以后", "2026-06-19"],
    ["元宵节过后", "2026-03-03"],
    ["过年前", "2026-02-16"],
    ["年后", "2026-02-17"],
    ["春节前后", "2026-02-17"],
    ["清明前后", "2026-04-05"],
    ["国庆前后", "2026-10-01"],
    ["国庆节那天", "2026-10-01"],
    ["立冬以后", "2026-11-07"],
    ["冬至那天", "2025-12-21"],
    ["立秋后", "2026-08-07"],
    ["月初", "2026-11-01"],
    ["上旬", "2026-11-01"],
    ["中旬", "2026-11-11"],
    ["下旬", "2026-11-21"],
    ["月底", "2026-10-31"],
    ["去年夏天", "2025-06-01"],
    ["今年春天", "2026-03-01"],
  ])("takes %s and moves on", async (answer, date) => {
    await atTheTimeQuestion(c);
    await c.say(answer);
    expect(c.text).not.toContain("没看懂");
    expect(c.state.step).toBe("photos");
    expect(c.state.draft?.occurredAt).toMatchObject({ date });
  });

  it.each(["天天都这样", "每天晚上", "天天晚上都这样", "每天晚上十点以后", "一到晚上就这样"])(
    "takes %s as going on until now, with no day for its start",
    async (answer) => {
      await atTheTimeQuestion(c);
      await c.say(answer);
      expect(c.state.step).toBe("photos");
      expect(c.state.draft?.occurredAt).toEqual({ unknown: true, text: answer, ongoing: true });
    },
  );

  it("shows a time that goes on until now on the English summary as going on", async () => {
    await atTheTimeQuestion(c);
    await c.command("lang", "en");
    await c.say("每天晚上");
    await c.tap("No photos");
    await c.tap("Stay anonymous");
    expect(c.text).toContain("When: “每天晚上” (still going on)\n");
  });

  it.each([
    ["年前就开始漏了", "年前", "2026-02-16"],
    ["大概中秋节前后开始的", "中秋节前后", "2026-09-25"],
  ])("reads the occasion in %s", async (answer, words, date) => {
    await atTheTimeQuestion(c);
    await c.say(answer);
    expect(c.state.draft?.occurredAt).toMatchObject({ text: words, date, approximate: true });
  });

  it.each([
    ["中秋前后", "【时间】中秋前后（约 2026年9月25日）\n"],
    ["冬至那天", "【时间】2025年12月21日（冬至那天）\n"],
    ["国庆节那天", "【时间】2026年10月1日（国庆节那天）\n"],
    ["去年夏天", "【时间】去年夏天（约 2025年夏天）\n"],
    ["月初", "【时间】月初（约 2026年11月）\n"],
    ["去年", "【时间】去年（约 2025年）\n"],
    ["好几年了", "【时间】好几年了（约 2023年）\n"],
    ["三个月前", "【时间】三个月前（约 2026年8月）\n"],
  ])("shows %s on the summary as %j", async (answer, shown) => {
    await atTheTimeQuestion(c);
    await c.say(answer);
    await c.tap("没有照片");
    await c.tap("匿名反映");
    expect(c.text).toContain(shown);
  });

  it.each([
    ["May 2020", "2020-05-01", "month"],
    ["in March last year", "2025-03-01", "month"],
    ["around Christmas", "2025-12-25", "day"],
    ["since the Spring Festival", "2026-02-17", "day"],
    ["after National Day", "2026-10-01", "day"],
  ])("takes %s in English as %s, to its %s", async (answer, date, precision) => {
    await atTheTimeQuestion(c);
    await c.command("lang", "en");
    await c.say(answer);
    expect(c.state.step).toBe("photos");
    expect(c.state.draft?.occurredAt).toEqual({
      text: answer,
      date,
      time: null,
      approximate: true,
      precision,
    });
  });

  it("shows an English festival on the summary with the day it fell on", async () => {
    await atTheTimeQuestion(c);
    await c.command("lang", "en");
    await c.say("around Christmas");
    await c.tap("No photos");
    await c.tap("Stay anonymous");
    expect(c.text).toContain("When: “around Christmas” (about 25 December 2025)");
  });

  it.each([
    ["two years ago", "When: “two years ago” (about 2024)\n"],
    ["last summer", "When: “last summer” (about summer 2026)\n"],
    ["three months ago", "When: “three months ago” (about August 2026)\n"],
  ])("shows %s in English no more precisely than it was said", async (answer, shown) => {
    await atTheTimeQuestion(c);
    await c.command("lang", "en");
    await c.say(answer);
    await c.tap("No photos");
    await c.tap("Stay anonymous");
    expect(c.text).toContain(shown);
  });
});

describe("a public holiday named without its name", () => {
  async function withTheWorkingCalendar(): Promise<Conversation> {
    const world = await createWorld();
    const deps = { ...world.deps, timeParser: createOccurredAtParser(await loadCalendar()) };
    return new Conversation({ ...world, deps, engine: createIntakeEngine(deps) });
  }

  it.each([
    ["节前", "2026-09-30"],
    ["节前就坏了", "2026-09-30"],
    ["节后", "2026-10-08"],
    ["放假那几天", "2026-10-01"],
    ["before the holiday", "2026-09-30"],
    ["after the holidays", "2026-10-08"],
  ])(
    "reads %s as the latest holiday of the working calendar (国庆节, 1–7 October)",
    async (answer, date) => {
      const c = await withTheWorkingCalendar();
      await atTheTimeQuestion(c);
      await c.say(answer);
      expect(c.state.step).toBe("photos");
      expect(c.state.draft?.occurredAt).toMatchObject({ date, approximate: true });
    },
  );

  it("asks again without a working calendar, which alone knows the holidays", async () => {
    const c = new Conversation(await createWorld());
    await atTheTimeQuestion(c);
    await c.say("节前");
    expect(c.text).toContain("没看懂这个时间");
    expect(c.state.step).toBe("time");
  });
});

describe("a time said beside 'I don't remember'", () => {
  it("is still a time; 'I don't remember' alone is none", async () => {
    const c = new Conversation(await createWorld());
    await atTheTimeQuestion(c);
    await c.say("具体哪天记不清了，反正上个月就开始了");
    expect(c.state.step).toBe("photos");
    expect(c.state.draft?.occurredAt).toMatchObject({ text: "上个月", date: "2026-10-28" });

    const other = new Conversation(await createWorld());
    await atTheTimeQuestion(other);
    await other.say("记不清了");
    expect(other.state.draft?.occurredAt).toEqual({ unknown: true });
  });
});

describe("when, said without a day", () => {
  it.each([
    "好长时间了",
    "有一阵子了",
    "很久了",
    "前段时间",
    "前一阵子",
    "最近",
    "老早就这样了",
    "都好久了，一直没人管",
    "打我搬来就这样",
    "自从住进来就一直这样",
    "从交房开始就漏水",
    "一般都是后半夜",
    "一到下雨就漏",
    "一下雨就往屋里灌水",
    "下雨天",
  ])("takes %s as the time in the citizen's words, with no day, and moves on", async (answer) => {
    const c = new Conversation(await createWorld());
    await atTheTimeQuestion(c);
    await c.say(answer);
    expect(c.text).not.toContain("没看懂");
    expect(c.state.step).toBe("photos");
    expect(c.state.draft?.occurredAt).toEqual({ unknown: true, text: answer });
  });

  // The small hours said alone ("半夜两三点") are last night's: see time-words.test.ts.
  it.each(["夜里十一点", "晚上八点多", "后晌", "清起来发现的", "擦黑的时候"])(
    "asks once which day %s, a time of day, was, and keeps the words when no day is known",
    async (answer) => {
      const c = new Conversation(await createWorld());
      await atTheTimeQuestion(c);
      await c.say(answer);
      expect(c.text).toContain(`是哪天的${answer}？`);
      expect(c.state.step).toBe("time");

      await c.say("记不清了");
      expect(c.state.step).toBe("photos");
      expect(c.state.draft?.occurredAt).toEqual({ unknown: true, text: answer });
    },
  );

  it("takes the day said next with the time of day: 晚上, then 昨天, is 昨天晚上", async () => {
    const c = new Conversation(await createWorld());
    await atTheTimeQuestion(c);
    await c.say("晚上");
    await c.say("昨天");
    expect(c.state.step).toBe("photos");
    expect(c.state.draft?.occurredAt).toMatchObject({ text: "昨天晚上", approximate: false });
  });

  it("keeps the time of day when 不记得了 is tapped after it", async () => {
    const c = new Conversation(await createWorld());
    await atTheTimeQuestion(c);
    await c.say("in the evening");
    expect(c.text).toContain("On which day (in the evening)?");
    await c.tap("I don't remember");
    expect(c.state.draft?.occurredAt).toEqual({ unknown: true, text: "in the evening" });
  });

  it.each([
    [
      "打我搬来就这样",
      "【时间】打我搬来就这样\n",
      { text: "打我搬来就这样", date: null, ongoing: false },
    ],
    [
      "天天都这样",
      "【时间】天天都这样（持续至今）\n",
      { text: "天天都这样", date: null, ongoing: true },
    ],
    ["记不清了", "【时间】不记得了\n", null],
  ])("shows %s on the summary as %j and files it as %j", async (answer, shown, filed) => {
    const world = await createWorld();
    const c = new Conversation(world);
    await atTheTimeQuestion(c);
    await c.say(answer);
    await c.tap("没有照片");
    await c.tap("匿名反映");
    expect(c.text).toContain(shown);
    await c.tap("提交");
    expect(world.submitter.submissions[0]?.occurredAt).toEqual(filed);
  });

  // The small hours of a night are counted with the evening before, as people count them:
  // "昨天半夜两三点" is the night just past, this morning's two o'clock; 凌晨 keeps its own day.
  it.each([
    ["昨天半夜两三点", "2026-11-28", "02:00"],
    ["前天夜里两点多", "2026-11-27", "02:00"],
    ["昨天晚上两点", "2026-11-28", "02:00"],
    ["昨晚十二点", "2026-11-28", "00:00"],
    ["昨天凌晨三点", "2026-11-27", "03:00"],
    ["昨天夜里十一点", "2026-11-27", "23:00"],
    ["昨天晚上八点多", "2026-11-27", "20:00"],
    ["夜儿个后晌三点", "2026-11-27", "15:00"],
  ])("reads the day and the hour of %s into the time", async (answer, date, time) => {
    const c = new Conversation(await createWorld());
    await atTheTimeQuestion(c);
    await c.say(answer);
    expect(c.state.step).toBe("photos");
    expect(c.state.draft?.occurredAt).toEqual({
      text: answer,
      date,
      time,
      approximate: false,
      precision: "day",
    });
  });

  it("reads 从去年开始 as last year", async () => {
    const c = new Conversation(await createWorld());
    await atTheTimeQuestion(c);
    await c.say("从去年开始");
    expect(c.state.draft?.occurredAt).toMatchObject({
      date: "2025-07-01",
      approximate: true,
      precision: "year",
    });
  });

  it.each(["天天晚上", "每天早上六点多"])(
    "reads %s, a time of day that recurs, as going on until now",
    async (answer) => {
      const c = new Conversation(await createWorld());
      await atTheTimeQuestion(c);
      await c.say(answer);
      expect(c.state.draft?.occurredAt).toEqual({ unknown: true, text: answer, ongoing: true });
    },
  );

  it.each(["那天正下雨", "那天", "修好了", "路灯坏了"])(
    "still does not read %s as a time",
    async (answer) => {
      const c = new Conversation(await createWorld());
      await atTheTimeQuestion(c);
      await c.say(answer);
      expect(c.text).toContain("没看懂这个时间");
      expect(c.state.step).toBe("time");
    },
  );

  it("reads a dialogue stored before the words were kept, and one stored with them", async () => {
    const c = new Conversation(await createWorld());
    await atTheTimeQuestion(c);
    await c.say("好长时间了");
    const stored = JSON.parse(JSON.stringify(c.state)) as DialogueState;
    const older = { ...stored, draft: { ...stored.draft, occurredAt: { unknown: true } } };
    expect(restoreDialogueState(older, "telegram:1001")).toMatchObject({
      recovered: false,
      state: { draft: { occurredAt: { unknown: true } } },
    });
    expect(restoreDialogueState(stored, "telegram:1001")).toMatchObject({
      recovered: false,
      state: { draft: { occurredAt: { unknown: true, text: "好长时间了" } } },
    });
  });

  it("does not take a time of day in the first message as the time", async () => {
    const c = new Conversation(await createWorld());
    await c.command("new");
    await c.say("我们小区门口的下水道半夜两三点往外冒水，臭得很");
    await c.tap("对，就是这个");
    await c.say("川汇区七一路和八一路交叉口东边");
    expect(c.state.step).toBe("time");
  });
});

describe("a vague time on the summary", () => {
  it("leads with the citizen's words and calls the day 'about'", async () => {
    const c = new Conversation(await createWorld());
    await atTheTimeQuestion(c);
    await c.say("好几个月了");
    await c.tap("没有照片");
    await c.tap("匿名反映");
    expect(c.text).toContain("【时间】好几个月了（约 2026年");
  });
});

describe("the time taken from the first message", () => {
  let c: Conversation;
  beforeEach(async () => {
    c = new Conversation(await createWorld());
  });

  it.each([
    ["我们小区门口的下水道堵了一个星期了，臭得很", "一个星期了", "2026-11-21"],
    ["上礼拜俺家门口那个下水道就堵了，到现在没人管", "上礼拜", "2026-11-21"],
    ["前几天下大雨，小区门口下水道堵了，水漫到路上", "前几天", "2026-11-25"],
    ["小区门口下水道堵了好几天了 臭哩很", "好几天了", "2026-11-25"],
    ["下水道堵了半个多月没人通，臭得没法走路", "半个多月", "2026-11-13"],
    ["中秋节前后小区门口下水道就堵了，一直没人管", "中秋节前后", "2026-09-25"],
    ["立冬以后俺家门口那个下水道就往外冒水", "立冬以后", "2026-11-07"],
  ])("does not ask the time again after %s", async (first, words, date) => {
    await c.command("new");
    await c.say(first);
    await c.tap("对，就是这个");
    await c.say("川汇区七一路和八一路交叉口东边");
    expect(c.state.step).toBe("photos");
    expect(c.text).not.toContain("什么时候");
    expect(c.state.draft?.occurredAt).toMatchObject({ text: words, date });
  });

  it("still asks when the first message says how long the citizen has lived there, not when it began", async () => {
    await c.command("new");
    await c.say("在这住了五年了，小区门口的下水道堵了，臭得很");
    await c.tap("对，就是这个");
    await c.say("川汇区七一路和八一路交叉口东边");
    expect(c.state.step).toBe("time");
  });
});

describe("the time said with the place, before it is asked", () => {
  it("takes it from the place's answer and does not ask it", async () => {
    const c = new Conversation(await createWorld());
    await c.command("new");
    await c.say("小区楼下烧烤摊油烟太大，窗户都不敢开");
    await c.tap("对，就是这个");
    expect(c.state.step).toBe("place");
    await c.say("川汇区交通路建业小区，天天晚上都这样，有一个多月了");
    expect(c.state.draft?.occurredAt).toMatchObject({ text: "一个多月了", date: "2026-10-28" });
    expect(c.state.step).toBe("photos");
  });

  it("takes a time answered where the place is asked as the time, and asks the place again", async () => {
    const c = new Conversation(await createWorld());
    await c.command("new");
    await c.say("俺要举报俺们村主任，上面拨下来修路的钱他贪了一大半");
    await c.tap("举报干部、村干部贪污受贿、优亲厚友、吃拿卡要等");
    expect(c.state.step).toBe("place");
    await c.say("前年的事了");
    expect(c.text).toContain("记下了时间：前年");
    expect(c.state.step).toBe("place");
    expect(c.state.draft?.address).toBeNull();

    await c.say("就在俺村");
    expect(c.state.step).toBe("region");
    await c.say("前两天下雨以后就这样了");
    expect(c.text).toContain("记下了时间：前两天");
    expect(c.state.step).toBe("region");

    await c.say("沈丘县付井镇");
    expect(c.state.step).toBe("street");
    await c.say("上个月");
    expect(c.state.step).toBe("street");
    await c.say("王楼村");
    expect(c.state.draft?.address).toBe("沈丘县付井镇（就在俺村） 王楼村");
    expect(c.state.draft?.occurredAt).toMatchObject({ text: "上个月" });
    expect(c.state.step).toBe("photos");
  });
});

describe("a question about one's cases in the middle of filing", () => {
  let world: Awaited<ReturnType<typeof createWorld>>;
  let c: Conversation;
  beforeEach(async () => {
    world = await createWorld();
    world.cases.add("telegram:1001", acceptedWageCase());
    c = new Conversation(world);
  });

  it.each([
    "我的事办得怎么样了",
    "我之前反映的那个怎么样了？",
    "我上次反映的事有结果了吗",
    "我那个下水道的事办得咋样了",
    "俺反映的路灯修得咋样了",
    "俺前几天说的那个事有人管吗",
    "俺上回反映那个路灯咋样了",
    "我前段时间投诉那个噪音处理了没",
    "那个 俺上回反映那个事咋样了",
    "对了，我的事办得怎么样了",
    "喂 你好 俺想问一下 俺上回反映那个路灯咋样了",
  ])(
    "answers %s with the citizen's cases, then asks the pending question again",
    async (question) => {
      await atTheTimeQuestion(c);
      const draft = c.state.draft;
      await c.say(question);
      expect(c.text).toContain("ZK-20261120-0007");
      expect(c.text).not.toContain("要把这件事作为一条新的反映吗");
      expect(c.state.step).toBe("time");
      expect(c.state.draft).toEqual(draft);
      expect(c.last.at(-1)?.text).toContain("什么时候");

      await c.say("一个星期了");
      expect(c.state.step).toBe("photos");
    },
  );

  // The receipt says the number is kept "以后查进度要用": those words ask for the list.
  it.each([
    "查进度",
    "查一下进度",
    "我要查进度",
    "查询进度",
    "看看进度",
    "进度查询",
    "我的进度",
    "check my status",
  ])("answers %s with the citizen's cases, keeping the draft", async (words) => {
    await atTheTimeQuestion(c);
    const draft = c.state.draft;
    await c.say(words);
    expect(c.text).toContain("ZK-20261120-0007");
    expect(c.state.step).toBe("time");
    expect(c.state.draft).toEqual(draft);
  });

  it("answers 查进度 with the citizen's cases when nothing is being filed", async () => {
    await c.say("查进度");
    expect(c.text).toContain("ZK-20261120-0007");
    expect(c.text).not.toContain("再多说几句");
  });

  it("takes a story that mentions progress as the story", async () => {
    await c.say("工地施工进度太慢，路一直挖着");
    expect(c.text).not.toContain("ZK-20261120-0007");
  });

  it.each(["any news on my pothole report?", "What's happening with my wage complaint?"])(
    "answers %s in English with the citizen's cases, keeping the draft",
    async (question) => {
      await atTheTimeQuestion(c);
      const draft = c.state.draft;
      await c.say(question);
      expect(c.text).toContain("ZK-20261120-0007");
      expect(c.text).not.toContain("Shall I start a new report");
      expect(c.state.step).toBe("time");
      expect(c.state.draft).toEqual(draft);
    },
  );

  it("takes a story that starts like a question about one's cases as the story", async () => {
    await c.say("我的事情是这样的，俺家楼上天天往下漏水");
    expect(c.text).toContain("要作为一条新的反映，还是补充到您正在办理的事里");
  });

  it("answers it outside a draft too, without offering it as a complaint", async () => {
    await c.say("我的事办得怎么样了");
    expect(c.text).toContain("ZK-20261120-0007");
    expect(c.state.pending).toBeNull();
  });

  it.each([
    "帮我查一下ZK-20261120-0007",
    "zk 20261120 0007怎么样了",
    "ＺＫ２０２６１１２００００７",
  ])("shows the case a question names by its number (%s), written any way", async (question) => {
    await c.say(question);
    expect(c.text).toContain("ZK-20261120-0007");
    expect(c.text).not.toContain("要把这件事作为一条新的反映吗");
    expect(c.state.pending).toBeNull();
  });

  it("shows a numbered case in the middle of filing, then asks the pending question again", async () => {
    await atTheTimeQuestion(c);
    await c.say("ZK-20261120-0007进展到哪了");
    expect(c.text).toContain("ZK-20261120-0007");
    expect(c.last.at(-1)?.text).toContain("什么时候");
  });

  it("answers someone else's number as if it did not exist", async () => {
    world.cases.add("telegram:2002", citizenCase("ZK-20261121-0003"));
    await c.say("查一下ZK-20261121-0003");
    expect(c.text).toContain("没有找到");
  });

  it.each(["啥时候能给俺们钱啊", "怎么还没人联系我", "还要等多久？", "咋还没人管"])(
    "answers %s with the running case, where it stands, and offers nothing to file",
    async (question) => {
      await c.say(question);
      expect(c.text).toContain("您的事（编号 ZK-20261120-0007）现在已受理。");
      expect(c.labels).toContain("查看 ZK-20261120-0007");
      expect(c.text).not.toContain("新的反映");
      expect(c.state.pending).toBeNull();
    },
  );

  it("answers a question of when with the running case's unit and the day its answer is due", async () => {
    world.cases.cases.length = 0;
    world.cases.add(
      "telegram:1001",
      acceptedWageCase({
        status: "in_progress",
        unitName: "川汇区人力资源和社会保障局",
        answerDueAt: new Date("2027-01-20T23:59:59+08:00"),
      }),
    );
    await c.say("还要等多久？");
    expect(c.text).toContain(
      "您的事（编号 ZK-20261120-0007）（办理单位：川汇区人力资源和社会保障局）正在办理，最晚 2027年1月20日 前答复。",
    );
    expect(c.state.pending).toBeNull();
  });

  it("answers When will my wages be paid? in English, with nothing to file", async () => {
    await c.say("When will my wages be paid?");
    expect(c.text).toContain("Your report ZK-20261120-0007 is accepted.");
    expect(c.state.pending).toBeNull();
  });

  it.each([
    ["路灯坏了三个月了，要多久才能修好？", "another kind of matter"],
    ["啥时候修啊，又有人摔伤了", "a danger"],
  ])(
    "answers %s with the running case, then offers the words, which tell %s, as new or an addition",
    async (question) => {
      await c.say(question);
      expect(c.text).toContain("您的事（编号 ZK-20261120-0007）现在已受理。");
      expect(c.last.at(-1)?.text).toContain("要作为一条新的反映，还是补充到您正在办理的事里");
      expect(c.labels).toContain("补充到 ZK-20261120-0007（人社劳动）");
    },
  );

  it("answers a question of when asked while words wait to be filed, and offers the words again unchanged", async () => {
    await c.say("楼上天天半夜剁肉，吵得睡不着");
    const offered = c.state.pending;
    await c.say("还要等多久？");
    expect(c.text).toContain("您的事（编号 ZK-20261120-0007）现在已受理。");
    expect(c.last.at(-1)?.text).toContain("您说的是：“楼上天天半夜剁肉，吵得睡不着”");
    expect(c.state.pending).toEqual(offered);
  });

  it("offers a question of when as a new matter alone when no case is running", async () => {
    const answered = new Conversation(world, "telegram:3003");
    world.cases.add("telegram:3003", citizenCase("ZK-20261101-0002", { status: "closed" }));
    await answered.say("啥时候能修好啊");
    expect(answered.text).not.toContain("ZK-20261101-0002");
    expect(answered.text).toContain("要把这件事作为一条新的反映吗");
  });

  it("takes a story that mentions a number as words, not as a look-up", async () => {
    await c.say("ZK-20261120-0007那件事还没人管，现在工地晚上又开始打桩了，吵得老人孩子都睡不着");
    expect(c.text).toContain("要作为一条新的反映，还是补充到您正在办理的事里");
    expect(c.labels).toContain("补充到 ZK-20261120-0007（人社劳动）");
  });
});

describe("a question about one's cases while filing the first one", () => {
  it("says there is none yet and goes on with the report, not 'tell me what happened'", async () => {
    const c = new Conversation(await createWorld());
    await atTheTimeQuestion(c);
    const draft = c.state.draft;
    await c.say("那个 俺上回反映那个事咋样了");
    expect(c.text).toContain("您还没有反映过事情");
    expect(c.text).toContain("咱们接着说刚才这件事");
    expect(c.text).not.toContain("有事要反映，直接说就行");
    expect(c.last.at(-1)?.text).toContain("什么时候");
    expect(c.state.draft).toEqual(draft);
  });
});

describe("a greeting", () => {
  let c: Conversation;
  beforeEach(async () => {
    c = new Conversation(await createWorld());
  });

  it.each(["你好", "在吗", "您好！"])(
    "%s in the middle of filing reminds where the citizen is",
    async (greeting) => {
      await atTheTimeQuestion(c);
      await c.say(greeting);
      expect(c.text).toContain("您有一件事还没填完，我们接着来");
      expect(c.last.at(-1)?.text).toContain("什么时候");
      expect(c.state.step).toBe("time");
    },
  );

  it.each([
    "在吗",
    "有人吗？",
    "喂喂喂",
    "hello",
    "你好，在吗？",
    "您好 请问有人吗",
    "工作人员在吗",
    "hi, anyone there?",
  ])(
    "%s with nothing being filed is answered: someone is here, and how to begin",
    async (greeting) => {
      await c.say(greeting);
      // (English words of three or more switch the language first, and say so.)
      expect(c.last.at(-1)?.text).toMatch(/^(您好，我在。|Hello, I'm here\.)/);
      expect(c.labels.length).toBe(3);
      expect(c.state.pending).toBeNull();
    },
  );

  it("does not replay an old offer to file", async () => {
    await c.say("楼下的饭馆天天半夜还在营业，吵得睡不着");
    expect(c.text).toContain("要把这件事作为一条新的反映吗");
    await c.say("你好");
    expect(c.text).not.toContain("要把这件事作为一条新的反映吗");
    expect(c.text).not.toContain("楼下的饭馆");
    expect(c.labels).toContain("我要反映问题");
  });
});

describe("a citizen who needs a moment", () => {
  let c: Conversation;
  beforeEach(async () => {
    c = new Conversation(await createWorld());
  });

  it.each([
    "等一下",
    "稍等",
    "稍等一下哈",
    "等等",
    "等会儿",
    "我想想",
    "让我想一想",
    "我找一下",
    "hold on",
    "one moment please",
  ])(
    "%s at a question is told the question waits, the draft kept and its buttons still there",
    async (words) => {
      await atTheTimeQuestion(c);
      const draft = c.state.draft;
      await c.say(words);
      // (English words of three or more switch the language first, and say so.)
      expect(c.last.at(-1)?.text).toMatch(/^(好的，不着急|Sure, take your time)/);
      expect(c.text).not.toMatch(/没看懂|didn't understand/);
      expect(c.labels).toContain(c.state.locale === "en" ? "I don't remember" : "不记得了");
      expect(c.state.step).toBe("time");
      expect(c.state.draft).toEqual(draft);
    },
  );

  it("goes on where it stopped when the citizen comes back", async () => {
    await atTheTimeQuestion(c);
    await c.say("稍等");
    await c.say("昨天");
    expect(c.state.step).toBe("photos");
  });

  it("is told to begin whenever ready when nothing is being filed", async () => {
    await c.say("等一下");
    expect(c.text).toContain("好的，不着急");
    expect(c.text).not.toContain("再多说几句");
    expect(c.labels).toContain("我要反映问题");
    expect(c.state.draft).toBeNull();
  });

  it("keeps the words offered for filing, and their question, while the citizen thinks", async () => {
    await c.say("小区门口的路灯坏了好几天了，晚上黑得很");
    await c.say("等一下");
    expect(c.text).toContain("好的，不着急");
    await c.tap("是，开始反映");
    expect(c.state.draft?.description).toBe("小区门口的路灯坏了好几天了，晚上黑得很");
  });

  it("takes words that tell more than waiting as they come", async () => {
    await atTheTimeQuestion(c);
    await c.say("等一下班再说，大概是上周");
    expect(c.text).not.toContain("不着急");
  });
});

describe("a button's words typed instead of tapped", () => {
  let c: Conversation;
  beforeEach(async () => {
    c = new Conversation(await createWorld());
  });

  it("takes the typed label as the tap, whatever its punctuation", async () => {
    await c.command("new");
    await c.say("我们小区门口的下水道堵了，臭得很");
    await c.say("对就是这个");
    expect(c.state.draft?.category).toBe("municipal");
    expect(c.state.step).toBe("place");
  });

  it.each([
    "没有照片",
    "没照片",
    "不用照片了",
    "不发了",
    "no pics sorry",
    "I don't have any photos",
  ])("takes %s as the end of the photos", async (answer) => {
    await atTheTimeQuestion(c);
    await c.say("昨天");
    expect(c.state.step).toBe("photos");
    await c.say(answer);
    expect(c.state.draft?.photosDone).toBe(true);
    expect(c.state.step).toBe("contact");
  });

  it.each(["提交", "好的", "submit", "不用"])(
    "takes %s at the name question as no name given, not as the name",
    async (answer) => {
      await atTheNameQuestion(c);
      await c.say(answer);
      expect(c.state.step).toBe("summary");
      expect(c.state.draft?.contact).toEqual({ kind: "named", name: null, phone: "13812345678" });
    },
  );

  it.each(["我是李主任的邻居", "我是老师", "我是业主", "俺是这个小区的", "我是环卫工人"])(
    "asks again after %s at the name question: what the citizen is, not what to call them",
    async (answer) => {
      await atTheNameQuestion(c);
      await c.say(answer);
      expect(c.text).toContain("请写一个称呼");
      expect(c.state.step).toBe("contact_name");
      expect(c.state.draft?.contact).toEqual({ kind: "named", name: null, phone: "13812345678" });
    },
  );

  it.each([
    ["叫我李大娘就行", "李大娘"],
    ["我姓王", "王"],
    ["俺姓赵", "赵"],
    ["免贵姓李", "李"],
    ["姓李", "李"],
    ["俺是老张。", "老张"],
    ["王大爷吧", "王大爷"],
    ["就叫我老王吧", "老王"],
    ["你就叫俺老张就中", "老张"],
    ["我是东关的老王", "老王"],
    ["我是王师", "王师"],
    ["我是王老师", "王老师"],
    ["我是刘师傅", "刘师傅"],
    ["我是李女士", "李女士"],
    ["我是王兵", "王兵"],
    ["我是小芳", "小芳"],
    ["刚才说了，姓张", "张"],
  ])("takes %s at the name question as the name %s", async (answer, name) => {
    await atTheNameQuestion(c);
    await c.say(answer);
    expect(c.state.step).toBe("summary");
    expect(c.state.draft?.contact).toEqual({ kind: "named", name, phone: "13812345678" });
  });
});

describe("the summary answered in words", () => {
  let c: Conversation;
  beforeEach(async () => {
    c = new Conversation(await createWorld());
    await atTheTimeQuestion(c);
    await c.say("昨天");
    await c.say("没有照片");
    await c.tap("匿名反映");
    expect(c.state.step).toBe("summary");
  });

  it.each([
    "提交",
    "提交吧",
    "没问题，提交",
    "那就交上去吧",
    "发吧",
    "没问题",
    "对的",
    "嗯对",
    "submit it",
  ])("sends the complaint after %s", async (answer) => {
    await c.say(answer);
    expect(c.world.submitter.submissions).toHaveLength(1);
    expect(c.text).toContain("提交成功");
  });

  it.each(["不对", "错了", "修改"])("asks what to change after %s", async (answer) => {
    await c.say(answer);
    expect(c.state.step).toBe("edit");
    expect(c.world.submitter.submissions).toHaveLength(0);
  });

  it("asks for a button after words that are neither", async () => {
    await c.say("你们多久能来");
    expect(c.text).toContain("请点下面的按钮");
    expect(c.world.submitter.submissions).toHaveLength(0);
  });
});

describe("a name the first message introduced", () => {
  async function atTheNameQuestionAfter(c: Conversation, first: string): Promise<void> {
    await c.command("new");
    await c.say(first);
    await c.tap("对，就是这个");
    await c.say("川汇区七一路和八一路交叉口东边");
    await c.say("昨天");
    await c.say("没有照片");
    await c.say("13812345678");
    expect(c.state.step).toBe("contact_name");
  }

  it.each([
    ["我是东关的老王，我们小区门口的下水道堵了，臭得很", "老王"],
    ["俺是老李，俺们小区门口的下水道堵了，臭得很", "老李"],
    ["我是王家庄的张大爷，村口的下水道堵了，臭得很", "张大爷"],
    ["我们小区门口的下水道堵了，臭得很，我叫张建国", "张建国"],
    ["我是张建国，东关的，俺家门口的下水道堵了，臭得很", "张建国"],
    ["我是李女士，我们小区门口的下水道堵了，臭得很", "李女士"],
  ])("offers it at the name question after %s, one tap away", async (first, name) => {
    const c = new Conversation(await createWorld());
    await atTheNameQuestionAfter(c, first);
    expect(c.labels).toEqual([`就叫我${name}`, "不留姓名"]);
    await c.tap(`就叫我${name}`);
    expect(c.state.step).toBe("summary");
    expect(c.state.draft?.contact).toEqual({ kind: "named", name, phone: "13812345678" });
  });

  it("offers a surname the first message said alone, as a surname", async () => {
    const c = new Conversation(await createWorld());
    await atTheNameQuestionAfter(c, "我是东关老家属院的，姓张，院里的下水道往外冒污水，臭得很");
    expect(c.labels).toEqual(["我姓张", "不留姓名"]);
    await c.tap("我姓张");
    expect(c.state.draft?.contact).toEqual({ kind: "named", name: "张", phone: "13812345678" });
  });

  it.each(["刚才说过了", "前面说了呀", "I already told you"])(
    "takes %s as the name the first message introduced",
    async (answer) => {
      const c = new Conversation(await createWorld());
      await atTheNameQuestionAfter(c, "我是东关的老王，我们小区门口的下水道堵了，臭得很");
      await c.say(answer);
      expect(c.state.draft?.contact).toMatchObject({ name: "老王" });
    },
  );

  it("asks again after 刚才说过了 when the first message named no one", async () => {
    const c = new Conversation(await createWorld());
    await atTheNameQuestionAfter(c, "我们小区门口的下水道堵了，臭得很");
    await c.say("刚才说过了");
    expect(c.text).toContain("请写一个称呼");
    expect(c.state.draft?.contact).toMatchObject({ name: null });
  });

  it.each(["啥意思", "要写什么", "没看懂"])(
    "asks again after %s, taking no name",
    async (reply) => {
      const c = new Conversation(await createWorld());
      await atTheNameQuestionAfter(c, "我们小区门口的下水道堵了，臭得很");
      await c.say(reply);
      expect(c.text).toContain("请写一个称呼");
      expect(c.state.draft?.contact).toMatchObject({ name: null });
    },
  );

  it("takes a typed yes as the name offered, and another name typed as that name", async () => {
    const c = new Conversation(await createWorld());
    await atTheNameQuestionAfter(c, "我是东关的老王，我们小区门口的下水道堵了，臭得很");
    await c.say("好的");
    expect(c.state.draft?.contact).toMatchObject({ name: "老王" });

    const other = new Conversation(await createWorld());
    await atTheNameQuestionAfter(other, "我是东关的老王，我们小区门口的下水道堵了，臭得很");
    await other.say("叫我王师傅吧");
    expect(other.state.draft?.contact).toMatchObject({ name: "王师傅" });
  });

  it.each([
    "我是这个小区的业主，小区门口的下水道堵了，臭得很",
    "我是环卫工人，七一路上的下水道堵了，臭得很",
    "我是学生，学校门口的下水道堵了，臭得很",
    "我是周口人，七一路上的下水道堵了，臭得很",
    "我是李主任的邻居，我们小区门口的下水道堵了，臭得很",
  ])("offers no name after %s", async (first) => {
    const c = new Conversation(await createWorld());
    await atTheNameQuestionAfter(c, first);
    expect(c.labels).toEqual(["不留姓名"]);
  });
});

describe("words about an answer received", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    world = await createWorld();
    c = new Conversation(world, "telegram:1001");
    world.cases.add("telegram:1001", citizenCase("ZK-20261120-0007", { status: "answered" }));
  });

  // Words that rate it clearly are offered as its rating (rating-in-words.test.ts).
  it.each(["谢谢你们", "多谢", "还是没解决，谢谢"])(
    "points %s to rating the answer, not to filing it as a new complaint",
    async (words) => {
      await c.say(words);
      expect(c.state.pending).toBeNull();
      expect(c.text).toContain("您是在说 ZK-20261120-0007 的答复吧");
      expect(c.text).toContain("申请复查");
      expect(c.labels).toContain("我要反映问题");
    },
  );

  it("offers the words as a new complaint when no answer is waiting for them", async () => {
    world.cases.cases.length = 0;
    await c.say("还是没解决，灯还是不亮");
    expect(c.state.pending?.kind).toBe("offer");
  });

  it("takes a longer message that starts with thanks as a new matter", async () => {
    await c.say("谢谢你们上次修了路灯，这次是小区门口的井盖又没了");
    expect(c.state.pending?.kind).toBe("offer");
  });

  it("takes the words as they come when the cases cannot be read", async () => {
    world.cases.failing = true;
    await c.say("还是没解决，灯还是不亮");
    expect(c.state.pending?.kind).toBe("offer");
    expect(world.problems).toHaveLength(1);
  });
});
