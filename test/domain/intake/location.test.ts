import { beforeEach, describe, expect, it } from "vitest";
import { DialogueStateSchema } from "../../../src/domain/intake/state.ts";
import {
  Conversation,
  createWorld,
  demoDirectory,
  finishAnonymously as finish,
  finishInEnglish,
  type World,
} from "./fakes.ts";

/** The crossing of 人民路 and 七一路 in 川汇区 (src/directory/default-places.geojson). */
const CHUANHUI = { latitude: 33.627, longitude: 114.652 };

describe("where a complaint is", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    world = await createWorld();
    c = new Conversation(world);
    await c.command("new");
  });

  /** A street light's draft, the place said only by the home (`home`), the county tapped. */
  async function atTheHomeQuestion(home: string): Promise<void> {
    await c.say("路灯坏了好几天了，晚上黑得很");
    await c.tap("对，就是这个");
    await c.say(home);
    await c.tap("川汇区");
    expect(c.state.step).toBe("street");
  }

  it("keeps the street named beside the district, and asks nothing more about the place", async () => {
    await c.say("井盖没了，晚上很危险，川汇区人民路");
    await c.tap("对，就是这个");
    expect(c.state.step).toBe("time");
    const { card, submission } = await finish(c);
    expect(card).toContain("【地点】川汇区，人民路\n");
    expect(submission).toMatchObject({
      region: "chuanhui",
      regionSource: "text",
      regionDecidedBy: "words",
      address: "人民路",
      location: null,
    });
  });

  it("asks where when the words say only 俺们村 and 镇上 (in the village, in town), naming none", async () => {
    await c.say("俺们村自来水三天两头停，一停就是一整天，找村里说是镇上水厂的事");
    await c.tap("停水、停电、燃气、暖气等");
    expect(c.state.step).toBe("place");
    expect(c.state.draft?.address).toBeNull();
  });

  it("asks once for the street or landmark when only the district is named, and keeps the answer", async () => {
    await c.say("川汇区的井盖没了，晚上很危险");
    await c.tap("对，就是这个");
    expect(c.state.step).toBe("street");
    expect(c.text).toContain("具体在川汇区哪条路");
    expect(c.labels).toContain("跳过");
    expect(c.last[0]?.request).toBe("location");
    await c.say("人民路和七一路路口");
    expect(c.state.step).toBe("time");
    const { card, submission } = await finish(c);
    expect(card).toContain("【地点】川汇区，人民路和七一路路口\n");
    expect(submission).toMatchObject({ region: "chuanhui", address: "人民路和七一路路口" });
  });

  it("asks once more, for the home's address, keeping the words, when the answer says where only to the citizen (俺家门口)", async () => {
    await c.say("川汇区的井盖没了，晚上很危险");
    await c.tap("对，就是这个");
    await c.say("就在俺家门口");
    expect(c.state.step).toBe("street");
    expect(c.text).toContain("您家在川汇区哪个小区、哪条街，门牌号是多少？");
    expect(c.labels).toContain("跳过");
    await c.say("建业小区3号楼");
    expect(c.state.step).toBe("time");
    const { submission } = await finish(c);
    expect(submission).toMatchObject({ address: "建业小区3号楼（就在俺家门口）" });
  });

  it("asks once for the home's address when the place is only by the citizen's home (就在我家门口), keeping the words", async () => {
    await atTheHomeQuestion("就在我家门口");
    expect(c.text).toContain(
      "工作人员要按地址找过去：您家在川汇区哪个小区、哪条街，门牌号是多少？比如“建业小区3号楼”“七一路32号”。不知道或者不方便说，点“跳过”就行",
    );
    expect(c.labels).toContain("跳过");
    await c.say("建业小区3号楼");
    expect(c.state.step).toBe("photos");
    await c.tap("没有照片");
    await c.tap("匿名反映");
    expect(c.text).toContain("【地点】川汇区，建业小区3号楼（就在我家门口）\n");
  });

  it.each(["就在我家附近的路口", "我家楼下那个路口", "俺家门口那个十字路口"])(
    "asks for the home's address when the place is a crossing known only by the home (%s)",
    async (home) => {
      await atTheHomeQuestion(home);
      expect(c.text).toContain("您家在川汇区哪个小区、哪条街，门牌号是多少？");
      await c.say("建业小区3号楼");
      expect(c.state.draft?.address).toBe(`建业小区3号楼（${home}）`);
    },
  );

  it.each(["川汇区我家楼下那个路口", "川汇区就在我家门口"])(
    "asks once for the home's address when the district comes before a place only by the home (%s), keeping the district",
    async (home) => {
      await c.say("路灯坏了好几天了，晚上黑得很");
      await c.tap("对，就是这个");
      await c.say(home);
      expect(c.state.step).toBe("street");
      expect(c.text).toContain("您家在川汇区哪个小区、哪条街，门牌号是多少？");
      await c.say("建业小区3号楼");
      expect(c.state.step).toBe("photos");
      expect(c.state.draft).toMatchObject({
        address: `建业小区3号楼（${home}）`,
        region: { code: "chuanhui" },
      });
    },
  );

  it("asks no home's address for a crossing of named roads by the home (我家楼下七一路和八一路路口)", async () => {
    await c.say("路灯坏了好几天了，晚上黑得很");
    await c.tap("对，就是这个");
    await c.say("我家楼下七一路和八一路路口");
    await c.tap("川汇区");
    expect(c.state.step).not.toBe("street");
  });

  it("asks for the home's address when the county is left to the clerk too, and takes the county it names", async () => {
    await c.say("路灯坏了好几天了，晚上黑得很");
    await c.tap("对，就是这个");
    await c.say("我家楼下");
    await c.tap("不清楚");
    expect(c.state.step).toBe("street");
    expect(c.text).toContain("您家在哪个小区、哪条街，门牌号是多少？");
    await c.say("川汇区建业小区");
    expect(c.state.draft).toMatchObject({
      address: "川汇区建业小区（我家楼下）",
      region: { code: "chuanhui", source: "address" },
    });
  });

  it.each(["不想说", "这个不方便说", "保密", "不知道", "就在俺家门口啊"])(
    "does not ask for the home's address again after %s, and keeps the place as said",
    async (reply) => {
      await atTheHomeQuestion("就在我家门口");
      await c.say(reply);
      expect(c.text).not.toContain("确定不提交了吗");
      expect(c.state.step).toBe("photos");
      expect(c.state.draft?.address).toBe("就在我家门口");
    },
  );

  it("asks for the home's address once even when the reply names no place (好的)", async () => {
    await atTheHomeQuestion("我家门口");
    await c.say("好的");
    expect(c.state.step).toBe("photos");
    expect(c.state.draft?.address).toBe("我家门口");
  });

  it("puts the place named later first when the first answer to 'where?' named none", async () => {
    await c.say("路灯坏了，晚上黑咕隆咚的");
    await c.tap("对，就是这个");
    await c.say("就俺家门口啊");
    expect(c.state.step).toBe("region");
    await c.tap("川汇区");
    await c.say("交通路跟中州大道那儿，文昌小区北门");
    const { card } = await finish(c);
    expect(card).toContain("【地点】川汇区，交通路跟中州大道那儿，文昌小区北门（就俺家门口啊）\n");
  });

  it("asks for the road when the place is the citizen's compound without its name (俺们小区门口)", async () => {
    await c.say("俺们小区门口那个下水道井盖子没了，晚上黑乎乎的");
    await c.tap("对，就是这个");
    await c.say("就在俺们小区门口啊");
    await c.tap("川汇区");
    expect(c.state.step).toBe("street");
    expect(c.text).toContain("具体在川汇区哪条路、哪个小区");
    await c.say("建业小区");
    const { submission } = await finish(c);
    expect(submission).toMatchObject({ address: "建业小区（就在俺们小区门口啊）" });
  });

  it("takes a second answer that still names no place, and goes on", async () => {
    await c.say("川汇区的井盖没了，晚上很危险");
    await c.tap("对，就是这个");
    await c.say("俺家门口");
    await c.say("就在俺家门口那儿");
    expect(c.state.step).toBe("time");
  });

  it("asks where a road from 我们村 to 镇上 is, and keeps the county, town and village", async () => {
    await c.say("我们村到镇上的那条路坑坑洼洼的，下雨天根本走不了");
    await c.tap("公交、出租车、网约车、客运站、村村通道路等");
    expect(c.state.step).toBe("place");
    await c.say("商水县练集镇王庄村");
    expect(c.state.draft?.region).toEqual({ code: "shangshui", source: "address", town: "练集镇" });
    expect(c.state.step).toBe("time");
    const { submission } = await finish(c);
    expect(submission).toMatchObject({ region: "shangshui", address: "商水县练集镇王庄村" });
  });

  it("asks only the county when the first message names the road", async () => {
    await c.say("文昌大道的路灯坏了两个星期了，晚上黑得很");
    await c.tap("对，就是这个");
    expect(c.state.step).toBe("region");
    expect(c.state.draft?.address).toBe("文昌大道");
  });

  it("takes the road from a first message in English too", async () => {
    await c.command("lang", "en");
    await c.say(
      "The street light outside my apartment on Wenchang Avenue has been broken for two weeks",
    );
    await c.tap("Streets, manholes");
    expect(c.state.step).toBe("region");
    expect(c.state.draft?.address).toBe("Wenchang Avenue");
  });

  it("asks for the road when the answer to 'where?' names only the district, in English too", async () => {
    await c.command("lang", "en");
    await c.say("The street light outside my apartment has been broken for two weeks");
    await c.tap("Streets, manholes");
    expect(c.state.step).toBe("place");
    await c.say("I think it's Chuanhui district");
    expect(c.state.draft?.placePrecision).toBe("region");
    expect(c.state.step).toBe("street");
  });

  it.each([
    "outside my home",
    "In front of my house.",
    "downstairs from my flat",
    "It's right outside my apartment",
  ])(
    "asks for the home's address in English when the place is only by the home (%s)",
    async (home) => {
      await c.command("lang", "en");
      await c.say("The street light has been broken for two weeks");
      await c.tap("Streets, manholes");
      expect(c.state.step).toBe("place");
      await c.say(home);
      await c.tap("Chuanhui District");
      expect(c.state.step).toBe("street");
      expect(c.text).toContain(
        "which housing estate or street in Chuanhui District is your home in",
      );
      await c.say("Jianye Community, Building 3");
      expect(c.state.draft?.address).toBe(`Jianye Community, Building 3 (${home})`);
    },
  );

  it("asks no home's address for a named road outside the home (Wenchang Avenue outside my house)", async () => {
    await c.command("lang", "en");
    await c.say("The street light has been broken for two weeks");
    await c.tap("Streets, manholes");
    await c.say("Wenchang Avenue outside my house");
    await c.tap("Chuanhui District");
    expect(c.state.step).not.toBe("street");
  });

  it("keeps the place, not the frame, of a county answer that says where the citizen is from", async () => {
    await c.say("俺们李庄村支书把低保名额都给他自家亲戚了，俺家老伴瘫在床上却评不上");
    await c.tap("对，就是这个");
    expect(c.state.step).toBe("region");
    await c.say("商水县的，俺是固墙镇李庄村的");
    expect(c.state.draft?.region).toEqual({ code: "shangshui", source: "citizen", town: "固墙镇" });
    const { submission } = await finish(c);
    expect(submission).toMatchObject({ region: "shangshui", address: "商水县，固墙镇李庄村" });
  });

  it("asks for the road within the town the first message named, and keeps the town before it", async () => {
    await c.say("俺是西华县东夏亭镇的，俺们那条路的路灯坏了，晚上黑得很");
    await c.tap("对，就是这个");
    expect(c.state.step).toBe("street");
    expect(c.text).toContain("具体在西华县东夏亭镇哪条路");
    await c.say("王庄村");
    const { card, submission } = await finish(c);
    expect(card).toContain("【地点】西华县，东夏亭镇 王庄村\n");
    expect(submission).toMatchObject({ region: "xihua", address: "东夏亭镇 王庄村" });
  });

  it("asks for the road within the town a typed address names", async () => {
    await c.say("路灯坏了好久了");
    await c.tap("对，就是这个");
    expect(c.state.step).toBe("place");
    await c.say("西华县东夏亭镇");
    expect(c.state.step).toBe("street");
    expect(c.text).toContain("具体在西华县东夏亭镇哪条路");
  });

  it("forgets the town the words named when the citizen picks another county", async () => {
    await c.say("俺是西华县东夏亭镇的，俺们那条路的路灯坏了，晚上黑得很");
    await c.tap("对，就是这个");
    await c.tap("跳过");
    await c.tap("不记得了");
    await c.tap("没有照片");
    await c.tap("匿名反映");
    await c.tap("修改");
    await c.tap("地点");
    await c.say("建设路88号");
    expect(c.state.step).toBe("region");
    await c.tap("川汇区");
    expect(c.state.draft?.region).toEqual({ code: "chuanhui", source: "citizen", town: null });
  });

  it("asks within the town of a draft stored with the town beside the region, as drafts were", async () => {
    await c.say("俺是西华县东夏亭镇的，俺们那条路的路灯坏了，晚上黑得很");
    await c.tap("对，就是这个");
    const stored = JSON.parse(JSON.stringify(c.state));
    stored.draft.town = stored.draft.region.town;
    delete stored.draft.region.town;
    c.state = DialogueStateSchema.parse(stored);
    expect(c.state.draft?.region).toEqual({
      code: "xihua",
      source: "description",
      town: "东夏亭镇",
    });
    await c.say("前年的事了");
    expect(c.text).toContain("具体在西华县东夏亭镇哪条路");
  });

  it("keeps the town of a shared point in a draft stored before the town went into the region", async () => {
    await c.say("这里的井盖丢了，很危险");
    await c.tap("对，就是这个");
    await c.send({ type: "location", ...CHUANHUI });
    const stored = JSON.parse(JSON.stringify(c.state));
    stored.draft.town = null;
    c.state = DialogueStateSchema.parse(stored);
    const { card } = await finish(c);
    expect(card).toContain("【地点】川汇区七一路街道，已发送位置\n");
  });

  it("keeps the town when the road is skipped, and asks within it in English too", async () => {
    await c.command("lang", "en");
    await c.say("西华县东夏亭镇的路灯坏了，晚上黑得很");
    await c.tap("Yes, that's right");
    expect(c.text).toContain("in Dongxiating Town (东夏亭镇), Xihua County is it near?");
    await c.tap("Skip");
    const { submission } = await finishInEnglish(c);
    expect(submission).toMatchObject({ region: "xihua", address: "东夏亭镇" });
  });

  it("keeps a place said beside 'I don't know' (a name not known is a detail, not the place)", async () => {
    await c.say("老板欠俺们工钱三个多月了，工地在项城市那个新开的楼盘");
    await c.tap("拖欠工资");
    expect(c.state.step).toBe("street");
    await c.say("就在莲花大道边上，叫什么名字俺不知道，挺大的工地");
    expect(c.state.step).not.toBe("street");
    expect(c.state.draft?.address).toContain("莲花大道");

    const other = new Conversation(world, "telegram:1002");
    await other.command("new");
    await other.say("路灯坏了好久了");
    await other.tap("对，就是这个");
    expect(other.state.step).toBe("place");
    await other.say("说不清是哪，就在七一路菜市场后面");
    expect(other.state.draft?.address).toBe("说不清是哪，就在七一路菜市场后面");
    expect(other.state.step).toBe("region");
    await other.say("不知道是哪个区，反正在七一路菜市场那边");
    expect(other.state.draft?.region).toEqual({ code: null, source: "citizen", town: null });
    expect(other.state.step).toBe("time");
  });

  it("keeps the place said at the county question without the words that do not know the county", async () => {
    world.classifier.answer = await world.classifier.classify("路灯坏了好久了");
    await c.say("文昌大道和人民路交叉口的路灯从昨天就不亮了");
    await c.tap("对，就是这个");
    expect(c.state.step).toBe("region");
    await c.say("不清楚，就在市中心万达广场附近");
    expect(c.state.draft?.region).toEqual({ code: null, source: "citizen", town: null });
    expect(c.state.draft?.address).toBe("文昌大道和人民路交叉口 就在市中心万达广场附近");
  });

  it("keeps a landmark said instead of the county, and leaves the county to the clerk", async () => {
    world.classifier.answer = await world.classifier.classify("路灯坏了好久了");
    await c.say("人民路的路灯坏了两个礼拜了，晚上黑乎乎的");
    await c.tap("对，就是这个");
    expect(c.state.step).toBe("region");
    await c.say("就在万达广场附近");
    expect(c.text).toContain(
      "地点记下了：就在万达广场附近。是哪个县区，工作人员会按这个地点确认。",
    );
    expect(c.state.draft?.region).toEqual({ code: null, source: "citizen", town: null });
    expect(c.state.draft?.address).toBe("人民路 就在万达广场附近");
    expect(c.state.step).toBe("photos");
  });

  it("keeps a place without a known name said instead of the county ('在火车站对面')", async () => {
    world.classifier.answer = await world.classifier.classify("路灯坏了好久了");
    await c.say("人民路的路灯坏了两个礼拜了");
    await c.tap("对，就是这个");
    await c.say("在火车站对面");
    expect(c.state.draft?.address).toBe("人民路 在火车站对面");
    expect(c.state.draft?.region?.code).toBeNull();
  });

  it("asks the county once more when the reply names none, then leaves it to the clerk", async () => {
    world.classifier.answer = await world.classifier.classify("路灯坏了好久了");
    await c.say("人民路的路灯坏了两个礼拜了");
    await c.tap("对，就是这个");
    await c.say("老城区那边");
    expect(c.text).toContain("没看出是哪个县区，请点下面的按钮选一个。");
    expect(c.state.step).toBe("region");
    await c.say("老城区那边啊");
    expect(c.text).toContain("好的，是哪个县区由工作人员帮您确认。");
    expect(c.state.draft?.region).toEqual({ code: null, source: "citizen", town: null });
    expect(c.state.draft?.address).toBe("人民路");
    expect(c.state.step).toBe("photos");
  });

  it("keeps a landmark said in English instead of the county", async () => {
    await c.command("lang", "en");
    world.classifier.answer = await world.classifier.classify("路灯坏了好久了");
    await c.say("the street light on Renmin Road has been broken for two weeks");
    await c.tap("Yes, that's right");
    expect(c.state.step).toBe("region");
    await c.say("not far from Wanda Plaza");
    expect(c.text).toContain("Our staff will find its county or district from it.");
    expect(c.state.draft?.address).toContain("Wanda Plaza");
  });

  it("keeps the county said beside 'I don't know', and does not ask the road the citizen cannot tell", async () => {
    await c.say("老板欠我们工资三个月了，一共十二个人，找他就说没钱，过年回不了家");
    await c.tap("对，就是这个");
    expect(c.state.step).toBe("place");
    await c.say("就在项城那边盖楼的工地，叫啥公司俺也不知道，老板姓赵");
    expect(c.state.draft?.region).toEqual({ code: "xiangcheng", source: "address", town: null });
    expect(c.state.draft?.address).toBe("就在项城那边盖楼的工地，叫啥公司俺也不知道，老板姓赵");
    // "三个月了" in the first message answered when.
    expect(c.state.step).toBe("photos");
  });

  it("keeps a place told after what the citizen cannot tell (no name, a boss's surname)", async () => {
    await c.say("老板跑了，欠俺们三个月工资");
    await c.tap("对，就是这个");
    expect(c.state.step).toBe("place");
    await c.say("不知道公司叫啥，包工头姓刘，在港区那个新建的物流园");
    expect(c.state.draft?.address).toBe("不知道公司叫啥，包工头姓刘，在港区那个新建的物流园");
    // No county in the words: it is asked, the road is not (the citizen said what they cannot tell).
    expect(c.state.step).toBe("region");
    await c.tap("不清楚");
    expect(c.state.draft?.address).toBe("不知道公司叫啥，包工头姓刘，在港区那个新建的物流园");
  });

  it("takes 'I don't know' alone as no place, at every place question", async () => {
    await c.say("川汇区的井盖没了，晚上很危险");
    await c.tap("对，就是这个");
    await c.say("俺也说不清在哪");
    expect(c.state.step).toBe("time");
    expect(c.state.draft?.address).toBeNull();
  });

  it("lets the citizen skip the street question, by button or in words, and never asks it again", async () => {
    await c.say("川汇区的井盖没了，晚上很危险");
    await c.tap("对，就是这个");
    await c.say("跳过");
    expect(c.state.step).toBe("time");
    await c.tap("不记得了");
    await c.tap("没有照片");
    await c.tap("匿名反映");
    await c.tap("修改");
    await c.tap("地点");
    await c.say("川汇区");
    expect(c.state.step).toBe("summary");

    const other = new Conversation(world, "telegram:1002");
    await other.command("new");
    await other.say("商水县的路灯坏了");
    await other.tap("对，就是这个");
    await other.tap("跳过");
    expect(other.state.step).toBe("time");
    expect(other.state.draft?.address).toBeNull();
  });

  it("asks for the street after a typed address that names only the district", async () => {
    await c.say("路灯坏了好久了");
    await c.tap("对，就是这个");
    expect(c.state.step).toBe("place");
    await c.say("川汇区");
    expect(c.state.step).toBe("street");
    await c.say("建设路");
    const { submission } = await finish(c);
    expect(submission.address).toBe("川汇区 建设路");
  });

  it("places a shared location in its district by the coordinates, and routes by it", async () => {
    await c.say("这里的井盖丢了，很危险");
    await c.tap("对，就是这个");
    expect(c.state.step).toBe("place");
    await c.send({ type: "location", ...CHUANHUI });
    expect(c.text).toContain("收到位置，在川汇区七一路街道。");
    expect(c.state.step).toBe("time");
    // The town is kept with the region it decided, as data; the summary reads it from there.
    expect(c.state.draft?.region).toEqual({
      code: "chuanhui",
      source: "coordinates",
      town: "七一路街道",
    });
    const { card, submission } = await finish(c);
    expect(card).toContain("【地点】川汇区七一路街道，已发送位置\n");
    expect(submission).toMatchObject({
      region: "chuanhui",
      regionSource: "coordinates",
      regionDecidedBy: "coordinates",
      address: null,
      location: CHUANHUI,
    });
  });

  it("names the town of a shared location in English too, in pinyin with its official name, before the district", async () => {
    await c.say("这里的井盖丢了，很危险");
    await c.command("lang", "en");
    await c.tap("Yes, that's right");
    await c.send({ type: "location", ...CHUANHUI });
    expect(c.text).toContain(
      "Location received: Qiyilu Subdistrict (七一路街道), Chuanhui District.",
    );
    await c.tap("I don't remember");
    await c.tap("No photos");
    await c.tap("Stay anonymous");
    expect(c.text).toContain(
      "Where: Qiyilu Subdistrict (七一路街道), Chuanhui District, location sent\n",
    );
  });

  it("says honestly that the town is not known when no town's area holds the point", async () => {
    const demo = await demoDirectory();
    const places = demo.places!;
    const towns = places.towns.map((t) => (t.region === "chuanhui" ? { ...t, area: null } : t));
    const townless = new Conversation(await createWorld({ ...demo, places: { ...places, towns } }));
    await townless.command("new");
    await townless.say("这里的井盖丢了，很危险");
    await townless.tap("对，就是这个");
    await townless.send({ type: "location", ...CHUANHUI });
    expect(townless.text).toContain("收到位置，在川汇区（从位置看不出是哪个乡镇或街道）。");
    const { card, submission } = await finish(townless);
    expect(card).toContain("【地点】川汇区，已发送位置\n");
    expect(submission).toMatchObject({ region: "chuanhui", regionSource: "coordinates" });
  });

  it("keeps the name of a shared place, and lets its words decide the district first", async () => {
    await c.say("这里的井盖丢了，很危险");
    await c.tap("对，就是这个");
    await c.send({ type: "location", ...CHUANHUI, address: "项城市莲花大道" });
    const { submission } = await finish(c);
    expect(submission).toMatchObject({
      region: "xiangcheng",
      regionSource: "text",
      regionDecidedBy: "address",
      address: "项城市莲花大道",
      location: CHUANHUI,
    });
  });

  it("takes a location as the answer to the street question, keeping the district the words named", async () => {
    await c.say("商水县的路灯坏了");
    await c.tap("对，就是这个");
    expect(c.state.step).toBe("street");
    await c.send({ type: "location", ...CHUANHUI });
    expect(c.state.step).toBe("time");
    const { submission } = await finish(c);
    expect(submission).toMatchObject({
      region: "shangshui",
      regionSource: "text",
      regionDecidedBy: "words",
      location: CHUANHUI,
    });
  });

  it("tells the routing explanation that the citizen chose the county when asked", async () => {
    await c.say("公司拖欠我三个月工资不给");
    await c.tap("对，就是这个");
    await c.say("建设路88号");
    expect(c.state.step).toBe("region");
    await c.tap("扶沟县");
    const { submission } = await finish(c);
    expect(submission).toMatchObject({
      region: "fugou",
      regionSource: "text",
      regionDecidedBy: "dialogue",
    });
    // Classified once, when the description came: its facts go with the filing as they are.
    expect(world.classifier.calls).toHaveLength(1);
  });

  it("gives a dialogue in flight when explanations became facts the classifier's reasons at filing", async () => {
    await c.say("公司拖欠我三个月工资不给");
    await c.tap("对，就是这个");
    await c.say("建设路88号");
    await c.tap("扶沟县");
    expect(world.classifier.calls).toHaveLength(1);
    // The draft as it was stored before: the classification kept a text, not facts.
    const stored = JSON.parse(JSON.stringify(c.state));
    delete stored.draft.classification.explanation;
    stored.draft.classification.rationale = "关键词“工资”→人社劳动；地区：无法从文字确定";
    c.state = DialogueStateSchema.parse(stored);
    expect(c.state.draft?.classification?.explanation).toEqual([]);

    const { submission } = await finish(c);
    expect(world.classifier.calls).toHaveLength(2);
    expect(submission.classification?.explanation).toEqual([
      { kind: "keyword", words: "工资", category: "labor" },
    ]);
    expect(submission).toMatchObject({ region: "fugou", regionDecidedBy: "dialogue" });
  });

  it("does not repeat the district in the English summary", async () => {
    await c.command("lang", "en");
    await c.say("The manhole cover is gone");
    await c.tap("Streets, manholes");
    await c.say("Qiyi Road, Chuanhui District");
    await c.tap("I don't remember");
    await c.tap("No photos");
    await c.tap("Stay anonymous");
    expect(c.text).toContain("Where: Qiyi Road, Chuanhui District\n");
  });
});

describe("a reply at the place question that names no place", () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld();
  });

  /** A citizen at the place question of a draft about a street light, under their own ref. */
  async function atThePlaceQuestion(ref: string): Promise<Conversation> {
    const c = new Conversation(world, ref);
    await c.command("new");
    await c.say("路灯坏了好久了，晚上黑得很");
    await c.tap("对，就是这个");
    expect(c.state.step).toBe("place");
    return c;
  }

  it("is not kept as the address: the place is asked again, with an example", async () => {
    for (const reply of ["麻烦了", "好的", "你们看着办吧", "ok", "谢谢你们", "好的，麻烦你们了"]) {
      const c = await atThePlaceQuestion(`telegram:${reply}`);
      await c.say(reply);
      expect(c.state.step).toBe("place");
      expect(c.state.draft?.address).toBeNull();
      expect(c.text).toContain("这句话里没有说到地点");
      expect(c.text).toContain("“王庄村东头”");
      expect(c.labels).toContain("说不清具体地址");
      expect(c.last.at(-1)?.request).toBe("location");
    }
  });

  it("is not kept as the address when it asks what to write: the place is asked again, with an example", async () => {
    for (const reply of ["要写什么", "写啥呀？", "怎么写", "啥意思", "没看懂"]) {
      const c = await atThePlaceQuestion(`telegram:${reply}`);
      await c.say(reply);
      expect(c.state.step).toBe("place");
      expect(c.state.draft?.address).toBeNull();
      expect(c.text).toContain("请写下哪条路、哪个村或者附近有什么地标");
    }
    const english = await atThePlaceQuestion("telegram:english");
    await english.command("lang", "en");
    await english.say("What do you mean?");
    expect(english.state.draft?.address).toBeNull();
    expect(english.text).toContain("Please write the road, the village or a landmark nearby");
  });

  it("goes on without the place at a second such reply, as 说不清具体地址 does", async () => {
    const c = await atThePlaceQuestion("telegram:1001");
    await c.say("你们看着办吧");
    await c.say("好的");
    expect(c.state.step).toBe("region");
    expect(c.state.draft?.address).toBeNull();
    await c.tap("川汇区");
    // The road is not asked: the citizen said twice they would not tell it.
    expect(c.state.step).toBe("time");
  });

  it("takes not knowing how to say it as not knowing where, and asks only the county", async () => {
    const c = await atThePlaceQuestion("telegram:1001");
    await c.say("不知道咋说");
    expect(c.state.step).toBe("region");
    expect(c.state.draft?.address).toBeNull();
    await c.tap("不清楚");
    expect(c.state.step).toBe("time");
  });

  it("takes a short place the citizen knows by its name, a not-knowing beside it too", async () => {
    for (const place of [
      "王庄村",
      "县医院门口",
      "东关",
      "人民路12号",
      "No. 5 Renmin Road",
      "不知道具体地址，就在县一高后面",
    ]) {
      const c = await atThePlaceQuestion(`telegram:${place}`);
      await c.say(place);
      expect(c.state.draft?.address).toBe(place);
      expect(c.state.step).toBe("region");
    }
  });

  it.each([
    ["俺家在幸福小区3号楼", "幸福小区3号楼"],
    ["我家住在七一路32号", "七一路32号"],
  ])("keeps %s as the place without the words saying it is home", async (said, address) => {
    const c = await atThePlaceQuestion("telegram:1001");
    await c.say(said);
    expect(c.state.draft?.address).toBe(address);
  });

  it("keeps 我家门口 as written, a place near home, never an empty address", async () => {
    const c = await atThePlaceQuestion("telegram:1001");
    await c.say("我家门口");
    expect(c.state.draft?.address).toBe("我家门口");
  });

  it("says so in English too", async () => {
    const c = await atThePlaceQuestion("telegram:1001");
    await c.command("lang", "en");
    await c.say("up to you");
    expect(c.state.draft?.address).toBeNull();
    expect(c.text).toContain("That doesn't say where.");
    expect(c.labels).toContain("I can't say exactly");
  });

  it("is not added at the street question either: the road is asked once more, then not again", async () => {
    const c = new Conversation(world);
    await c.command("new");
    await c.say("川汇区的井盖没了，晚上很危险");
    await c.tap("对，就是这个");
    expect(c.state.step).toBe("street");
    await c.say("好的，麻烦了");
    expect(c.state.step).toBe("street");
    expect(c.text).toContain("麻烦再说具体一点：在川汇区哪条路、哪个小区或哪个村");
    expect(c.state.draft?.address).toBeNull();
    await c.say("你们看着办吧");
    expect(c.state.step).toBe("time");
    expect(c.state.draft?.address).toBeNull();
  });
});

describe("a place said in the first message, and the county answered after it", () => {
  let c: Conversation;
  beforeEach(async () => {
    c = new Conversation(await createWorld());
    await c.command("new");
    await c.say("王庄村到镇上那条路坑坑洼洼的，下雨天根本走不了");
    await c.tap("公交、出租车、网约车、客运站、村村通道路等");
    expect(c.state.draft?.address).toBe("王庄村");
    expect(c.state.step).toBe("region");
  });

  it("names the village once when the answer names it again", async () => {
    await c.say("商水县练集镇王庄村");
    expect(c.state.draft?.region).toEqual({ code: "shangshui", source: "citizen", town: "练集镇" });
    const { submission } = await finish(c);
    expect(submission).toMatchObject({ region: "shangshui", address: "商水县练集镇王庄村" });
  });

  it("puts the county and town before the village, and does not ask the road the village says", async () => {
    await c.say("商水县练集镇");
    expect(c.state.step).toBe("time");
    const { submission } = await finish(c);
    expect(submission).toMatchObject({ region: "shangshui", address: "商水县练集镇 王庄村" });
  });
});

describe("a crossing said with a landmark beside it", () => {
  let c: Conversation;
  beforeEach(async () => {
    c = new Conversation(await createWorld());
    await c.command("new");
  });

  it("keeps the landmark with the crossing", async () => {
    await c.say("人民路和七一路交叉口东边那个老家属院的路灯坏了好久了，晚上黑得很");
    await c.tap("对，就是这个");
    expect(c.state.step).toBe("region");
    await c.tap("川汇区");
    const { submission } = await finish(c);
    expect(submission).toMatchObject({
      region: "chuanhui",
      address: "人民路和七一路交叉口东边那个老家属院",
    });
  });

  it("keeps the compound with the road it is beside, named once", async () => {
    await c.say("川汇区七一路北边的幸福小区门口下水道堵了");
    await c.tap("对，就是这个");
    expect(c.state.draft?.address).toBe("七一路北边的幸福小区");
  });
});

describe("places said in English", () => {
  let c: Conversation;
  beforeEach(async () => {
    c = new Conversation(await createWorld());
    await c.command("new");
    await c.command("lang", "en");
  });

  /** A street light's draft in Chuanhui District at the photo question, its place `Qiyi Road`. */
  async function atThePhotoQuestion(): Promise<void> {
    await c.say("The street light has been broken for two weeks");
    await c.tap("Streets, manholes");
    await c.say("Qiyi Road, Chuanhui District");
    expect(c.state.step).toBe("photos");
  }

  it.each([
    "near the Wanda Plaza",
    "at the Renmin Road bus stop",
    "next to the No. 3 Middle School",
    "on zhongshan road",
    "It's at renmin rd",
  ])("adds a landmark or road said at the photo question to the place (%s)", async (words) => {
    await atThePhotoQuestion();
    await c.say(words);
    expect(c.state.draft?.address).toBe(`Qiyi Road, Chuanhui District ${words}`);
    expect(c.text).toContain(`Added to the place: ${words}.`);
    expect(c.state.step).toBe("photos");
  });

  it.each(["near me", "at night", "next to nothing", "at 8 pm"])(
    "takes no ordinary English for a place (%s)",
    async (words) => {
      await atThePhotoQuestion();
      await c.say(words);
      expect(c.state.draft?.address).toBe("Qiyi Road, Chuanhui District");
      expect(c.text).not.toContain("Added to the place");
    },
  );

  it("keeps a landmark said where the county is asked, and leaves the county to the clerk", async () => {
    await c.say("The street light has been broken for two weeks");
    await c.tap("Streets, manholes");
    await c.say("the bus stop");
    expect(c.state.step).toBe("region");
    await c.say("near the Renmin Road bus stop");
    expect(c.state.draft?.address).toBe("the bus stop near the Renmin Road bus stop");
    expect(c.state.draft?.region).toEqual({ code: null, source: "citizen", town: null });
  });

  it("keeps the home's address before the words said of the home, in English punctuation", async () => {
    await c.say("The street light has been broken for two weeks");
    await c.tap("Streets, manholes");
    await c.say("outside my home");
    await c.tap("Chuanhui District");
    await c.say("Building 3, Jianye Community");
    expect(c.state.draft?.address).toBe("Building 3, Jianye Community (outside my home)");
    await c.tap("No photos");
    await c.tap("Stay anonymous");
    expect(c.text).toContain(
      "Where: Chuanhui District, Building 3, Jianye Community (outside my home)\n",
    );
  });
});
