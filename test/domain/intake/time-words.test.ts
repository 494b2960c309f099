/**
 * Time words citizens give at "when did it happen?", read against a fixed clock — Saturday
 * 28 November 2026, 10:00 in Beijing — with the working calendar of 2025–2026 (国庆节 1–7
 * October 2026 is the latest holiday). Each row: the answer, the words kept for the clerk, the
 * day it is read as, and whether that day is a guess.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadCalendar } from "../../../src/calendar/load-calendar.ts";
import { createIntakeEngine } from "../../../src/domain/intake/engine.ts";
import { createOccurredAtParser, type TimeParser } from "../../../src/domain/intake/occurred-at.ts";
import { atTheTimeQuestion, Conversation, createWorld, type World } from "./fakes.ts";

const NOW = new Date("2026-11-28T10:00:00+08:00");

let parser: TimeParser;
beforeAll(async () => {
  parser = createOccurredAtParser(await loadCalendar());
});

type Row = readonly [answer: string, words: string, date: string, approximate: boolean];

function read(rows: readonly Row[]) {
  return it.each(rows)("%s → %s, %s", (answer, words, date, approximate) => {
    expect(parser.parse(answer, NOW)).toMatchObject({ text: words, date, approximate });
  });
}

describe("parts of a year, read from the span's first day", () => {
  read([
    ["年初", "年初", "2026-01-01", true],
    ["年初的时候就开始了", "年初", "2026-01-01", true],
    // This year's December is still ahead: last year's.
    ["年底", "年底", "2025-12-01", true],
    ["今年年初", "今年年初", "2026-01-01", true],
    ["去年年底", "去年年底", "2025-12-01", true],
    ["去年年末就不给钱了", "去年年末", "2025-12-01", true],
    ["上半年", "上半年", "2026-01-01", true],
    ["下半年", "下半年", "2026-07-01", true],
    ["去年下半年", "去年下半年", "2025-07-01", true],
  ]);

  it("are no time when they are a habit or ahead (每年年底, 明年年底, 2025年底 read as a year)", () => {
    expect(parser.parse("每年年底都停暖", NOW)).toBeNull();
    expect(parser.parse("明年年底再说", NOW)).toBeNull();
    expect(parser.parse("今年年底", new Date("2026-06-01T10:00:00+08:00"))).toBeNull();
  });
});

describe("this year, and the harvests a village counts by", () => {
  read([
    ["今年", "今年", "2026-01-01", true],
    ["今年评低保的时候", "今年", "2026-01-01", true],
    ["就是今年", "就是今年", "2026-01-01", true],
    ["麦收那会儿", "麦收那会儿", "2026-06-01", true],
    ["收麦的时候就开始了", "收麦的时候", "2026-06-01", true],
    ["秋收以后", "秋收以后", "2026-09-25", true],
    ["种麦前后", "种麦前后", "2026-10-15", true],
  ]);

  it("are no time when a harvest is only named (秋收的玉米)", () => {
    expect(parser.parse("秋收的玉米都烂在地里了", NOW)).toBeNull();
  });
});

describe("a day said with 前后, 左右 or 大概: kept with those words, as a guess", () => {
  read([
    ["10月5号前后", "10月5号前后", "2026-10-05", true],
    ["5号左右", "5号左右", "2026-11-05", true],
    ["大概是上个月10号", "大概是上个月10号", "2026-10-10", true],
    ["差不多是11月3号", "差不多是11月3号", "2026-11-03", true],
    // Said plainly, the day stays exact.
    ["10月5号", "10月5号", "2026-10-05", false],
  ]);
});

describe("English seasons and spans", () => {
  read([
    // The latest summer that is over.
    ["last summer", "last summer", "2026-06-01", true],
    ["this spring", "this spring", "2026-03-01", true],
    ["last winter", "last winter", "2025-12-01", true],
    ["early March", "early March", "2026-03-05", true],
    ["at the end of last year", "end of last year", "2025-12-01", true],
    ["the beginning of this year", "beginning of this year", "2026-01-01", true],
    ["a couple of weeks ago", "a couple of weeks ago", "2026-11-14", true],
    ["since January", "since January", "2026-01-01", true],
  ]);

  it("reads 'last summer' said in July as the summer of last year", () => {
    expect(parser.parse("last summer", new Date("2026-07-10T10:00:00+08:00"))).toMatchObject({
      date: "2025-06-01",
    });
  });
});

describe("a holiday not named: the words, and the holiday of the working calendar they were read as", () => {
  read([
    ["节前", "节前（国庆节）", "2026-09-30", true],
    ["节后就没人管了", "节后（国庆节）", "2026-10-08", true],
    ["before the holiday", "before the holiday (国庆节)", "2026-09-30", true],
  ]);
});

describe("months and days of the Chinese calendar, as the elderly and villages count", () => {
  read([
    // The 腊月 before the Spring Festival of 2026 (19 January to 16 February), at its middle.
    ["去年腊月就该给了", "去年腊月", "2026-02-02", true],
    ["腊月", "腊月", "2026-02-02", true],
    ["腊月二十三那天", "腊月二十三", "2026-02-10", false],
    // That 腊月 had 29 days: its 三十 is its last, New Year's Eve.
    ["腊月三十", "腊月三十", "2026-02-16", false],
    ["正月里就坏了", "正月", "2026-03-03", true],
    // This year's 冬月 begins on 9 December: last year's.
    ["冬月初八", "冬月初八", "2025-12-27", false],
    ["前年冬月", "前年冬月", "2024-12-15", true],
    ["24年腊月", "24年腊月", "2025-01-14", true],
    // 三月 alone is March; 农历 or 阴历 says the lunar one.
    ["农历三月份", "农历三月份", "2026-05-01", true],
    ["阴历八月十二开始的", "阴历八月十二", "2026-09-22", false],
    ["三月份", "三月份", "2026-03-01", true],
  ]);

  it("are no time in words that only hold the letters (真正月薪)", () => {
    expect(parser.parse("真正月薪才两千", NOW)).toBeNull();
  });
});

describe("time words typed in pinyin", () => {
  read([
    ["hao ji tian le", "hao ji tian le（好几天了）", "2026-11-25", true],
    ["shang ge yue", "shang ge yue（上个月）", "2026-10-28", true],
    ["qian tian", "qian tian（前天）", "2026-11-26", false],
    ["Qiantian.", "Qiantian（前天）", "2026-11-26", false],
    ["yi ge xing qi le", "yi ge xing qi le（一个星期了）", "2026-11-21", true],
  ]);

  it("are no time when other words are among them", () => {
    expect(parser.parse("wo jia men kou", NOW)).toBeNull();
    expect(parser.parse("hello", NOW)).toBeNull();
  });
});

describe("a house number is no day of the month", () => {
  it.each(["川汇区交通路12号", "人民路十二号门口", "李庄村3号", "建业小区8号院", "6号楼下面"])(
    "%s names no time",
    (words) => {
      expect(parser.parse(words, NOW)).toBeNull();
    },
  );

  read([
    ["12号", "12号", "2026-11-12", false],
    ["上个月12号", "上个月12号", "2026-10-12", false],
    ["交通路那边，12号晚上", "12号晚上", "2026-11-12", false],
  ]);

  it("so an address with one, given at the place question, leaves the time to be asked", async () => {
    const world = await createWorld();
    const deps = { ...world.deps, timeParser: parser };
    const c = new Conversation({ ...world, deps, engine: createIntakeEngine(deps) });
    await c.command("new");
    await c.say("楼上装修噪音太大，吵得人睡不着觉");
    await c.tap("对，就是这个");
    await c.say("川汇区交通路12号");
    expect(c.state.draft?.address).toBe("川汇区交通路12号");
    expect(c.state.draft?.occurredAt).toBeNull();
    expect(c.state.step).toBe("time");
  });
});

describe("at the time question", () => {
  async function atTheTimeQuestion(): Promise<Conversation> {
    const world = await createWorld();
    const deps = { ...world.deps, timeParser: createOccurredAtParser(await loadCalendar()) };
    const c = new Conversation({ ...world, deps, engine: createIntakeEngine(deps) });
    await c.command("new");
    await c.say("我们小区门口的下水道堵了，臭得很");
    await c.tap("对，就是这个");
    await c.say("川汇区七一路和八一路交叉口东边");
    expect(c.state.step).toBe("time");
    return c;
  }

  it.each([
    ["节前", "节前（国庆节）"],
    ["hao ji tian le", "hao ji tian le（好几天了）"],
    ["去年年底", "去年年底"],
    ["去年腊月", "去年腊月"],
    // Not the question "几天" (how many days until an answer).
    ["这几天", "这几天"],
  ])("takes %s and shows the words read on the summary", async (answer, words) => {
    const c = await atTheTimeQuestion();
    await c.say(answer);
    expect(c.state.step).toBe("photos");
    expect(c.state.draft?.occurredAt).toMatchObject({ text: words });
    await c.tap("没有照片");
    await c.tap("匿名反映");
    expect(c.text).toContain(words);
  });

  it("adds more of the place said there to the address, and asks the time again", async () => {
    const c = await atTheTimeQuestion();
    await c.say("就在万达广场旁边那一段");
    expect(c.last.map((m) => m.text)).toEqual([
      "地点补充上了：就在万达广场旁边那一段。",
      expect.stringContaining("这件事是什么时候发生的"),
    ]);
    expect(c.state.step).toBe("time");
    expect(c.state.draft?.address).toBe("川汇区七一路和八一路交叉口东边 就在万达广场旁边那一段");
    await c.say("前天");
    expect(c.state.step).toBe("photos");
  });

  describe("a more precise time said later, at the photo question", () => {
    it.each([
      ["好几天了", "是大前天晚上开始的", "大前天晚上", "2026-11-25"],
      ["好几天了", "对了，是上周三开始的", "上周三", "2026-11-18"],
      ["前几天", "从周二就这样了", "周二", "2026-11-24"],
      ["有一阵子了", "是上个月15号开始的", "上个月15号", "2026-10-15"],
      ["昨天", "昨天晚上8点", "昨天晚上8点", "2026-11-27"],
      // A month where only the year was said, a day where only the month.
      ["去年", "是去年8月开始的", "去年8月", "2025-08-01"],
      ["上个月", "从上个月20号就这样了", "上个月20号", "2026-10-20"],
      ["好几年了", "前年夏天开始的", "前年夏天", "2024-06-01"],
    ])("replaces %s with the more precise time in %s", async (vague, later, words, date) => {
      const c = await atTheTimeQuestion();
      await c.say(vague);
      expect(c.state.step).toBe("photos");
      await c.say(later);
      expect(c.state.step).toBe("photos");
      expect(c.state.draft?.occurredAt).toMatchObject({ text: words, date });
      await c.tap("没有照片");
      await c.tap("匿名反映");
      expect(c.text).toContain(words);
    });

    it.each([
      ["大前天晚上", "都好几天了，还是臭"],
      ["上周三", "前几天下雨又冒出来了"],
      ["大前天晚上", "上周三我还给物业打过电话，没人管"],
      ["去年8月", "是去年开始的"],
      ["上个月", "好几年了都是这样"],
    ])("keeps %s over the vaguer or passing time in %s", async (exact, later) => {
      const c = await atTheTimeQuestion();
      await c.say(exact);
      const kept = c.state.draft?.occurredAt;
      await c.say(later);
      expect(c.state.draft?.description).toContain(later);
      expect(c.state.draft?.occurredAt).toEqual(kept);
    });

    it("keeps a vague time when the day is only mentioned in passing", async () => {
      const c = await atTheTimeQuestion();
      await c.say("好几天了");
      await c.say("上周三我还给物业打过电话，没人管");
      expect(c.state.draft?.occurredAt).toMatchObject({ text: "好几天了", approximate: true });
    });

    it("keeps a time that goes on and on, which says how often and not when it began", async () => {
      const c = await atTheTimeQuestion();
      await c.say("天天都这样");
      await c.say("是大前天开始的");
      expect(c.state.draft?.occurredAt).toMatchObject({ unknown: true, ongoing: true });
    });
  });

  it.each(["说不清", "好久了", "嗯嗯"])(
    "reads %s as an answer about the time, never as a place",
    async (answer) => {
      const c = await atTheTimeQuestion();
      await c.say(answer);
      expect(c.state.draft?.address).toBe("川汇区七一路和八一路交叉口东边");
    },
  );
});

describe("words added at the category question", () => {
  /** A conversation at "is this the kind of matter?", its first message saying `time`. */
  async function atTheCategoryQuestion(time: string): Promise<Conversation> {
    const world = await createWorld();
    const deps = { ...world.deps, timeParser: createOccurredAtParser(await loadCalendar()) };
    const c = new Conversation({ ...world, deps, engine: createIntakeEngine(deps) });
    await c.command("new");
    await c.say(`我们小区门口的下水道堵了，${time}，臭得很`);
    expect(c.state.step).toBe("category");
    return c;
  }

  it.each([
    ["好几天了", "是大前天晚上开始的", "大前天晚上", "2026-11-25"],
    ["有一阵子了", "对了，是上个月15号开始的", "上个月15号", "2026-10-15"],
  ])("replace %s with the more precise day in %s", async (vague, later, words, date) => {
    const c = await atTheCategoryQuestion(vague);
    await c.say(later);
    expect(c.text).toContain("已经把这句话补充到您的描述里了");
    expect(c.state.draft?.occurredAt).toMatchObject({ text: words, date });
    await c.tap("对，就是这个");
    await c.say("川汇区七一路和八一路交叉口东边");
    // The time is known: not asked again.
    expect(c.state.step).toBe("photos");
  });

  it.each([
    ["大前天晚上", "都好几天了，还是没人管"],
    ["上周三开始的", "前几天下雨又冒出来了"],
    ["大前天晚上", "上周三我还给物业打过电话，没人管"],
  ])("keep the day in %s over the vaguer or passing time in %s", async (exact, later) => {
    const c = await atTheCategoryQuestion(exact);
    const kept = c.state.draft?.occurredAt;
    expect(kept).toMatchObject({ approximate: false });
    await c.say(later);
    expect(c.state.draft?.description).toContain(later);
    expect(c.state.draft?.occurredAt).toEqual(kept);
    await c.tap("对，就是这个");
    await c.say("川汇区七一路和八一路交叉口东边");
    await c.tap("没有照片");
    await c.tap("匿名反映");
    expect(c.text).toContain(exact.replace("开始的", ""));
  });
});

describe("a duration in the first message", () => {
  async function described(words: string, kind = "对，就是这个"): Promise<Conversation> {
    const c = new Conversation(await createWorld());
    await c.command("new");
    await c.say(words);
    await c.tap(kind);
    await c.say("川汇区七一路和八一路交叉口东边");
    return c;
  }

  it("is the matter's time when it is said of the matter, and the time is not asked", async () => {
    const c = await described("路灯坏了一个星期了，晚上黑得很");
    expect(c.state.draft?.occurredAt).toMatchObject({ text: "一个星期了", date: "2026-11-21" });
    expect(c.state.step).toBe("photos");
  });

  it("is not when it tells how long the citizen's life has been so: the time is asked", async () => {
    const c = await described(
      "俺家老伴瘫在床上好几年了，低保却被取消了",
      "低保、特困、养老院、残疾补贴、婚姻登记、殡葬等",
    );
    expect(c.state.draft?.occurredAt).toBeNull();
    expect(c.state.step).toBe("time");
    await c.say("上个月");
    expect(c.state.draft?.occurredAt).toMatchObject({ text: "上个月" });
  });
});

/** The answers to the time question in `rows`, read at `now`. */
function readAt(now: string, rows: readonly Row[]) {
  return it.each(rows)(`%s said at ${now} → %s, %s`, (answer, words, date, approximate) => {
    expect(parser.parse(answer, new Date(now))).toMatchObject({ text: words, date, approximate });
  });
}

/** A conversation at the time question, at `now`. */
async function askedWhenAt(now: string): Promise<{ c: Conversation; world: World }> {
  const world = await createWorld();
  const deps = { ...world.deps, timeParser: createOccurredAtParser(await loadCalendar()) };
  const c = new Conversation({ ...world, deps, engine: createIntakeEngine(deps) });
  c.now = new Date(now);
  await atTheTimeQuestion(c);
  return { c, world };
}

describe("a month and its day written with a dot, as the whole answer", () => {
  read([
    ["11.20", "11.20", "2026-11-20", false],
    ["11.20号", "11.20号", "2026-11-20", false],
    ["大概11.20", "大概11.20", "2026-11-20", true],
    // December's is still ahead: last year's.
    ["12.5", "12.5", "2025-12-05", false],
  ]);

  it("is money, not a day, inside a description (花了11.20元)", () => {
    expect(parser.parse("花了11.20元", NOW)).toBeNull();
    expect(parser.parse("一斤卖11.20，贵得很", NOW)).toBeNull();
  });

  it("answers the time question", async () => {
    const { c } = await askedWhenAt("2026-11-28T10:00:00+08:00");
    await c.say("11.20");
    expect(c.state.step).toBe("photos");
    expect(c.state.draft?.occurredAt).toMatchObject({ date: "2026-11-20", approximate: false });
  });
});

describe("a weekday with a part of the day: this week's once that part has come, else last week's", () => {
  // Sunday 29 November 2026, 09:00: this Sunday's afternoon has not come.
  readAt("2026-11-29T09:00:00+08:00", [
    ["礼拜天下午", "礼拜天下午", "2026-11-22", false],
    ["礼拜天上午", "礼拜天上午", "2026-11-29", false],
    ["礼拜天", "礼拜天", "2026-11-29", false],
    // The small hours of last Sunday's night: after its midnight, on the Monday.
    ["礼拜天晚上两点", "礼拜天晚上两点", "2026-11-23", false],
  ]);
  readAt("2026-11-29T08:00:00+08:00", [["周日晚上", "周日晚上", "2026-11-22", false]]);
  // Monday 30 November, 07:00: the morning has come.
  readAt("2026-11-30T07:00:00+08:00", [["星期一早上", "星期一早上", "2026-11-30", false]]);

  it.each(["今天下午三点", "今天下午", "今晚"])(
    "asks again for %s said in the morning, a time still ahead, as it asks for a day ahead",
    async (answer) => {
      const { c } = await askedWhenAt("2026-11-28T09:00:00+08:00");
      await c.say(answer);
      expect(c.text).toBe("这个日期还没到呢。请再看看是哪一天，或者点“不记得了”。");
      expect(c.state.step).toBe("time");
      expect(c.state.draft?.occurredAt).toBeNull();
    },
  );

  it.each([
    ["今天下午", "2026-11-28T14:00:00+08:00"],
    ["今天上午", "2026-11-28T09:00:00+08:00"],
    ["今天早上", "2026-11-28T09:00:00+08:00"],
  ])("takes %s said at %s, once that part of the day has come, as today", async (answer, now) => {
    const { c } = await askedWhenAt(now);
    await c.say(answer);
    expect(c.state.step).toBe("photos");
    expect(c.state.draft?.occurredAt).toMatchObject({ text: answer, date: "2026-11-28" });
  });
});

describe("some days of a month (二十几, 中旬, 月初): known to the month, never a made-up day", () => {
  read([
    // 腊月二十 to 二十九 of the lunar year before: 7 to 15 February 2026.
    ["去年腊月二十几", "去年腊月二十几", "2026-02-11", true],
    ["腊月十几就停了", "腊月十几", "2026-02-02", true],
    ["上个月二十几号", "上个月二十几号", "2026-10-24", true],
    ["十月二十几号", "十月二十几号", "2026-10-24", true],
    ["十月中旬", "十月中旬", "2026-10-11", true],
    ["月初", "月初", "2026-11-01", true],
  ]);
});

describe("the small hours said alone: the latest such hour, a guess", () => {
  // At 10:00 the night just past.
  readAt("2026-11-28T10:00:00+08:00", [
    ["夜里两三点", "夜里两三点", "2026-11-28", true],
    ["半夜", "半夜", "2026-11-28", true],
    ["凌晨三点多", "凌晨三点多", "2026-11-28", true],
  ]);
  // At 23:00 this morning's three o'clock is the latest; at 02:00, yesterday's.
  readAt("2026-11-28T23:00:00+08:00", [["凌晨三点多", "凌晨三点多", "2026-11-28", true]]);
  readAt("2026-11-28T02:00:00+08:00", [["凌晨三点多", "凌晨三点多", "2026-11-27", true]]);

  it("are no time inside a description (半夜两三点还在吵)", () => {
    expect(parser.parse("烧烤摊半夜两三点还在吵", NOW)).toBeNull();
  });
});

describe("今年 before a lunar month: the one within this calendar year", () => {
  // 7 December 2026: the lunar year 丙午's 腊月 is still ahead (January 2027).
  readAt("2026-12-07T10:00:00+08:00", [
    ["今年腊月", "今年腊月", "2026-02-02", true],
    ["今年正月", "今年正月", "2026-03-03", true],
    ["去年腊月", "去年腊月", "2026-02-02", true],
  ]);
  // In February 2027 this year's 腊月 is the one in its January.
  readAt("2027-02-03T10:00:00+08:00", [["今年腊月", "今年腊月", "2027-01-22", true]]);
});

describe("a time read as a guess, at the time question", () => {
  it.each([
    ["去年腊月二十几", "去年腊月二十几（约 2026年2月）", "2026-02-11", null, "month"],
    ["上个月二十几号", "上个月二十几号（约 2026年10月）", "2026-10-24", null, "month"],
    ["夜里两三点", "夜里两三点（约 2026年11月28日 02:00）", "2026-11-28", "02:00", "day"],
  ])(
    "shows %s on the summary as %s (as said, never a made-up day) and files it as a guess",
    async (answer, shown, date, time, precision) => {
      const { c, world } = await askedWhenAt("2026-11-28T10:00:00+08:00");
      await c.say(answer);
      expect(c.state.step).toBe("photos");
      await c.tap("没有照片");
      await c.tap("匿名反映");
      expect(c.text).toContain(`【时间】${shown}\n`);
      await c.tap("提交");
      expect(world.submitter.submissions[0]?.occurredAt).toEqual({
        text: answer,
        date,
        time,
        approximate: true,
        precision,
      });
    },
  );
});
