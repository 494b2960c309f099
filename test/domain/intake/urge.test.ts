/**
 * A citizen urging their running case on (催办): words typed after filing that urge it ("能不能快点，
 * 老伴冻病了", "催一下") are suggested as an addition, and on the yes the case is urged — counted
 * (第 N 次催办) and the unit holding it told — with the words kept as an addition. Urged once a
 * day: a second urge the same day still adds its words, and the citizen hears it was urged today
 * already. An answered case is no longer urged.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { Conversation, citizenCase, createWorld, type World } from "./fakes.ts";

const OWN = "ZK-20261120-0003";

/** A Telegram citizen whose case OWN is being handled. */
async function citizenWithRunningCase(): Promise<{ world: World; c: Conversation }> {
  const world = await createWorld();
  world.cases.add("telegram:1001", citizenCase(OWN, { status: "in_progress" }));
  return { world, c: new Conversation(world, "telegram:1001") };
}

describe("urging a running case on (催办)", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    ({ world, c } = await citizenWithRunningCase());
  });

  it("urges the case on the yes to the suggestion, and says the unit will hurry", async () => {
    await c.say("能不能快点，老伴冻病了");
    expect(c.text).toContain(`要为 ${OWN}（市政市容）催办吗？您说的话也会一并补充`);
    expect(c.labels).toEqual(["是，催办", "不是，这是新的事"]);
    await c.tap("是，催办");
    expect(world.supplements.urged).toEqual([{ trackingNo: OWN, ordinal: 1 }]);
    expect(world.supplements.added).toEqual([{ trackingNo: OWN, text: "能不能快点，老伴冻病了" }]);
    expect(c.text).toBe(
      `已为您催办，承办单位会尽快处理。（编号 ${OWN}，第 1 次催办；您说的情况已一并补充）`,
    );
    expect(c.labels).toContain("我要反映问题");
  });

  it("tells a citizen who urges twice the same day that it was urged today already", async () => {
    await c.say("帮我催一下");
    await c.tap("是，催办");
    await c.say("麻烦抓紧给处理一下");
    await c.tap("是，催办");
    expect(world.supplements.urged).toEqual([
      { trackingNo: OWN, ordinal: 1 },
      { trackingNo: OWN, ordinal: null },
    ]);
    expect(world.supplements.added.map((a) => a.text)).toEqual([
      "帮我催一下",
      "麻烦抓紧给处理一下",
    ]);
    expect(c.text).toBe(
      `编号 ${OWN} 今天已经为您催办过了，承办单位会尽快处理。您说的情况已补充到事项中，办理的工作人员会看到。`,
    );
  });

  it("says so in English", async () => {
    await c.command("lang", "en");
    await c.say("please hurry");
    expect(c.text).toContain(`Urge ${OWN} (City streets and public spaces) on?`);
    await c.tap("Yes, urge it");
    expect(c.text).toBe(
      `We have urged no. ${OWN} on for you (urge no. 1); the unit handling it will deal with it as soon as possible. What you said was added to the case.`,
    );
  });

  it("adds words that only tell a detail without urging anything", async () => {
    await c.say("对了 是楼上602的");
    expect(c.text).toContain(`要把这句话补充到 ${OWN}（市政市容）吗？`);
    await c.tap("是，补充");
    expect(world.supplements.urged).toEqual([]);
    expect(c.text).toBe(`已补充到编号 ${OWN}，办理的工作人员会看到。`);
  });

  it("says an answered case is no longer urged on, when it was answered before the yes", async () => {
    await c.say("能不能快点");
    world.cases.cases[0]!.detail = { ...world.cases.cases[0]!.detail, status: "answered" };
    await c.tap("是，催办");
    expect(world.supplements.urged).toEqual([]);
    expect(c.text).toContain(`编号 ${OWN} 已经答复、办结或撤回，不能再催办了。`);
  });
});

describe("a citizen fed up with telling it again, with a case running", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    ({ world, c } = await citizenWithRunningCase());
  });

  it.each([
    "这个问题反映好几次了，不想再反映了",
    "我都说了多少遍了",
    "跟你们讲过三回了还是没人来",
    "俺打了好几次电话了",
  ])("is asked whether to urge the case on (%s)", async (words) => {
    await c.say(words);
    expect(c.text).toContain(`要为 ${OWN}（市政市容）催办吗？`);
    expect(c.labels).toEqual(["是，催办", "不是，这是新的事"]);
    await c.tap("是，催办");
    expect(world.supplements.urged).toEqual([{ trackingNo: OWN, ordinal: 1 }]);
  });

  it("is asked so in English", async () => {
    await c.command("lang", "en");
    await c.say("I have told you many times");
    expect(c.text).toContain(`Urge ${OWN} (City streets and public spaces) on?`);
  });

  it("is not asked to urge when the words tell of being hit many times (another matter)", async () => {
    await c.say("孩子在学校被同学打了好几次");
    expect(c.labels).not.toContain("是，催办");
  });
});
