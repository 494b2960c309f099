import { beforeEach, describe, expect, it } from "vitest";
import { Conversation, createWorld, finishAnonymously } from "./fakes.ts";

/** Tiananmen, Beijing: outside every area of the demo city's places file. */
const BEIJING = { latitude: 39.908, longitude: 116.397 };

describe("a matter whose place is outside the city (周口市)", () => {
  let c: Conversation;
  beforeEach(async () => {
    c = new Conversation(await createWorld());
    await c.command("new");
  });

  it("tells a worker whose site is in another city where such a matter goes, and still files it here when it concerns the city, the place outside kept with the case", async () => {
    await c.say("老板跑了，我们工地二十多个人三个月工资没发");
    await c.tap("对，就是这个");
    await c.say("在郑州东区那个龙湖的工地，项目叫锦城");
    expect(c.state.step).toBe("region");
    expect(c.text).toContain("您说的郑州市不在周口市范围内");
    expect(c.text).toContain("郑州市的事请向当地反映（可以拨打当地的 12345 热线）");
    expect(c.text).toContain("如果这件事和周口市有关（比如单位、老板在周口市），也可以在这里反映");
    expect(c.labels).toEqual(expect.arrayContaining(["项城市", "全市范围的事", "不清楚"]));

    await c.tap("项城市");
    expect((await finishAnonymously(c)).submission).toMatchObject({
      region: "xiangcheng",
      address: "在郑州东区那个龙湖的工地，项目叫锦城",
      outsideCity: { place: "郑州市" },
    });
  });

  it("leaves the county to the clerk when the citizen cannot tell which county it concerns", async () => {
    await c.say("在深圳打工被欠了三个月工资，老板是俺们这的人");
    await c.tap("对，就是这个");
    await c.say("深圳宝安区的厂里");
    expect(c.text).toContain("您说的深圳市不在周口市范围内");
    await c.tap("不清楚");
    expect((await finishAnonymously(c)).submission).toMatchObject({
      region: null,
      address: "深圳宝安区的厂里",
      outsideCity: { place: "深圳市" },
    });
  });

  it("tells a citizen whose shared location is outside the city, without naming a place, and files the case as outside", async () => {
    await c.say("小区门口的路灯坏了，晚上黑得很");
    await c.tap("对，就是这个");
    await c.send({ type: "location", ...BEIJING });
    expect(c.state.step).toBe("region");
    expect(c.text).toContain("收到位置。这个位置不在周口市范围内");
    expect(c.text).toContain("外地的事请向当地反映");

    await c.tap("不清楚");
    const { submission } = await finishAnonymously(c);
    expect(submission).toMatchObject({ location: BEIJING, outsideCity: { place: null } });
  });

  it("asks the county as ever when the place is in the city, or only a road named after a place elsewhere", async () => {
    await c.say("北京路和七一路口的路灯坏了，晚上黑得很");
    await c.tap("对，就是这个");
    expect(c.state.step).toBe("region");
    expect(c.text).toContain("您说的地方在哪个县区？请点一下：");
    expect(c.text).not.toContain("不在周口市范围内");

    await c.tap("川汇区");
    expect((await finishAnonymously(c)).submission.outsideCity).toBeNull();
  });

  it("tells it in English, naming the place as the list of divisions does", async () => {
    await c.command("lang", "en");
    await c.say("My boss in Shenzhen has not paid my wages for three months");
    await c.tap("Unpaid wages");
    await c.say("a factory in Shenzhen");
    expect(c.text).toContain("The place you mentioned (深圳市) is outside Zhoukou.");
    expect(c.text).toContain("the local 12345 hotline");
  });
});
