/** /mycases and /status show only the citizen's own cases; /lang switches to English. */
import { beforeEach, describe, expect, it } from "vitest";
import { createRegionDetector } from "../../../src/classification/region-detector.ts";
import { createIntakeEngine } from "../../../src/domain/intake/engine.ts";
import {
  acceptedWageCase,
  citizenCase,
  Conversation,
  createWorld,
  finishInEnglish,
} from "./fakes.ts";
import type { World } from "./fakes.ts";

/**
 * A world whose classifier takes every description for a street problem written in English,
 * with the real region detector reading the words (pinyin and English names too).
 */
async function municipalInEnglishWithRegionsRead() {
  const world = await createWorld();
  world.classifier.answer = {
    category: "municipal",
    confidence: 0.9,
    alternatives: [{ category: "municipal", confidence: 0.9 }],
    unsure: false,
    language: "en",
    region: null,
    explanation: [{ kind: "model", category: "municipal", confidence: 0.9, doubt: null }],
    method: "model",
  };
  const realDetector = createRegionDetector(world.directory);
  const engine = createIntakeEngine({
    ...world.deps,
    regionDetector: { detect: (text) => realDetector.detect(text).region },
  });
  return { world, engine };
}

describe("my cases", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    world = await createWorld();
    c = new Conversation(world, "telegram:1001");
    world.cases.add(
      "telegram:1001",
      acceptedWageCase({
        timeline: [
          { at: new Date("2026-11-20T09:00:00+08:00"), kind: "submitted" },
          {
            at: new Date("2026-11-22T15:30:00+08:00"),
            kind: "accepted",
            detail: "已交川汇区人社局办理",
          },
        ],
      }),
    );
    world.cases.add(
      "telegram:9999",
      citizenCase("ZK-20261121-0008", {
        category: "health",
        submittedAt: new Date("2026-11-21T09:00:00+08:00"),
      }),
    );
  });

  it("lists the citizen's own cases with their status", async () => {
    await c.command("mycases");
    expect(c.text).toContain("ZK-20261120-0007");
    expect(c.text).toContain("人社劳动 · 2026年11月20日提交 · 已受理");
    expect(c.text).not.toContain("ZK-20261121-0008");
    expect(c.labels).toEqual(["查看 ZK-20261120-0007"]);
    await c.tap("查看 ZK-20261120-0007");
    expect(c.text).toContain("2026年11月22日 15:30 已受理：已交川汇区人社局办理");
  });

  it("shows one case with its timeline, and answers for someone else's number as if it did not exist", async () => {
    await c.command("status", "zk 20261120 0007");
    expect(c.text).toContain("编号：ZK-20261120-0007");
    expect(c.text).toContain("现在：已受理");
    expect(c.text).toContain("2026年11月20日 09:00 您提交了反映");

    await c.command("status", "ZK-20261121-0008");
    expect(c.text).toContain("没有找到您反映的编号为 ZK-20261121-0008 的事");
    expect(c.text).not.toContain("卫生健康");
  });

  it("tells by when the answer is due while the unit handles it", async () => {
    world.cases.cases[0]!.detail = acceptedWageCase({
      status: "in_progress",
      answerDueAt: new Date("2027-01-21T23:59:59+08:00"),
    });
    await c.command("status", "ZK-20261120-0007");
    expect(c.text).toContain("现在：正在办理\n最晚 2027年1月21日 前答复。");
  });

  it("tells a case under review apart from its first handling, with the review's day", async () => {
    world.cases.cases[0]!.detail = acceptedWageCase({
      status: "in_progress",
      underReview: 1,
      answerDueAt: new Date("2027-01-05T23:59:59+08:00"),
      timeline: [
        { at: new Date("2026-11-20T09:00:00+08:00"), kind: "submitted" },
        { at: new Date("2026-12-01T10:00:00+08:00"), kind: "answered" },
        { at: new Date("2026-12-03T10:00:00+08:00"), kind: "review_requested" },
      ],
    });
    await c.command("status", "ZK-20261120-0007");
    expect(c.text).toContain("现在：正在复查\n最晚 2027年1月5日 前给您意见。");
    await c.command("lang", "en");
    await c.command("status", "ZK-20261120-0007");
    expect(c.text).toContain("Now: under review\nThe review's opinion is due by");
  });

  it("shows the answer in full, and how to rate it while it waits for a rating", async () => {
    const answer = {
      text: "经核实，工资已于12月5日补发到位。",
      at: new Date("2026-12-05T10:00:00+08:00"),
      outcome: "support",
      reviewStage: 0,
      promisedBy: null,
    } as const;
    world.cases.cases[0]!.detail = acceptedWageCase({ status: "answered", answer, mayRate: true });
    await c.command("status", "ZK-20261120-0007");
    expect(c.text).toContain(
      "办理单位的答复（2026年12月5日）：\n经核实，工资已于12月5日补发到位。\n\n事情解决了吗？直接回复“解决了”或“没解决”就行。",
    );

    // Rated, it is shown without the hint; a review's opinion is named as such.
    world.cases.cases[0]!.detail = acceptedWageCase({
      status: "answered",
      answer: { ...answer, reviewStage: 1 },
      mayRate: false,
    });
    await c.command("status", "ZK-20261120-0007");
    expect(c.text).toContain("复查意见（2026年12月5日）：\n经核实");
    expect(c.text).not.toContain("事情解决了吗");
  });

  it("explains /status without a number, and says so when there are no cases", async () => {
    await c.say("/status");
    expect(c.text).toContain("请在 /status 后面写上编号");
    const stranger = new Conversation(world, "telegram:5");
    await stranger.command("mycases");
    expect(stranger.text).toContain("在这个对话里，您还没有反映过事情");
  });

  it("tells a citizen with no case in this chat where a case filed elsewhere is read", async () => {
    // Filed by phone at the 12345 hotline, asked after in a chat that never saw it.
    const hotline = createIntakeEngine({ ...world.deps, servicePhone: "12345" });
    const caller = new Conversation({ ...world, engine: hotline }, "telegram:6");
    await caller.say("我反映的事办得怎么样了");
    expect(caller.text).toContain("在别处反映的（打电话、网页等）这里查不到");
    expect(caller.text).toContain("有编号和查询码的，可以在网页的“查询进度”里查看");
    expect(caller.text).toContain("也可以打 12345 问");
    expect(caller.text).toContain("有事要反映，直接说就行");

    const english = new Conversation(world, "telegram:7");
    await english.say("how is my complaint going?");
    expect(english.text).toContain("A report made elsewhere (by phone, on the web) is not listed");
    expect(english.text).not.toContain("You can also call");
  });

  it("keeps the draft and asks its question again after looking at cases", async () => {
    await c.command("new");
    await c.say("单位拖欠工资半年了");
    await c.command("mycases");
    expect(c.last).toHaveLength(2);
    expect(c.last[1]?.text).toContain("【人社劳动】");
    expect(c.state.step).toBe("category");
  });

  it("apologises when the cases cannot be read, and reports why", async () => {
    world.cases.failing = true;
    await c.command("mycases");
    expect(c.text).toContain("暂时查不到");
    expect(world.problems).toHaveLength(1);
  });
});

describe("English", () => {
  it("switches with /lang en and asks the current question again in English", async () => {
    const c = new Conversation(await createWorld());
    await c.command("new");
    await c.say("楼下饭店卖过期食品");
    await c.command("lang", "en");
    expect(c.state.locale).toBe("en");
    expect(c.text).toContain("OK, I'll write in English");
    expect(c.text).toContain("“Food safety and consumer rights”");
    await c.tap("Yes, that's right");
    expect(c.text).toContain("Where did it happen?");
    expect(c.last[0]?.requestLabel).toBe("📍 Send my location");
    await c.say("Renmin Road 5, near the bus station");
    expect(c.text).toContain("Which county or district is that address in?");
    await c.tap("Chuanhui District");
    await c.say("3 days ago");
    expect(c.state.draft?.occurredAt).toMatchObject({ date: "2026-11-25" });
    await c.tap("No photos");
    await c.tap("Stay anonymous");
    expect(c.text).toContain("Topic: Food safety and consumer rights");
    expect(c.text).toContain("Where: Chuanhui District, Renmin Road 5, near the bus station");
    expect(c.text).toContain("When: 25 November 2026");
    await c.tap("Send");
    expect(c.text).toContain("Your tracking number: ZK-20261128-0001");
    expect(c.text).toContain("Within 15 days (by 13 December 2026)");
  });

  it("takes the road, district and time a first message in English gives, and asks none of them", async () => {
    const { world, engine } = await municipalInEnglishWithRegionsRead();
    const c = new Conversation({ ...world, engine });
    await c.command("lang", "en");
    await c.say(
      "The street light on Qiyi Road in Chuanhui district has been broken for two weeks, it is very dark at night.",
    );
    await c.tap("Yes, start a report");
    await c.tap("Yes, that's right");

    expect(c.state.step).toBe("photos");
    await c.tap("No photos");
    await c.tap("Stay anonymous");
    expect(c.text).toContain("Where: Chuanhui District, Qiyi Road");
    expect(c.text).toContain("When: “for two weeks”");
  });

  it("takes a road an English first message names as the street signs spell it (Qiyi Lu)", async () => {
    const { world, engine } = await municipalInEnglishWithRegionsRead();
    const c = new Conversation({ ...world, engine });
    await c.command("lang", "en");
    await c.say("The streetlight on Qiyi Lu has been broken for a week");
    await c.tap("Yes, start a report");
    await c.tap("Yes, that's right");

    // The road is 七一路 in Chuanhui district: neither the place nor the county is asked.
    expect(c.state.step).toBe("photos");
    await c.tap("No photos");
    await c.tap("Stay anonymous");
    expect(c.text).toContain("Where: Chuanhui District, Qiyi Lu\n");
  });

  it("takes a road an English first message writes in small letters (renmin rd)", async () => {
    const { world, engine } = await municipalInEnglishWithRegionsRead();
    const c = new Conversation({ ...world, engine });
    await c.command("lang", "en");
    await c.say("The street light on renmin rd in Chuanhui district has been broken for a week");
    await c.tap("Yes, start a report");
    await c.tap("Yes, that's right");

    expect(c.state.step).toBe("photos");
    await c.tap("No photos");
    await c.tap("Stay anonymous");
    expect(c.text).toContain("Where: Chuanhui District, renmin rd\n");
  });

  it("shows the district once when the address names it without its level", async () => {
    const { world, engine } = await municipalInEnglishWithRegionsRead();
    const c = new Conversation({ ...world, engine });
    await c.command("lang", "en");
    await c.command("new");
    await c.say("The street light outside my building has been broken for a week");
    await c.tap("Yes, that's right");
    await c.say("Wanda Plaza, Chuanhui");
    await c.tap("No photos");
    await c.tap("Stay anonymous");
    expect(c.text).toContain("Where: Wanda Plaza, Chuanhui\n");
    expect(c.state.draft?.region?.code).toBe("chuanhui");
  });

  it("keeps a landmark a first message in English names, with where from it", async () => {
    const { world, engine } = await municipalInEnglishWithRegionsRead();
    const c = new Conversation({ ...world, engine });
    await c.command("lang", "en");
    await c.say(
      "The street light outside Qiyi Road primary school in Chuanhui district has been broken for two weeks.",
    );
    await c.tap("Yes, start a report");
    await c.tap("Yes, that's right");
    expect(c.state.step).toBe("photos");
    await c.tap("No photos");
    await c.tap("Stay anonymous");
    expect(c.text).toContain("Where: Chuanhui District, outside Qiyi Road primary school\n");
    await c.tap("Send");
    expect(world.submitter.submissions.at(-1)).toMatchObject({
      region: "chuanhui",
      address: "outside Qiyi Road primary school",
    });
  });

  it("keeps a town named in pinyin, and asks for the road within it, as the Chinese conversation does", async () => {
    const { world, engine } = await municipalInEnglishWithRegionsRead();
    const withCounty = new Conversation({ ...world, engine });
    await withCounty.command("lang", "en");
    await withCounty.say(
      "I live in Dongxiating town, Xihua county. The street light on our road is broken, it is very dark at night.",
    );
    await withCounty.tap("Yes, start a report");
    await withCounty.tap("Yes, that's right");
    expect(withCounty.state.step).toBe("street");
    expect(withCounty.text).toContain("in Dongxiating Town (东夏亭镇), Xihua County is it near?");
    await withCounty.tap("Skip");
    const { submission } = await finishInEnglish(withCounty);
    expect(submission).toMatchObject({ region: "xihua", address: "东夏亭镇" });

    // The town alone says the county, as 东夏亭镇 does.
    const townOnly = new Conversation({ ...world, engine }, "telegram:1002");
    await townOnly.command("lang", "en");
    await townOnly.say("The street light in Dongxiating Town is broken, it is very dark at night.");
    await townOnly.tap("Yes, start a report");
    await townOnly.tap("Yes, that's right");
    expect(townOnly.state.draft?.region).toEqual({
      code: "xihua",
      source: "description",
      town: "东夏亭镇",
    });
    expect(townOnly.text).toContain("in Dongxiating Town (东夏亭镇), Xihua County is it near?");
  });

  it("answers a citizen who writes English in English, until they choose a language", async () => {
    const c = new Conversation(await createWorld());
    await c.say("My landlord kept my deposit of 3000 yuan when I moved out");
    expect(c.state.locale).toBe("en");
    expect(c.text).toContain("You wrote in English, so I'll reply in English");
    expect(c.text).toContain("需要中文回复，请发 /lang zh");
    expect(c.text).toContain("Shall I start a new report with this?");

    await c.say("楼下饭店卖过期食品");
    expect(c.state.locale).toBe("zh");
    expect(c.text).toContain("您写的是中文，我也用中文回复");
  });

  it("keeps the chosen language whatever the citizen writes, and reads pinyin as Chinese", async () => {
    const chose = new Conversation(await createWorld());
    await chose.command("lang", "zh");
    await chose.say("The street light on Renmin Road is broken");
    expect(chose.state.locale).toBe("zh");

    const pinyin = new Conversation(await createWorld(), "telegram:1002");
    await pinyin.say("wo jia men kou de lu deng huai le");
    expect(pinyin.state.locale).toBe("zh");
  });

  it("takes yes typed in pinyin as yes (dui), for phones without a Chinese keyboard", async () => {
    const world = await createWorld();
    world.classifier.answer = await world.classifier.classify("我家门口的路灯坏了很久了");
    const c = new Conversation(world);
    await c.command("new");
    await c.say("wo jia men kou de lu deng huai le hen jiu le");
    expect(c.state.step).toBe("category");
    await c.say("dui");
    expect(c.state.draft?.category).toBe("municipal");
    expect(c.state.step).not.toMatch(/^category/);
  });

  it("offers the languages as buttons with a bare /lang", async () => {
    const c = new Conversation(await createWorld());
    await c.command("lang");
    expect(c.labels).toEqual(["中文", "English"]);
    await c.tap("English");
    expect(c.state.locale).toBe("en");
    expect(c.labels).toContain("Report a problem");
    await c.tap("Report a problem");
    expect(c.text).toContain("Please tell me in words what happened");
  });
});
