/**
 * The whole conversation, as a citizen meets it: welcome, what happened, which kind of
 * matter, where, when, photos, how to reach them, the summary card, the tracking number.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { Conversation, createWorld } from "./fakes.ts";
import type { World } from "./fakes.ts";

describe("filing a complaint step by step", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    world = await createWorld();
    c = new Conversation(world);
  });

  it("welcomes with what the service is, a privacy notice and a menu", async () => {
    await c.command("start");
    expect(c.text).toContain("周口市群众诉求服务");
    expect(c.text).toContain("只给办理这件事的工作人员看");
    expect(c.text).toContain("110");
    expect(c.labels).toEqual(["我要反映问题", "查看我反映过的事", "使用帮助"]);
  });

  it("reports a failing classifier once and lets the citizen choose the kind of matter", async () => {
    world.classifier.failing = true;
    await c.command("start");
    await c.tap("我要反映问题");
    await c.say("我们小区门口的路灯坏了很久了，晚上很黑，老人走路不方便");
    expect(world.problems).toHaveLength(1);
    expect(String(world.problems[0])).toContain("classifier down");
    expect(c.labels).toContain("道路、井盖、路灯、下水道、垃圾、占道、违建等街面问题");
  });

  it("asks only what is missing, then submits and gives the tracking number and the deadline", async () => {
    await c.command("start");
    await c.tap("我要反映问题");
    expect(c.text).toContain("请用文字说一说遇到了什么事");
    expect(c.state.step).toBe("description");

    await c.say("我们小区门口的路灯坏了很久了，晚上很黑，老人走路不方便");
    expect(c.text).toContain("【市政市容】");
    expect(c.text).toContain("路灯");
    await c.tap("对，就是这个");

    expect(c.state.step).toBe("place");
    expect(c.last[0]?.request).toBe("location");
    await c.say("川汇区七一路和八一路交叉口东边");
    // The county was in the address, so no county buttons: straight to the time.
    expect(c.state.step).toBe("time");

    await c.say("前天下午");
    expect(c.state.step).toBe("photos");
    await c.send({ type: "photo", fileId: "photo-1" });
    expect(c.text).toContain("收到第 1 张照片");
    await c.send({ type: "photo", fileId: "photo-2" });
    await c.tap("照片发完了");

    expect(c.state.step).toBe("contact");
    expect(c.text).toContain("匿名反映同样会在这里收到办理进展");
    expect(c.last[0]?.request).toBe("contact");
    await c.say("张秀英 13812345678");

    expect(c.state.step).toBe("summary");
    expect(c.last[0]?.removeKeyboard).toBe(true);
    const card = c.text;
    expect(card).toContain("路灯坏了很久了");
    expect(card).toContain("【类别】市政市容");
    expect(card).toContain("【地点】川汇区七一路和八一路交叉口东边\n");
    expect(card).toContain("2026年11月26日（前天下午）");
    expect(card).toContain("【照片】2 张");
    expect(card).toContain("张秀英，13812345678");
    expect(c.labels).toEqual(["✅ 提交", "✏️ 修改", "不提交了"]);

    await c.tap("提交");
    expect(c.text).toContain("您的编号是：ZK-20261128-0001");
    expect(c.text).toContain("15 天内决定是否受理（最晚 2026年12月13日）");
    expect(c.lastResult?.submitted?.trackingNo).toBe("ZK-20261128-0001");
    expect(c.state.step).toBe("idle");
    expect(c.state.draft).toBeNull();

    expect(world.submitter.submissions).toHaveLength(1);
    expect(world.submitter.submissions[0]).toMatchObject({
      idempotencyKey: "telegram:1001#1",
      citizenRef: "telegram:1001",
      category: "municipal",
      region: "chuanhui",
      address: "川汇区七一路和八一路交叉口东边",
      occurredAt: { date: "2026-11-26", text: "前天下午", approximate: false },
      photos: ["photo-1", "photo-2"],
      contact: { kind: "named", name: "张秀英", phone: "13812345678" },
      isEmergency: false,
      classification: { category: "municipal", method: "rules" },
    });
  });

  it("tells whoever reports an official that their name is kept from those reported, and where the report goes", async () => {
    await c.command("new");
    await c.say("西华县东夏亭镇王庄村的村支书把低保名额都给了他亲戚，不给他送礼就不给办");
    await c.tap("对，就是这个");
    await c.tap("不记得了");
    await c.tap("没有照片");
    expect(c.text).toContain("举报人的信息严格保密，您的姓名和电话不会告诉被举报的人和单位。");
    await c.say("王桂兰 13903941234");
    await c.tap("提交");
    expect(c.text).toContain("只交给纪检监察机关办理，不会交给被举报的人和单位");
    // Any other matter is asked and answered as before.
    await c.command("new");
    await c.say("西华县东夏亭镇王庄村的路灯坏了，晚上黑得很");
    await c.tap("对，就是这个");
    await c.tap("不记得了");
    await c.tap("没有照片");
    expect(c.text).not.toContain("举报人");
    await c.tap("匿名反映");
    await c.tap("提交");
    expect(c.text).toContain("会交给负责的部门办理");
  });

  it("asks unpaid wages' place as the employer or work site, other matters' as where it is", async () => {
    await c.command("new");
    await c.say("公司拖欠我三个月工资不给");
    await c.tap("对，就是这个");
    expect(c.text).toContain("是哪个单位或工地？在哪里？");
    // The same category holds pensions: their citizens are told a county or town is enough.
    expect(c.text).toContain("养老金、社保的事，写您在哪个县区、乡镇就行");
    await c.say("扶沟县");
    expect(c.text).toContain("单位或工地叫什么，在扶沟县什么地方？");

    const other = new Conversation(world, "telegram:1002");
    await other.command("new");
    await other.say("小区门口的路灯坏了");
    await other.tap("对，就是这个");
    expect(other.text).toContain("这件事发生在哪里？");
  });

  it("asks for the county with buttons when the address does not say it, and asks the name when only a phone is given", async () => {
    await c.command("new");
    await c.say("公司拖欠我三个月工资不给");
    await c.tap("对，就是这个");
    await c.say("建设路88号");
    expect(c.state.step).toBe("region");
    expect(c.text).toContain("这个地址在哪个县区");
    expect(c.labels).toContain("扶沟县");
    expect(c.labels).toContain("不清楚");
    await c.tap("扶沟县");
    expect(c.state.draft?.region).toEqual({ code: "fugou", source: "citizen", town: null });

    await c.tap("不记得了");
    await c.tap("没有照片");
    await c.say("0394-8123456");
    expect(c.state.step).toBe("contact_name");
    expect(c.text).toContain("0394-8123456");
    await c.say("王大爷");
    expect(c.state.step).toBe("summary");
    expect(c.text).toContain("【时间】不记得了");
    expect(c.text).toContain("【照片】没有");
    expect(c.text).toContain("王大爷，0394-8123456");
  });

  it("takes a contact said in words, as voice input writes a phone number", async () => {
    await c.command("new");
    await c.say("我们小区门口的下水道堵了，臭得很");
    await c.tap("对，就是这个");
    await c.say("川汇区七一路和八一路交叉口东边");
    await c.tap("不记得了");
    await c.tap("没有照片");
    await c.say("俺姓刘，电话一三九八七六五四三二一");
    expect(c.state.step).toBe("summary");
    expect(c.state.draft?.contact).toEqual({ kind: "named", name: "刘", phone: "13987654321" });
  });

  it("keeps whose a number is when it is a relative's, and asks the citizen's own name", async () => {
    await c.command("new");
    await c.say("俺村的路灯坏了好几天了，王庄村的");
    await c.tap("对，就是这个");
    await c.tap("商水县");
    await c.tap("没有照片");
    await c.say("打俺儿子电话13838281234，他叫李强");
    // 李强 is the son, not the citizen: the citizen is asked how to be called.
    expect(c.state.step).toBe("contact_name");
    expect(c.state.draft?.contact).toEqual({
      kind: "named",
      phone: "13838281234",
      name: null,
      holder: { relation: "son", name: "李强" },
    });
    await c.say("俺姓王");
    expect(c.text).toContain("【联系方式】王，13838281234（您儿子李强的电话）");

    const other = new Conversation(world, "telegram:1002");
    await other.command("new");
    await other.say("路灯坏了好几天了，川汇区人民路");
    await other.tap("对，就是这个");
    await other.tap("没有照片");
    await other.say("13838281234 俺闺女的");
    expect(other.state.draft?.contact).toMatchObject({
      name: null,
      holder: { relation: "daughter" },
    });
    // "我老伴身体不好" says whose trouble, not whose number.
    const own = new Conversation(world, "telegram:1003");
    await own.command("new");
    await own.say("路灯坏了好几天了，川汇区人民路");
    await own.tap("对，就是这个");
    await own.tap("没有照片");
    await own.say("我叫王秀英，我老伴身体不好，电话13838281234");
    expect(own.state.draft?.contact).toEqual({
      kind: "named",
      phone: "13838281234",
      name: "王秀英",
    });
  });

  it("takes the place out of an answer that says where the citizen is from", async () => {
    await c.command("new");
    await c.say("俺们村东头的路灯坏了好几个月了");
    await c.tap("对，就是这个");
    await c.say("俺是商水县固墙镇李楼村的");
    expect(c.state.draft?.address).toBe("商水县固墙镇李楼村");
    expect(c.state.draft?.region).toEqual({ code: "shangshui", source: "address", town: "固墙镇" });
  });

  it("shows a city-level place by its own words, not as a matter of the whole city", async () => {
    await c.command("new");
    await c.say("路灯坏了两个星期了，晚上黑得很");
    await c.tap("对，就是这个");
    await c.say("周口师范学院东门外边");
    await c.tap("全市范围的事");
    await c.tap("没有照片");
    await c.tap("匿名反映");
    expect(c.state.step).toBe("summary");
    expect(c.text).toContain("【地点】周口师范学院东门外边\n");
  });

  it("shows the city by its name where the city level was chosen and the words name no city", async () => {
    await c.command("new");
    await c.say("俺这儿的路灯坏了两个星期了，黑灯瞎火的");
    await c.tap("对，就是这个");
    await c.say("师范学院东门外边");
    await c.tap("全市范围的事");
    await c.tap("没有照片");
    await c.tap("匿名反映");
    expect(c.state.step).toBe("summary");
    expect(c.text).toContain("【地点】周口市，师范学院东门外边\n");
    expect(c.text).not.toContain("全市范围");
  });

  it("takes a shared location outside the city's districts, then asks the county", async () => {
    await c.command("new");
    await c.say("这里的井盖丢了，很危险");
    await c.tap("对，就是这个");
    await c.send({ type: "location", latitude: 39.9, longitude: 116.4 });
    expect(c.state.step).toBe("region");
    expect(c.text).toContain("收到位置");
    await c.tap("不清楚");
    expect(c.state.draft?.region).toEqual({ code: null, source: "citizen", town: null });
    expect(c.state.step).toBe("time");
  });

  it("shows the list of categories in plain words when the guess is weak, or when the citizen says it is wrong", async () => {
    await c.command("new");
    await c.say("我想提个建议，公园里多放几把椅子");
    expect(c.state.step).toBe("category_list");
    expect(c.labels).toContain("拖欠工资、劳动合同、社保、养老金、工伤等");
    expect(c.labels).toHaveLength(world.directory.categories.length);
    await c.tap("表扬、建议、其他问题");
    expect(c.state.draft?.category).toBe("other");

    const other = new Conversation(world, "telegram:1002");
    await other.command("new");
    await other.say("物业把小区的电梯停了好久");
    await other.tap("不对，我自己选");
    await other.tap("停水、停电、燃气、暖气等");
    expect(other.state.draft?.category).toBe("utilities");
  });

  it.each([
    ["是物业的事", "housing"],
    ["跟电梯有关", "housing"],
    ["低保的事情", "civil_affairs"],
    ["it's about the street lights", "municipal"],
  ])("takes %s at the list of kinds as the kind its words name", async (words, kind) => {
    await c.command("new");
    await c.say("那个事一直没人管，太气人了");
    expect(c.state.step).toBe("category_list");
    await c.say(words);
    expect(c.state.draft?.category).toBe(kind);
    expect(c.state.draft?.description).toBe("那个事一直没人管，太气人了");
  });

  it("adds words at the list of kinds that tell more than a kind to the description", async () => {
    await c.command("new");
    await c.say("那个事一直没人管，太气人了");
    await c.say("小区物业不给修电梯");
    expect(c.text).toContain("已经把这句话补充到您的描述里了");
    expect(c.state.draft?.description).toBe("那个事一直没人管，太气人了\n小区物业不给修电梯");
  });

  it("adds text typed at the category question to the description and asks again", async () => {
    await c.command("new");
    await c.say("那个事一直没人管，太气人了");
    expect(c.state.step).toBe("category_list");
    await c.say("就是老板欠了我们八个人的工资");
    expect(c.text).toContain("已经把这句话补充到您的描述里了");
    expect(c.state.draft?.description).toBe(
      "那个事一直没人管，太气人了\n就是老板欠了我们八个人的工资",
    );
    expect(c.state.step).toBe("category");
    await c.say("对");
    expect(c.state.draft?.category).toBe("labor");
  });

  it("takes the time of words added at the category question over one read before", async () => {
    await c.command("new");
    await c.say("我家楼下的下水道堵了好几天了，臭得不行");
    expect(c.state.draft?.occurredAt).toMatchObject({ text: "好几天了", approximate: true });
    await c.say("前天晚上开始的");
    expect(c.text).toContain("已经把这句话补充到您的描述里了");
    expect(c.state.draft?.occurredAt).toMatchObject({ date: "2026-11-26", approximate: false });
  });

  it("takes a place typed at the category question as the place, not as the matter", async () => {
    await c.command("new");
    await c.say("俺们小区楼下天天晚上跳广场舞，音响开得老大，老人孩子都睡不着");
    const asked = c.state.step;
    await c.say("城关镇建设路幸福小区");
    expect(c.text).toContain("地点补充上了：城关镇建设路幸福小区。");
    expect(c.state.draft?.address).toBe("城关镇建设路幸福小区");
    expect(c.state.draft?.description).toBe(
      "俺们小区楼下天天晚上跳广场舞，音响开得老大，老人孩子都睡不着",
    );
    expect(c.state.step).toBe(asked);

    await c.say("建设路幸福小区东门，晚上吵得根本睡不着");
    expect(c.text).toContain("已经把这句话补充到您的描述里了");
    expect(c.state.draft?.address).toBe("城关镇建设路幸福小区");
  });

  it.each([
    ["就在我家门口", "就在我家门口"],
    ["俺家楼下那儿", "俺家楼下那儿"],
    ["在幸福路和建设路路口那儿", "在幸福路和建设路路口那儿"],
  ])(
    "takes %s said at the category question as the place, and does not ask where again",
    async (said, address) => {
      await c.command("new");
      await c.say("路灯坏了好几天了，晚上黑得很");
      await c.say(said);
      expect(c.text).toContain(`地点补充上了：${said}。`);
      expect(c.state.draft).toMatchObject({
        address,
        description: "路灯坏了好几天了，晚上黑得很",
      });
      expect(c.state.step).toBe("category");

      await c.tap("对，就是这个");
      expect(c.state.step).toBe("region");
      expect(c.text).toContain("这个地址在哪个县区？");
    },
  );

  it.each([
    ["俺们是城关镇李庄村的", "城关镇李庄村"],
    ["俺家在建设路幸福小区", "建设路幸福小区"],
  ])(
    "takes where %s says they live, at the category question, as the place",
    async (said, address) => {
      await c.command("new");
      await c.say("村东头那个桥栏杆断了好几根，娃们上学天天走那儿，吓人得很");
      const asked = c.state.step;
      await c.say(said);
      expect(c.text).toContain(`地点补充上了：${address}。`);
      expect(c.state.draft).toMatchObject({
        address,
        description: "村东头那个桥栏杆断了好几根，娃们上学天天走那儿，吓人得很",
      });
      expect(c.state.step).toBe(asked);
    },
  );

  it("takes 俺村 as where the citizen lives, not as a village's name, and the village named next as the place", async () => {
    await c.command("new");
    await c.say("俺村支书把上面发的危房改造款扣了一半，说是管理费");
    await c.say("就在俺村");
    expect(c.text).not.toContain("地点补充上了");
    expect(c.state.draft?.address).toBeNull();

    await c.say("俺村叫李楼村");
    expect(c.text).toContain("地点补充上了：李楼村。");
    expect(c.state.draft?.address).toBe("李楼村");
  });

  it("adds words of the matter beside the home at the category question to the description", async () => {
    await c.command("new");
    await c.say("路灯坏了好几天了，晚上黑得很");
    await c.say("在我家楼下，晚上出门都得打手电");
    expect(c.text).toContain("已经把这句话补充到您的描述里了");
    expect(c.state.draft?.address).toBeNull();
  });

  it("keeps a place said beside not knowing the kind, at the list of kinds", async () => {
    await c.command("new");
    world.classifier.answer = await world.classifier.classify("路灯坏了好久了");
    await c.say("接线员态度太差了，没说两句就挂我电话");
    await c.tap("不对，我自己选");
    await c.say("不清楚，就在人民路万达广场附近");
    expect(c.text).toContain("地点补充上了：就在人民路万达广场附近。");
    expect(c.state.draft).toMatchObject({
      address: "就在人民路万达广场附近",
      categoryLeftToClerk: true,
    });
    expect(c.state.step).toBe("region");
  });

  it("keeps the draft when the submission fails, and a retry submits once", async () => {
    await c.command("new");
    await c.say("项城市某饭店卖过期食品，昨天吃坏了肚子");
    await c.tap("对");
    await c.tap("跳过");
    await c.tap("没有照片");
    await c.tap("匿名反映");
    expect(c.state.step).toBe("summary");
    world.submitter.failing = true;
    await c.tap("提交");
    expect(c.text).toContain("您填的内容都还在");
    expect(c.state.step).toBe("summary");
    expect(c.state.draft?.description).toContain("过期食品");

    world.submitter.failing = false;
    await c.tap("提交");
    expect(c.text).toContain("ZK-20261128-0001");
    expect(c.text).toContain("进展只在这个对话里通知");

    // A second tap on the same old button: no second case, the citizen is told.
    await c.send({ type: "choice", id: "d1:sum:submit" });
    expect(c.text).toContain("这件事已经提交过了，编号是 ZK-20261128-0001");
    expect(world.submitter.submissions).toHaveLength(1);
  });
});
