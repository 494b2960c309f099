/**
 * A citizen who reported a matter before, by the hotline or at the petition office, often opens
 * with only that ("我去年在12345反映过的事到现在也没解决"). With no case here, nothing tells which
 * matter it was: they are told so and asked to tell it again, and their words are kept with it,
 * so the clerk reads that it was reported before. With cases here, the words go on as ever.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { tellsOfEarlierReportOnly } from "../../../src/domain/intake/earlier-report-words.ts";
import { Conversation, citizenCase, createWorld, type World } from "./fakes.ts";

const CITIZEN = "telegram:1001";
const EARLIER = "我去年在12345反映过的事到现在也没解决";

describe("words of a matter reported before, without the matter", () => {
  it.each([
    EARLIER,
    "俺打过好几次12345了一直没人管",
    "之前反映过，一直没回复",
    "我在市长热线投诉过三次了，都没结果",
    "我之前打过电话了还没人管",
    // Without 过, and with the number that would have found it forgotten.
    "我上个月打12345反映的事到现在也没人管",
    "我上个月打12345反映的事到现在也没人管，编号不记得了",
    "上个月给12345反映的事还没回复，单号也忘了",
    // Fed up with telling it again, the matter not said.
    "这个问题反映好几次了，不想再反映了",
    "我都说了多少遍了",
    "跟你们讲过三回了还是没人来",
    "俺打了好几次电话了",
    "I have told you many times",
    "I've reported this three times already",
  ])("reads %s as only that", (words) => {
    expect(tellsOfEarlierReportOnly(words)).toBe(true);
  });

  it.each([
    "上个月反映过的路灯到现在也没修",
    "俺们村的路去年反映过到现在也没修",
    "去年反映过",
    "我在12345反映的路灯到现在也没人管",
    "路灯坏了",
    "路灯的事我说了好几次了",
    "孩子在学校被同学打了好几次",
    "I have told you many times the street light is broken",
  ])("reads %s as more than that, or not that", (words) => {
    expect(tellsOfEarlierReportOnly(words)).toBe(false);
  });
});

describe("a matter reported before, elsewhere", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    world = await createWorld();
    c = new Conversation(world, CITIZEN);
  });

  it("asks for the matter again, and keeps the words with it for the clerk", async () => {
    await c.say(EARLIER);
    expect(c.text).toContain("这里查不到您以前反映的记录");
    expect(c.labels).toEqual([]);

    await c.say("就是川汇区七一路幸福小区门口那个下水道，一下雨就淹，半年了");
    expect(c.state.pending).toMatchObject({
      kind: "offer",
      text: `${EARLIER}\n就是川汇区七一路幸福小区门口那个下水道，一下雨就淹，半年了`,
    });
    await c.tap("是，开始反映");
    expect(c.state.draft?.description).toContain(EARLIER);
  });

  it("asks for the matter again when the citizen only says they told it many times", async () => {
    await c.say("这个问题反映好几次了，不想再反映了");
    expect(c.text).toContain("这里查不到您以前反映的记录");
    expect(c.labels).toEqual([]);
  });

  it("goes on as ever when the citizen has cases here", async () => {
    world.cases.add(CITIZEN, citizenCase("ZK-20261120-0003", { status: "in_progress" }));
    await c.say(EARLIER);
    expect(c.text).not.toContain("这里查不到您以前反映的记录");
  });
});
