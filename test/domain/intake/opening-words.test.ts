/**
 * Elderly citizens type as they talk on the hotline, or speak through voice-to-text: "喂 你好",
 * "同志你好", "那个，", "对了", "请问一下", "hello, hi there" come before what they mean. Every
 * reply is read past them, as the same words without them would be — a yes, a no, an edit, a
 * withdrawal, an addition, a status question, thanks — while the words kept as the citizen's
 * (a description, words offered for filing) stay as written, and a greeting said alone is still
 * a greeting.
 */
import { describe, expect, it } from "vitest";
import { withoutFillers } from "../../../src/domain/opening-words.ts";
import { Conversation, atTheTimeQuestion, citizenCase, createWorld, type World } from "./fakes.ts";

const RUNNING = "ZK-20261120-0003";
const ANSWERED = "ZK-20261120-0007";

type Before = (world: World, c: Conversation) => Promise<void>;

const nothing: Before = async () => {};
const aCaseRunning: Before = async (world) => {
  world.cases.add("telegram:1001", citizenCase(RUNNING, { status: "in_progress" }));
};
const anAnswer: Before = async (world) => {
  world.cases.add("telegram:1001", citizenCase(ANSWERED, { status: "answered" }));
};
const wordsOffered: Before = async (_, c) => {
  await c.say("光明路的路灯坏了一个星期了");
};
const atTheCategory: Before = async (_, c) => {
  await c.command("new");
  await c.say("我们小区门口的下水道堵了，臭得很");
};
const atThePlace: Before = async (world, c) => {
  await atTheCategory(world, c);
  await c.tap("对，就是这个");
};
const atTheTime: Before = async (_, c) => atTheTimeQuestion(c);
const askedToCancel: Before = async (_, c) => {
  await atTheTimeQuestion(c);
  await c.say("算了不弄了");
};
const atThePhotos: Before = async (_, c) => {
  await atTheTimeQuestion(c);
  await c.tap("不记得了");
};
const atTheSummary: Before = async (_, c) => {
  await atTheTimeQuestion(c);
  await c.tap("不记得了");
  await c.tap("没有照片");
  await c.tap("匿名反映");
};
const atTheName: Before = async (world, c) => {
  await atTheSummary(world, c);
  await c.tap("修改");
  await c.tap("联系方式");
  await c.say("13912345678");
  expect(c.state.step).toBe("contact_name");
};
const askedWhatToChange: Before = async (world, c) => {
  await atTheSummary(world, c);
  await c.tap("修改");
};

/** What the conversation answers to `words`, after `before`. */
async function answerTo(before: Before, words: string) {
  const world = await createWorld();
  const c = new Conversation(world, "telegram:1001");
  await before(world, c);
  await c.say(words);
  const { step, pending } = c.state;
  return { text: c.text, labels: c.labels, step, pending: pending?.kind ?? null };
}

describe("a caller's opening words and fillers", () => {
  it.each<[string, string, Before]>([
    ["嗯 那个 好的", "好的", wordsOffered],
    ["那个，不用了", "不用了", wordsOffered],
    ["哎 同志 继续", "继续", askedToCancel],
    ["那个，对", "对", atTheCategory],
    ["嗯 那个 不对", "不对", atTheCategory],
    ["同志你好，不想说", "不想说", atThePlace],
    ["那个，记不清了", "记不清了", atTheTime],
    ["同志你好，算了不弄了", "算了不弄了", atTheTime],
    ["那个，都不要了", "都不要了", atTheTime],
    ["喂 你好 嗯撤了吧", "嗯撤了吧", atTheTime],
    ["那个，没有照片", "没有照片", atThePhotos],
    ["嗯 那个 没问题", "没问题", atTheSummary],
    [
      "那个，地点不对，是项城市莲花路和光明路交叉口",
      "地点不对，是项城市莲花路和光明路交叉口",
      atTheSummary,
    ],
    ["对了 改一下地址", "改一下地址", askedWhatToChange],
    ["那个，不想说", "不想说", atTheName],
    ["喂 你好 我要投诉", "我要投诉", nothing],
    ["同志你好，俺想反映个事", "俺想反映个事", nothing],
    ["喂 同志你好 谢谢你们", "谢谢你们", nothing],
    ["同志你好 俺打过好几次12345了一直没人管", "俺打过好几次12345了一直没人管", nothing],
    ["对了 我想补充一下", "我想补充一下", aCaseRunning],
    [
      "喂 你好，补充一下：井盖旁边还有个大坑，已经有人摔倒了",
      "补充一下：井盖旁边还有个大坑，已经有人摔倒了",
      aCaseRunning,
    ],
    ["那个，换号了13712345678", "换号了13712345678", aCaseRunning],
    ["喂 你好 请问一下 我的事办得怎么样了", "我的事办得怎么样了", aCaseRunning],
    ["hello, hi there, how is my report", "how is my report", aCaseRunning],
    ["喂，同志你好，那个，解决了，挺满意的", "解决了，挺满意的", anAnswer],
  ])("reads %s as %s is read", async (opened, plain, before) => {
    expect(await answerTo(before, opened)).toEqual(await answerTo(before, plain));
  });

  it.each(["喂 你好", "同志你好", "你好，在吗", "喂喂喂", "hello", "hi there"])(
    "still answers %s, said alone, as a greeting",
    async (words) => {
      expect((await answerTo(nothing, words)).text).toBe((await answerTo(nothing, "你好")).text);
    },
  );

  it("keeps the description as the citizen wrote it, opening and all", async () => {
    const c = new Conversation(await createWorld());
    await c.command("new");
    await c.say("喂 你好 那个，俺们村那个路灯坏了好几天了，晚上黑乎乎的");
    expect(c.state.draft?.description).toBe(
      "喂 你好 那个，俺们村那个路灯坏了好几天了，晚上黑乎乎的",
    );
  });

  it("keeps the words offered for filing as the citizen wrote them", async () => {
    const c = new Conversation(await createWorld());
    await c.say("那个，俺们村那个路灯坏了好几天了，晚上黑乎乎的");
    expect(c.state.pending).toMatchObject({
      kind: "offer",
      text: "那个，俺们村那个路灯坏了好几天了，晚上黑乎乎的",
    });
  });

  it("takes an English opening as English, and the reply after it as meant", async () => {
    const c = new Conversation(await createWorld());
    await atTheTimeQuestion(c);
    await c.say("hello, forget it");
    expect(c.state.pending?.kind).toBe("cancel");
    expect(c.labels).toEqual(["Yes, don't send", "Keep going"]);
  });

  it.each([
    ["喂 你好 我要投诉", "我要投诉"],
    ["那个，解决了", "解决了"],
    ["那个那个 不用了", "不用了"],
    ["对了我想补充一下", "我想补充一下"],
    ["就是，还是没修", "还是没修"],
    ["麻烦问一下 能撤回吗", "能撤回吗"],
    ["um, send it", "send it"],
    ["Hello, hi there, withdraw it", "withdraw it"],
  ])("drops the opening of %s", (words, meant) => {
    expect(withoutFillers(words)).toBe(meant);
  });

  it.each([
    "那个事不用管了，撤了吧",
    "就是这个",
    "这个月的钱还没发",
    "还有人在吗",
    "额度不够",
    "history of the case",
    "喂 你好",
    "hello",
  ])("keeps %s whole: no opening, or nothing after it", (words) => {
    expect(withoutFillers(words)).toBe(words);
  });
});
