/** The small pure helpers the conversation relies on. */
import { describe, expect, it } from "vitest";
import { parseCommand } from "../../../src/domain/intake/events.ts";
import {
  isUnknownTimeAnswer,
  parseOccurredAt,
  undatedTimeAnswer,
} from "../../../src/domain/intake/occurred-at.ts";
import {
  nameInText,
  parseChinesePhone,
  readTypedContact,
  chinesePhoneParser,
} from "../../../src/domain/intake/phone.ts";
import { toHalfWidth } from "../../../src/domain/half-width.ts";
import { checkDescription, normaliseTrackingNo } from "../../../src/domain/intake/text-quality.ts";
import { catalogOf } from "../../../src/i18n/t.ts";

// Saturday 2026-11-28, 10:00 in Beijing.
const NOW = new Date("2026-11-28T10:00:00+08:00");

describe("parseOccurredAt (Beijing time, always in the past)", () => {
  const expectations: [string, string, string | null, boolean][] = [
    ["昨天", "2026-11-27", null, false],
    ["前天下午", "2026-11-26", null, false],
    ["大前天", "2026-11-25", null, false],
    ["3天前", "2026-11-25", null, false],
    ["三天前", "2026-11-25", null, false],
    ["三四天前", "2026-11-24", null, true],
    ["前几天", "2026-11-25", null, true],
    ["上周", "2026-11-21", null, true],
    ["上礼拜", "2026-11-21", null, true],
    ["上周三", "2026-11-18", null, false],
    ["星期五", "2026-11-27", null, false],
    ["一周前", "2026-11-21", null, true],
    ["半个月前", "2026-11-13", null, true],
    ["上个月", "2026-10-28", null, true],
    ["上个月20号", "2026-10-20", null, false],
    ["10月5号", "2026-10-05", null, false],
    ["十月五日", "2026-10-05", null, false],
    ["10.1号", "2026-10-01", null, false],
    ["9/20号", "2026-09-20", null, false],
    ["12月5号", "2025-12-05", null, false],
    ["20号", "2026-11-20", null, false],
    ["29号", "2026-10-29", null, false],
    ["2026-10-05", "2026-10-05", null, false],
    ["2025年3月8日", "2025-03-08", null, false],
    ["去年8月", "2025-08-01", null, true],
    ["昨晚八点半", "2026-11-27", "20:30", false],
    ["昨天晚上8点", "2026-11-27", "20:00", false],
    ["今天早上7点", "2026-11-28", "07:00", false],
    ["yesterday", "2026-11-27", null, false],
    ["3 days ago", "2026-11-25", null, false],
    ["5 October", "2026-10-05", null, false],
  ];
  for (const [text, date, time, approximate] of expectations) {
    it(`reads “${text}”`, () => {
      expect(parseOccurredAt(text, NOW)).toMatchObject({ date, time, approximate });
    });
  }

  it.each(["下周一", "下个星期五", "村里通知说下周一要来拆俺家的房子"])(
    "reads no past day in a day to come: %s",
    (text) => {
      expect(parseOccurredAt(text, NOW)).toBeNull();
    },
  );

  it.each([
    // A day, exact or about: 前几天 is a day, if not which one.
    ["昨天", "2026-11-27", "day"],
    ["3号", "2026-11-03", "day"],
    ["上周三", "2026-11-18", "day"],
    ["前几天", "2026-11-25", "day"],
    ["一周前", "2026-11-21", "day"],
    ["半个月前", "2026-11-13", "day"],
    ["大概是上个月10号", "2026-10-10", "day"],
    ["中秋节前后", "2026-09-25", "day"],
    ["a few days ago", "2026-11-25", "day"],
    // A month, and no day in it.
    ["三个月前", "2026-08-28", "month"],
    ["两个多月了", "2026-09-28", "month"],
    ["上个月", "2026-10-28", "month"],
    ["今年3月", "2026-03-01", "month"],
    ["去年8月", "2025-08-01", "month"],
    ["8月中旬", "2026-08-11", "month"],
    ["上个月底", "2026-10-31", "month"],
    ["年初", "2026-01-01", "month"],
    ["去年年底", "2025-12-01", "month"],
    ["去年底", "2025-12-01", "month"],
    ["2023年3月", "2023-03-01", "month"],
    ["2023年的3月份", "2023-03-01", "month"],
    ["2023年初", "2023-01-01", "month"],
    // This month, answering the time question ("俺的养老金这个月没发" … "就这个月呀").
    ["就这个月呀", "2026-11-01", "month"],
    ["本月", "2026-11-01", "month"],
    ["半年前", "2026-05-28", "month"],
    ["开学以后", "2026-09-01", "month"],
    ["two months ago", "2026-09-28", "month"],
    // A season.
    ["去年夏天", "2025-06-01", "season"],
    ["今年春天", "2026-03-01", "season"],
    ["2023年春天", "2023-03-01", "season"],
    ["last summer", "2026-06-01", "season"],
    // A year.
    ["去年", "2025-07-01", "year"],
    ["前年", "2024-07-01", "year"],
    ["大前年", "2023-07-01", "year"],
    ["大前年冬天", "2023-12-01", "season"],
    ["好几年了", "2023-11-28", "year"],
    ["两年前", "2024-11-28", "year"],
    ["一年多了", "2025-11-28", "year"],
    ["去年上半年", "2025-01-01", "year"],
    // A year by its number: never "so many years ago" (2023年 read as 2,023 years showed 3年).
    ["2023年", "2023-07-01", "year"],
    ["从2023年开始的", "2023-07-01", "year"],
    // Two digits are a year before a month, a season or a part of it, or where the words say a
    // point in time ("从23年开始"); a year to come is of the last century ("98年").
    ["23年3月", "2023-03-01", "month"],
    ["25年12月份就停了", "2025-12-01", "month"],
    ["23年底", "2023-12-01", "month"],
    ["24年夏天", "2024-06-01", "season"],
    ["从23年开始的", "2023-07-01", "year"],
    ["打23年起就没发过", "2023-07-01", "year"],
    ["98年的时候", "1998-07-01", "year"],
    // Two digits alone as the answer: the year (not 23 or 98 years ago).
    ["23年", "2023-07-01", "year"],
    ["大概是98年", "1998-07-01", "year"],
    // A season said as a point in time, the one just past or under way.
    ["春天的时候", "2026-03-01", "season"],
    ["冬天那会儿", "2025-12-01", "season"],
    // …and otherwise a number of years.
    ["都23年了", "2003-11-28", "year"],
    ["two years ago", "2024-11-28", "year"],
  ])("says how precisely “%s” gives the time: %s, to its %s", (text, date, precision) => {
    expect(parseOccurredAt(text, NOW)).toMatchObject({ date, precision });
  });

  it.each(["俺的养老金这个月没发，打电话问社保局", "2027年"])(
    "reads no time in “%s” (this month inside a story: the time is asked; a year ahead)",
    (text) => {
      expect(parseOccurredAt(text, NOW)).toBeNull();
    },
  );

  it("uses the Beijing date even when the server's UTC date is still yesterday", () => {
    const earlyMorning = new Date("2026-11-28T01:00:00+08:00");
    expect(parseOccurredAt("昨天", earlyMorning)?.date).toBe("2026-11-27");
    expect(parseOccurredAt("今天", earlyMorning)?.date).toBe("2026-11-28");
  });

  it.each([
    ["一个星期了", "2026-11-21", true],
    ["一个多星期了", "2026-11-21", true],
    ["半个月", "2026-11-13", true],
    ["差不多半个月了", "2026-11-13", true],
    ["好几天了", "2026-11-25", true],
    ["三天了", "2026-11-25", false],
    ["三天多了", "2026-11-25", true],
    ["大概十来天了", "2026-11-18", true],
    ["有二十来天了", "2026-11-08", true],
    ["一个来月了", "2026-10-28", true],
    ["两个多月了", "2026-09-28", true],
    ["快俩月了", "2026-09-28", true],
    ["天天晚上都这样，快俩月了", "2026-09-28", true],
    ["半月了", "2026-11-13", true],
    ["一年多了", "2025-11-28", true],
    ["前几天", "2026-11-25", true],
    ["上礼拜", "2026-11-21", true],
    ["昨天晚上", "2026-11-27", false],
    ["夜儿个后晌", "2026-11-27", false],
    ["夜个黑了", "2026-11-27", false],
  ])("takes how long or when, as a citizen answers: %s → %s", (text, date, approximate) => {
    expect(parseOccurredAt(text, NOW)).toMatchObject({ date, approximate });
  });

  it.each([
    ["下水道堵了一个星期了", "一个星期了", "2026-11-21", true],
    ["我们这停水三天了，一直没人来修", "三天了", "2026-11-25", false],
    ["路灯坏了一个多月了，晚上很黑", "一个多月了", "2026-10-28", true],
    ["工地晚上施工，吵了半个月了", "半个月了", "2026-11-13", true],
    ["楼上漏水都好几天了没人管", "好几天了", "2026-11-25", true],
    ["俺村那条路坏了两三年没人修", "两三年", "2023-11-28", true],
    ["工钱拖了十几天还不给", "十几天", "2026-11-13", true],
    ["暖气两个多月不热了", "两个多月", "2026-09-28", true],
  ])("takes how long it has lasted from the description: %s", (text, words, date, approximate) => {
    expect(parseOccurredAt(text, NOW)).toMatchObject({ text: words, date, approximate });
  });

  it.each([
    ["路灯坏了一个星期了", "一个星期了", "2026-11-21", true],
    ["路灯坏了一个星期了，可是一直没人来修", "一个星期了", "2026-11-21", true],
    ["楼上漏水半个月了，物业却一直不管", "半个月了", "2026-11-13", true],
    ["俺们小区停电两天了，现在还没来电", "两天了", "2026-11-26", false],
    ["路灯坏了三天了，现在晚上黑得啥也看不见", "三天了", "2026-11-25", false],
    ["孩子的学籍办了三个多月了，到现在也没办下来", "三个多月了", "2026-08-28", true],
  ])(
    "takes a duration in the clause about the matter, whatever is said after it: %s",
    (text, words, date, approximate) => {
      expect(parseOccurredAt(text, NOW)).toMatchObject({ text: words, date, approximate });
    },
  );

  it.each([
    "俺家老伴瘫在床上好几年了，低保却被取消了",
    "低保给取消了，俺家老伴都瘫在床上好几年了",
    "俺在这个厂打工三个多月了，厂里突然说要关门",
    "俺娘卧床两年了，但是今年的残疾补贴没发",
    "我们在这个小区住了好几年了，结果开发商又在楼下盖了个变电站",
  ])(
    "does not take a duration of the citizen's life beside the matter (the time is asked): %s",
    (text) => {
      expect(parseOccurredAt(text, NOW)).toBeNull();
    },
  );

  it("takes the matter's own time said after a background duration", () => {
    expect(parseOccurredAt("俺家老伴瘫在床上好几年了，低保上个月被取消了", NOW)).toMatchObject({
      text: "上个月",
    });
  });

  it.each([
    ["下水道堵了好几天了，臭得不行\n前天开始的", "前天", "2026-11-26", false],
    ["路灯坏了一个多月了，从上周起就一盏都不亮", "上周", "2026-11-21", true],
    ["去年就漏水，昨天又塌了一块", "去年", "2025-07-01", true],
  ])(
    "takes the time said to be when it began over the first one: %s",
    (text, words, date, approximate) => {
      expect(parseOccurredAt(text, NOW)).toMatchObject({ text: words, date, approximate });
    },
  );

  it.each([
    ["two weeks", "two weeks", "2026-11-14", true],
    ["for 3 days now", "for 3 days now", "2026-11-25", false],
    ["The street light has been broken for two weeks", "for two weeks", "2026-11-14", true],
    ["We have had no water for the past few days", "for the past few days", "2026-11-25", true],
    ["The lift hasn't worked for a month", "for a month", "2026-10-28", true],
    ["it has been going on for about two weeks", "for about two weeks", "2026-11-14", true],
    ["about three days", "about three days", "2026-11-25", true],
    ["a couple of weeks", "a couple of weeks", "2026-11-14", true],
    ["every night since about two weeks", "since about two weeks", "2026-11-14", true],
    ["Since 3 days no water", "Since 3 days", "2026-11-25", false],
  ])("takes how long it has lasted in English: %s", (text, words, date, approximate) => {
    expect(parseOccurredAt(text, NOW)).toMatchObject({ text: words, date, approximate });
  });

  it.each([
    ["last Monday", "last Monday", "2026-11-23", false],
    ["It started on Thursday", "on Thursday", "2026-11-26", false],
    ["last Saturday", "last Saturday", "2026-11-21", false],
    ["since October", "since October", "2026-10-01", true],
    ["in early November", "early November", "2026-11-05", true],
    ["late December", "late December", "2025-12-25", true],
  ])("takes a weekday or a month said in English: %s", (text, words, date, approximate) => {
    expect(parseOccurredAt(text, NOW)).toMatchObject({ text: words, date, approximate });
  });

  it("does not take a weekday that is a name ('the Monday market')", () => {
    expect(parseOccurredAt("the Monday market is noisy", NOW)).toBeNull();
  });

  it("does not take an English duration that says nothing about when the matter began", () => {
    expect(
      parseOccurredAt("I have lived here for ten years and the bus is always late", NOW),
    ).toBeNull();
    expect(parseOccurredAt("The market is open for two days a week", NOW)).toBeNull();
  });

  it.each([
    ["这学期开学以后", "2026-09-01"],
    ["开学以来一直这样", "2026-09-01"],
    ["过了年就开始漏水", "2026-02-17"],
    ["春节后", "2026-02-17"],
    ["国庆之后", "2026-10-01"],
    ["从国庆节到现在俺们村自来水三天两头停", "2026-10-01"],
    ["打春以后就没发过", "2026-02-04"],
    ["开春的时候", "2026-02-04"],
    ["十一假期", "2026-10-01"],
    ["十一的时候", "2026-10-01"],
    ["麦罢就不给浇地了", "2026-06-01"],
    ["打过年到今天一直没发", "2026-02-17"],
    ["放暑假以后", "2026-07-15"],
    ["上个月底", "2026-10-31"],
    ["上个月初", "2026-10-01"],
    ["这个月中旬", "2026-11-11"],
    ["12月底", "2025-12-31"],
    ["去年8月中旬", "2025-08-11"],
    ["上周末", "2026-11-21"],
    ["最近一周每天晚上", "2026-11-21"],
    ["近三个月一直漏水", "2026-08-28"],
  ])("reads an occasion, a part of a month or a recent stretch: %s → %s", (text, date) => {
    expect(parseOccurredAt(text, NOW)).toMatchObject({ date, approximate: true });
  });

  it("counts 过年 from the Spring Festival of the year, last year's before it", () => {
    const january = new Date("2026-01-10T10:00:00+08:00");
    expect(parseOccurredAt("过年以后", january)?.date).toBe("2025-01-29");
  });

  it.each([
    ["2036-03-10T10:00:00+08:00", "2036-01-28"],
    ["2050-02-01T10:00:00+08:00", "2050-01-23"],
  ])("knows the Spring Festival of years to come (%s → %s)", (now, festival) => {
    expect(parseOccurredAt("春节以后", new Date(now))?.date).toBe(festival);
  });

  it.each([
    ["春节以后", "2027-03-01T10:00:00+08:00", "2027-02-06"],
    ["春节以后", "2030-03-01T10:00:00+08:00", "2030-02-03"],
    ["中秋节那天", "2025-11-01T10:00:00+08:00", "2025-10-06"],
    ["端午前后", "2025-07-01T10:00:00+08:00", "2025-05-31"],
    ["冬至以后", "2027-01-05T10:00:00+08:00", "2026-12-22"],
    ["清明节前后", "2025-05-01T10:00:00+08:00", "2025-04-04"],
    ["除夕那天", "2026-03-01T10:00:00+08:00", "2026-02-16"],
    ["正月初一那天", "2026-03-01T10:00:00+08:00", "2026-02-17"],
    ["平安夜那天", "2026-01-05T10:00:00+08:00", "2025-12-24"],
  ])("knows the Chinese calendar's and the sun's days: %s, said %s → %s", (text, now, date) => {
    expect(parseOccurredAt(text, new Date(now))?.date).toBe(date);
  });

  it("counts an occasion not yet come this year from last year's", () => {
    expect(parseOccurredAt("中秋节以后", new Date("2026-09-01T10:00:00+08:00"))?.date).toBe(
      "2025-10-06",
    );
  });

  it("does not take an occasion's or a recent stretch's look-alikes", () => {
    expect(parseOccurredAt("五一路口的下水道堵了", NOW)).toBeNull();
    expect(parseOccurredAt("国庆路上的路灯不亮", NOW)).toBeNull();
    expect(parseOccurredAt("十一月", NOW)).toBeNull();
    expect(parseOccurredAt("夏天太热，空调外机对着我家窗户", NOW)).toBeNull();
    expect(parseOccurredAt("附近两年新开的饭馆油烟大", NOW)).toBeNull();
    expect(parseOccurredAt("每天都停水", NOW)).toBeNull();
    expect(parseOccurredAt("学校开学要交的钱太多", NOW)).toBeNull();
    expect(parseOccurredAt("半夜个老是有大车过", NOW)).toBeNull();
    expect(parseOccurredAt("三月", NOW)).toBeNull();
    expect(parseOccurredAt("雨水倒灌进地下室", NOW)).toBeNull();
    expect(parseOccurredAt("下了大雪以后路面结冰没人管", NOW)).toBeNull();
    expect(parseOccurredAt("老板说年前结清工资，到现在也没给", NOW)).toBeNull();
    expect(parseOccurredAt("春节前能不能把工资发了", NOW)).toBeNull();
    expect(parseOccurredAt("老板说年后再给", NOW)).toBeNull();
    expect(parseOccurredAt("端午节发的福利没发", NOW)).toBeNull();
    expect(parseOccurredAt("每月初都停水", NOW)).toBeNull();
    expect(parseOccurredAt("两年后再说", NOW)).toBeNull();
    expect(parseOccurredAt("May I ask about the bus", NOW)).toBeNull();
  });

  it("does not take a duration that says nothing about when the matter began", () => {
    expect(parseOccurredAt("住了三年的房子漏水", NOW)).toBeNull();
    expect(parseOccurredAt("在这住了五年了，楼下饭店油烟大", NOW)).toBeNull();
    expect(parseOccurredAt("这楼盖了三十年了，墙皮掉", NOW)).toBeNull();
    expect(parseOccurredAt("每天早上五点就开始放音乐", NOW)).toBeNull();
    expect(parseOccurredAt("他三天两头来闹", NOW)).toBeNull();
    expect(parseOccurredAt("路灯只亮了一天又坏了", NOW)).toBeNull();
    expect(parseOccurredAt("都5月了", NOW)).toBeNull();
  });

  it("finds the time inside a longer description and ignores house numbers", () => {
    expect(parseOccurredAt("3号楼的电梯从上周三开始就坏了", NOW)).toMatchObject({
      text: "上周三",
      date: "2026-11-18",
    });
    expect(parseOccurredAt("住在5号院", NOW)).toBeNull();
    expect(parseOccurredAt("这周一直在施工", NOW)).toBeNull();
    expect(parseOccurredAt("到今天还没修好", NOW)).toBeNull();
    expect(parseOccurredAt("路灯坏了", NOW)).toBeNull();
  });

  it("knows when the citizen does not remember", () => {
    for (const text of ["不记得了", "忘了", "记不清", "I don't remember"])
      expect(isUnknownTimeAnswer(text)).toBe(true);
    expect(isUnknownTimeAnswer("昨天")).toBe(false);
  });
});

describe("when, said without a day, as the answer to the time question", () => {
  it.each([
    "好长时间了",
    "打我搬来就这样",
    "半夜两三点",
    "一到下雨就漏",
    "a long time",
    "ever since I moved in",
    "late at night",
    "whenever it rains",
  ])("keeps %s as the citizen's words", (answer) => {
    expect(undatedTimeAnswer(answer)).toEqual({ text: answer, date: null, ongoing: false });
  });

  it.each(["天天都这样", "每天晚上", "每天晚上十点以后", "一到晚上就这样", "经常这样", "三天两头"])(
    "keeps %s as going on until now: no day, so none is taken for its start",
    (answer) => {
      expect(parseOccurredAt(answer, NOW)).toBeNull();
      expect(undatedTimeAnswer(answer)).toEqual({ text: answer, date: null, ongoing: true });
    },
  );

  it.each(["那天正下雨", "那天", "修好了", "路灯坏了", "it was raining that day"])(
    "reads no time in %s",
    (answer) => {
      expect(undatedTimeAnswer(answer)).toBeNull();
    },
  );
});

describe("a name said in the complaint", () => {
  it.each([
    ["红绿灯坏了，我叫张建国，电话13912345678", "张建国"],
    ["姓名：李秀英 13800000000", "李秀英"],
    ["有事找联系人王大爷", "王大爷"],
    ["我叫刘强电话13800000000", "刘强"],
    ["俺是王庄村的，俺叫李桂兰，电话13903941234，变压器老冒火花", "李桂兰"],
    ["我是东关的老王，路灯坏了半个月了", "老王"],
    ["俺是老李", "老李"],
    ["我是王家庄的张大爷，电话13912345678", "张大爷"],
    ["俺就是小赵，上回打过电话", "小赵"],
    ["我是张建国，东关的，俺家门口井盖没了", "张建国"],
    ["俺是李桂兰，村东头变压器老冒火花", "李桂兰"],
    ["喂 我是刘强 我想反映个事", "刘强"],
    ["恁好，我是东关的王秀英，路灯坏了", "王秀英"],
    ["咱是赵军电话13912345678", "赵军"],
    ["我是王师，路灯坏了", "王师"],
    ["我是王老师", "王老师"],
    ["我是刘师傅，电话13912345678", "刘师傅"],
    ["我是李女士，电话13912345678", "李女士"],
    ["我是王先生", "王先生"],
    ["我是李局长", "李局长"],
    ["我是王兵，电话13912345678", "王兵"],
    ["俺是李海生，村东头变压器老冒火花", "李海生"],
    ["我是陈卫兵", "陈卫兵"],
    ["我是张学友", "张学友"],
  ])("reads it from %s", (text, name) => {
    expect(nameInText(text)).toBe(name);
  });

  it.each([
    "我是业主，电梯坏了",
    "我叫了好几次都没人管",
    "本人住在三号楼",
    "俺叫了三回都没人来",
    "我是这个小区的业主",
    "我是环卫工人",
    "我是外地来打工的，工资一直没发",
    "我是残疾人",
    "我是老师，学校乱收费",
    "我是老农，种子是假的",
    "我是周口人",
    "我是老党员，",
    "我是老王家的媳妇",
    "我是李庄村的村民",
    "我是学生",
    "我是张庄的",
    "我是王家庄村民",
    "我是沈丘人，",
    "我是党员",
    "我是房东",
    "我是车主，停车场乱收费",
    "我是高中生",
    "我是项城的",
    "我是李庄村",
    "我是李主任的邻居",
    "我是王老师的学生家长",
    "我是刘师傅的徒弟",
    "我是卫兵",
    "我是毕业生",
    "我是车友",
    "我是石匠",
    "我是老师傅",
    "我是安保",
  ])("reads none from %s", (text) => {
    expect(nameInText(text)).toBeNull();
  });
});

describe("phone numbers", () => {
  it.each([
    ["13812345678", "13812345678", "mobile"],
    ["138 1234 5678", "13812345678", "mobile"],
    ["+86 138-1234-5678", "13812345678", "mobile"],
    ["8613812345678", "13812345678", "mobile"],
    ["１３８１２３４５６７８", "13812345678", "mobile"],
    ["0394-8123456", "0394-8123456", "landline"],
    ["(0394)8123456", "0394-8123456", "landline"],
    ["03948123456", "0394-8123456", "landline"],
    ["8123456", "0394-8123456", "landline"],
    ["010-62345678", "010-62345678", "landline"],
    ["+86 394 8123456", "0394-8123456", "landline"],
  ])("accepts %s as %s", (typed, display, kind) => {
    expect(parseChinesePhone(typed)).toEqual({ display, kind });
  });

  it.each([
    "12345678901",
    "1381234567",
    "138123456789",
    "0394-812345",
    "12345",
    "abc",
    "",
    "0394-0123456",
  ])("rejects %s", (typed) => {
    expect(parseChinesePhone(typed)).toBeNull();
  });

  it("separates a typed name from the number", () => {
    expect(readTypedContact("张秀英 13812345678", chinesePhoneParser)).toMatchObject({
      name: "张秀英",
      phone: { display: "13812345678" },
    });
    expect(readTypedContact("电话0394-8123456", chinesePhoneParser)).toMatchObject({
      name: null,
      hadDigits: true,
    });
    expect(readTypedContact("王大爷", chinesePhoneParser)).toMatchObject({
      phone: null,
      hadDigits: false,
    });
  });

  it("keeps the space of a name in Latin letters", () => {
    expect(readTypedContact("Tom Becker, +49 151 12345678", chinesePhoneParser)).toMatchObject({
      name: "Tom Becker",
      phone: { kind: "international", display: "+4915112345678" },
    });
    expect(readTypedContact("我叫 张 秀英，13812345678", chinesePhoneParser)).toMatchObject({
      name: "张秀英",
    });
  });

  it("takes the name a citizen introduces, not the words said before it", () => {
    expect(
      readTypedContact("俺们一共十几个人，都是沈丘的，我叫刘大壮 15936271845", chinesePhoneParser),
    ).toMatchObject({ name: "刘大壮", phone: { display: "15936271845" } });
    expect(
      readTypedContact("我是替俺爹反映的，我叫王秀兰，电话13698765432", chinesePhoneParser),
    ).toMatchObject({ name: "王秀兰" });
  });

  it("takes a surname said alone as the name, and no name from a sentence around the number", () => {
    expect(readTypedContact("我没有手机 家里座机8123456 我姓王", chinesePhoneParser)).toMatchObject(
      { name: "王", phone: { display: "0394-8123456" } },
    );
    // Words that are no name leave the name to be asked.
    expect(
      readTypedContact("这是俺闺女的手机号码有事打给她 13698765432", chinesePhoneParser),
    ).toMatchObject({ name: null });
    expect(readTypedContact("欧阳娜娜 13698765432", chinesePhoneParser)).toMatchObject({
      name: "欧阳娜娜",
    });
  });

  it("takes the phone number, not the ID card's number said before it", () => {
    expect(
      readTypedContact(
        "张志强，身份证号410622198503151234，联系电话13837654321",
        chinesePhoneParser,
      ),
    ).toMatchObject({ phone: { display: "13837654321" } });
  });

  it.each([
    ["I'm Tom, +86 139 0394 1234", "Tom"],
    ["Hi, my name is Anna Schmidt and my phone is 13903941234", "Anna Schmidt"],
    ["This is Mike Andrews, mobile: 13903941234", "Mike Andrews"],
    ["Name: Myra Isaacs  Tel 13903941234", "Myra Isaacs"],
  ])("takes the name out of the English words around it: %s", (typed, name) => {
    expect(readTypedContact(typed, chinesePhoneParser)).toMatchObject({
      name,
      phone: { display: "13903941234" },
    });
  });

  it("reads a surname said alone, also politely (免贵姓李), as the name", () => {
    expect(readTypedContact("免贵姓李，电话13812345678", chinesePhoneParser)).toMatchObject({
      name: "李",
      phone: { display: "13812345678" },
    });
  });

  it("reads a number said digit by digit, as voice input and some elderly writers give it", () => {
    expect(readTypedContact("俺姓刘，电话一三九八七六五四三二一", chinesePhoneParser)).toEqual({
      name: "刘",
      phone: { kind: "mobile", display: "13987654321" },
      hadDigits: true,
      introducedAlone: true,
    });
    // 幺 is 1 on the phone; groups may be spaced.
    expect(readTypedContact("刘桂英 幺三九 幺二三四 五六七八", chinesePhoneParser)).toMatchObject({
      name: "刘桂英",
      phone: { display: "13912345678" },
    });
    expect(
      readTypedContact("我叫王建国 零三九四 八一二三四五六", chinesePhoneParser),
    ).toMatchObject({ name: "王建国", phone: { display: "0394-8123456" } });
    // A name that ends in a digit's letter stays a name.
    expect(readTypedContact("张三 13812345678", chinesePhoneParser)).toMatchObject({
      name: "张三",
      phone: { display: "13812345678" },
    });
    expect(readTypedContact("张三 一三九八七六五四三二一", chinesePhoneParser)).toMatchObject({
      name: "张三",
      phone: { display: "13987654321" },
    });
    expect(readTypedContact("一二三四五六七", chinesePhoneParser)).toMatchObject({
      phone: null,
      hadDigits: true,
    });
  });
});

describe("checkDescription", () => {
  /** No injection guard: the words as typed (bad-input.test.ts reads them through the real one). */
  const unscreened = (text: string) => text;
  it("accepts a short but meaningful sentence and tidies spaces", () => {
    expect(checkDescription("  路灯坏了  ", unscreened)).toEqual({ ok: true, text: "路灯坏了" });
  });
  it("accepts numbers told with words of the matter", () => {
    expect(checkDescription("3号楼2单元的电梯坏了", unscreened)).toMatchObject({ ok: true });
  });
  it.each([
    ["", "empty"],
    ["🙏🙏🙏", "no_words"],
    ["。。。！！", "no_words"],
    ["410102195003071234", "numbers_only"],
    ["123 456", "numbers_only"],
    ["啊啊啊啊啊", "too_short"],
    ["好", "too_short"],
    ["我要投诉", "generic"],
    ["x".repeat(2001), "too_long"],
  ])("refuses %j (%s)", (text, problem) => {
    expect(checkDescription(text, unscreened)).toMatchObject({ ok: false, problem });
  });
});

describe("commands and numbers", () => {
  it("reads a command typed as text, with a bot suffix or a full-width slash", () => {
    expect(parseCommand("/status@ZkBot ZK-20261128-0042")).toEqual({
      name: "status",
      args: "ZK-20261128-0042",
    });
    expect(parseCommand("／help")).toEqual({ name: "help", args: "" });
    expect(parseCommand("路灯坏了 /help")).toBeNull();
  });

  it("normalises tracking numbers as citizens type them", () => {
    expect(normaliseTrackingNo("zk 20261128 0042")).toBe("ZK-20261128-0042");
    expect(normaliseTrackingNo("ＺＫ－20261128－0042")).toBe("ZK-20261128-0042");
  });

  it("reads a tracking number pasted from the receipt with its label, stop or unseen marks", () => {
    expect(normaliseTrackingNo("编号：ZK-20261128-0042。")).toBe("ZK-20261128-0042");
    expect(normaliseTrackingNo("（ZK-20261128-0042）")).toBe("ZK-20261128-0042");
    expect(normaliseTrackingNo("\u200bZK-20261128-0042\u200e")).toBe("ZK-20261128-0042");
    expect(normaliseTrackingNo("ZK-2026\u200d1128-0042\ufeff")).toBe("ZK-20261128-0042");
  });

  it("reads a serial typed without its leading zeros as the day's same case", () => {
    expect(normaliseTrackingNo("zk 20261128 42")).toBe("ZK-20261128-0042");
    expect(normaliseTrackingNo("ZK-20261128-1")).toBe("ZK-20261128-0001");
    // A day's ten-thousandth case has five digits, as stored.
    expect(normaliseTrackingNo("ZK-20261128-10000")).toBe("ZK-20261128-10000");
  });

  it("reads full-width letters, digits and signs as ASCII, one character for one", () => {
    expect(toHalfWidth("电话１３８ ＺＫ－０１：３０！")).toBe("电话138 ZK-01:30!");
    // Chinese punctuation is not a full-width form of ASCII and stays as written.
    expect(toHalfWidth("路灯坏了。、")).toBe("路灯坏了。、");
  });
});

describe("catalogues", () => {
  it("have the same keys in every language, and no entry is blank", () => {
    const zh = catalogOf("zh");
    const en = catalogOf("en");
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const catalog of [zh, en]) {
      for (const [key, entry] of Object.entries(catalog)) {
        if (entry.length === 0) expect((entry as () => string)(), key).not.toBe("");
      }
    }
  });
});
