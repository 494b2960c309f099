/** What the citizen already said is never asked again; a message outside a draft is offered as one. */
import { beforeEach, describe, expect, it } from "vitest";
import { Conversation, citizenCase, createWorld } from "./fakes.ts";
import type { World } from "./fakes.ts";

describe("the first message", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    world = await createWorld();
    c = new Conversation(world);
  });

  it("offers to start a complaint with a message sent outside a draft", async () => {
    await c.say("扶沟县城关镇李庄村，昨天晚上8点有人在村口烧垃圾，烟很大，呛得人睡不着");
    expect(c.text).toContain("要把这件事作为一条新的反映吗");
    expect(c.state.pending?.kind).toBe("offer");
    await c.tap("是，开始反映");
    expect(c.state.draft?.description).toContain("烧垃圾");
    expect(c.text).toContain("【生态环境】");
  });

  it("keeps the words once when they are sent again at the category question", async () => {
    const words = "扶沟县城关镇李庄村，昨天晚上8点有人在村口烧垃圾，烟很大，呛得人睡不着";
    await c.say(words);
    await c.tap("是，开始反映");
    await c.say(words);
    expect(c.state.draft?.description).toBe(words);
    expect(c.text).toContain("这句话刚才已经记下了。");
  });

  it("asks the offer again, the words once, when the same message is sent twice", async () => {
    const words = "扶沟县城关镇李庄村，昨天晚上8点有人在村口烧垃圾，烟很大，呛得人睡不着";
    await c.say(words);
    await c.say(words);
    expect(c.state.pending).toMatchObject({ kind: "offer", text: words });
    expect(c.text).toContain("要把这件事作为一条新的反映吗");
  });

  it("does not ask where or when when the first message says both", async () => {
    await c.say("扶沟县城关镇李庄村，昨天晚上8点有人在村口烧垃圾，烟很大，呛得人睡不着");
    await c.tap("是，开始反映");
    await c.tap("对，就是这个");
    // Place and time were in the message: straight to photos.
    expect(c.state.step).toBe("photos");
    expect(c.state.draft?.region).toEqual({
      code: "fugou",
      source: "description",
      town: "城关镇",
    });
    expect(c.state.draft?.occurredAt).toEqual({
      text: "昨天晚上8点",
      date: "2026-11-27",
      time: "20:00",
      approximate: false,
      precision: "day",
    });
    await c.tap("没有照片");
    await c.tap("匿名反映");
    expect(c.text).toContain("扶沟县");
    expect(c.text).toContain("2026年11月27日 20:00（昨天晚上8点）");
  });

  it("offers the name and phone number the message gave at the contact question", async () => {
    await c.command("new");
    await c.say(
      "项城市莲花大道上的红绿灯坏了三天了，孩子过马路很危险，我叫张建国，电话13912345678",
    );
    await c.tap("道路、井盖、路灯、下水道、垃圾、占道、违建等街面问题");
    await c.tap("没有照片");
    expect(c.state.step).toBe("contact");
    await c.tap("用前面说的：张建国 13912345678");
    expect(c.state.step).toBe("summary");
    expect(c.state.draft?.contact).toEqual({
      kind: "named",
      name: "张建国",
      phone: "13912345678",
    });
  });

  it.each([
    "就用这个",
    "用前面那个",
    "就这个号",
    "打这个电话就行",
    "还是用这个号码吧",
    "刚才说过了",
    "use that one",
  ])(
    "takes %s, said to the offer of the name and number the message gave, as that contact",
    async (words) => {
      await c.command("new");
      await c.say(
        "项城市莲花大道上的红绿灯坏了三天了，孩子过马路很危险，我叫张建国，电话13912345678",
      );
      await c.tap("道路、井盖、路灯、下水道、垃圾、占道、违建等街面问题");
      await c.tap("没有照片");
      await c.say(words);
      expect(c.state.step).toBe("summary");
      expect(c.state.draft?.contact).toEqual({
        kind: "named",
        name: "张建国",
        phone: "13912345678",
      });
    },
  );

  it("asks for a number when 就用这个 points to none", async () => {
    await c.command("new");
    await c.say("项城市莲花大道上的红绿灯坏了三天了，孩子过马路很危险");
    await c.tap("道路、井盖、路灯、下水道、垃圾、占道、违建等街面问题");
    await c.tap("没有照片");
    await c.say("就用这个");
    expect(c.state.step).toBe("contact");
    expect(c.text).toContain("请留一个电话号码");
  });

  it("offers the phone number, not the ID card's number a petition letter gives before it", async () => {
    await c.command("new");
    await c.say(
      "尊敬的领导：我叫张志强，身份证号410622198503151234。项城市莲花大道上的红绿灯坏了三天了，联系电话13837654321。",
    );
    await c.tap("道路、井盖、路灯、下水道、垃圾、占道、违建等街面问题");
    await c.tap("没有照片");
    await c.tap("用前面说的：张志强 13837654321");
    expect(c.state.draft?.contact).toEqual({
      kind: "named",
      name: "张志强",
      phone: "13837654321",
    });
  });

  it("asks only the name when the message gave the number alone", async () => {
    await c.command("new");
    await c.say("我是业主，小区电梯坏了一个星期了，没人修，电话13912345678");
    await c.tap("对，就是这个");
    await c.say("川汇区建业小区");
    await c.tap("没有照片");
    await c.tap("用前面说的电话 13912345678");
    expect(c.state.step).toBe("contact_name");
  });

  it.each([
    ["13838281234", "13838281234"],
    ["我的电话：138 3828 1234", "13838281234"],
    ["0394-8123456", "0394-8123456"],
  ])(
    "keeps a phone number sent alone before the matter (%s) as the contact, never in the words",
    async (number, phone) => {
      await c.say(number);
      expect(c.text).toContain(`记下了您的电话 ${phone}`);
      expect(c.text).toContain("请用文字说一说遇到了什么事");
      expect(c.state.step).toBe("description");
      await c.say("俺家暖气不热，屋里才十二度，川汇区莲花路建业小区5号楼，这几天都这样");
      await c.tap("对，就是这个");
      await c.tap("没有照片");
      expect(c.state.step).toBe("summary");
      expect(c.state.draft?.description).not.toContain(phone);
      expect(c.text).toContain(`【联系方式】未留姓名，${phone}`);
    },
  );

  it("offers a number sent alone by a citizen with a case running as ever (a new number, perhaps)", async () => {
    world.cases.add("telegram:1001", citizenCase("ZK-20261120-0003", { status: "in_progress" }));
    await c.say("13838281234");
    expect(c.text).not.toContain("记下了您的电话");
    expect(c.state.draft).toBeNull();
  });

  it("takes a typed yes at the contact question as the number the message gave", async () => {
    await c.command("new");
    await c.say("扶沟县城关镇李庄村有人烧垃圾，烟很大，昨天晚上开始的，有事打我手机 139 1234 5678");
    await c.tap("对，就是这个");
    await c.tap("没有照片");
    await c.say("好的");
    expect(c.state.draft?.contact).toMatchObject({ kind: "named", phone: "13912345678" });
  });

  it("asks only the county when the message names a place but not its county", async () => {
    await c.command("new");
    await c.say("建业小区的物业好久不打扫卫生了");
    await c.tap("对，就是这个");
    expect(c.state.step).toBe("region");
    expect(c.text).toContain("您说的地方在哪个县区");
  });

  it("joins several messages sent before the citizen answers the offer", async () => {
    await c.say("我家楼下的饭店");
    await c.say("天天卖过期的食品");
    expect(c.state.pending).toEqual({ kind: "offer", text: "我家楼下的饭店\n天天卖过期的食品" });
    await c.tap("是，开始反映");
    expect(c.state.draft?.description).toBe("我家楼下的饭店\n天天卖过期的食品");
  });

  it("starts a draft at once when the citizen only says they want to complain", async () => {
    await c.say("我要投诉");
    expect(c.state.step).toBe("description");
    expect(c.text).toContain("请用文字说一说");
    await c.say("我要反映问题");
    expect(c.text).toContain("请具体说说是什么事");
  });

  it.each(["我想问一下，就是那个，唉，怎么说呢", "俺有个事想说一下", "是这样的，我想反映个情况。"])(
    "takes %s as the wish to tell something, and asks what",
    async (words) => {
      await c.say(words);
      expect(c.state.pending).toBeNull();
      expect(c.state.step).toBe("description");
      expect(c.text).toContain("请用文字说一说");
    },
  );

  it.each([
    "我要举报我们村支书王富贵，他把低保名额都给了他自己亲戚，俺家瘫痪的老娘申请了三年都没批下来",
    "我想反映一下，七一路上的井盖没了好几天了",
  ])(
    "starts a draft with the words at once when they ask to file and tell the matter: %s",
    async (words) => {
      await c.say(words);
      expect(c.text).not.toContain("要把这件事作为一条新的反映吗");
      expect(c.state.draft?.description).toBe(words);
    },
  );

  it("still offers words that ask to file beside an earlier matter", async () => {
    await c.say("我想反映的事之前说过了，就是楼下饭店油烟的事");
    expect(c.state.pending?.kind).toBe("offer");
  });

  it("keeps a short addition with the message offered, and reads the time from it", async () => {
    await c.say("俺家门口那个井盖子没了，老人小孩走路太危险了");
    await c.say("昨儿黑");
    expect(c.state.pending).toMatchObject({
      kind: "offer",
      text: "俺家门口那个井盖子没了，老人小孩走路太危险了\n昨儿黑",
    });
    await c.say("中");
    expect(c.state.draft?.occurredAt).toMatchObject({ date: "2026-11-27" });
  });

  it("lets the citizen decline the offer", async () => {
    await c.say("今天天气真不错啊，谢谢你们");
    await c.tap("不用了");
    expect(c.state.pending).toBeNull();
    expect(c.state.step).toBe("idle");
    expect(c.labels).toContain("我要反映问题");
  });

  it.each(["是", "好的", "中", "嗯嗯", "对！"])(
    "takes a typed %s as yes to the offer: many citizens answer rather than tap",
    async (yes) => {
      await c.say("俺家门口那个井盖子没了，黑灯瞎火的，老人小孩走路太危险了");
      await c.say(yes);
      expect(c.state.pending).toBeNull();
      expect(c.state.draft?.description).toBe(
        "俺家门口那个井盖子没了，黑灯瞎火的，老人小孩走路太危险了",
      );
      expect(c.state.draft?.isEmergency).toBe(true);
    },
  );

  it("takes a typed no as declining the offer", async () => {
    await c.say("今天天气真不错啊，谢谢你们");
    await c.say("不用");
    expect(c.state.pending).toBeNull();
    expect(c.state.draft).toBeNull();
    expect(c.text).toContain("有需要随时找我");
  });

  it("answers a greeting with the menu rather than an offer", async () => {
    await c.say("你好");
    expect(c.state.pending).toBeNull();
    expect(c.labels).toContain("我要反映问题");
  });

  it("offers the words under a first photo as the matter, and keeps the photo with them", async () => {
    await c.send({
      type: "photo",
      fileId: "burning-1",
      caption: "扶沟县城关镇李庄村口天天有人烧垃圾，烟很大，呛得人睡不着",
    });
    expect(c.text).toContain("您说的是：“扶沟县城关镇李庄村口天天有人烧垃圾");
    await c.say("昨天晚上又烧了");
    await c.tap("是，开始反映");
    expect(c.state.draft?.description).toBe(
      "扶沟县城关镇李庄村口天天有人烧垃圾，烟很大，呛得人睡不着\n昨天晚上又烧了",
    );
    expect(c.state.draft?.photos).toEqual(["burning-1"]);
  });

  it("answers a first photo under which the words tell no matter as a photo alone", async () => {
    await c.send({ type: "photo", fileId: "p-1", caption: "你看" });
    expect(c.text).toContain("收到照片，已经记下了，不用再发。请用文字说说是什么事");
    expect(c.state.pending).toBeNull();
  });
});

/** The crossing of 人民路 and 七一路 in 川汇区 (src/directory/default-places.geojson). */
const CHUANHUI = { latitude: 33.627, longitude: 114.652 };
const MANHOLE = "井盖没了，晚上黑，很危险";

describe("a location or photos sent before any words", () => {
  let c: Conversation;
  beforeEach(async () => {
    c = new Conversation(await createWorld());
  });

  it("keeps a location shared first, tells the citizen so, and never asks where again", async () => {
    await c.send({ type: "location", ...CHUANHUI });
    expect(c.text).toContain("收到位置，已经记下了，不用再发。请用文字说说是什么事");
    await c.say(MANHOLE);
    await c.tap("是，开始反映");
    expect(c.state.draft?.location).toEqual(CHUANHUI);
    expect(c.state.draft?.region).toMatchObject({ code: "chuanhui", source: "coordinates" });
    await c.tap("对，就是这个");
    // The place is known: the time is the next question.
    expect(c.state.step).toBe("time");
  });

  it("keeps photos sent first with the matter the words then tell", async () => {
    await c.send({ type: "photo", fileId: "hole-1" });
    await c.send({ type: "photo", fileId: "hole-2" });
    expect(c.text).toContain("收到照片，已经记下了");
    await c.say(`川汇区人民路${MANHOLE}`);
    expect(c.state.pending?.kind).toBe("offer");
    await c.tap("是，开始反映");
    expect(c.state.draft?.photos).toEqual(["hole-1", "hole-2"]);
  });

  it("tells each photo of an album sent with the words offered, and keeps no more than a case holds", async () => {
    await c.send({ type: "photo", fileId: "album-1", caption: MANHOLE });
    expect(c.state.pending?.kind).toBe("offer");
    for (const n of [2, 3, 4, 5]) {
      await c.send({ type: "photo", fileId: `album-${n}` });
      expect(c.text).toContain("收到照片，会和您说的事一起登记。");
      expect(c.labels).toContain("是，开始反映");
    }
    await c.send({ type: "photo", fileId: "album-6" });
    expect(c.text).toContain("最多只能发 5 张照片，这张没有保存。");
    expect(c.labels).toContain("是，开始反映");

    await c.tap("是，开始反映");
    expect(c.state.draft?.photos).toEqual([1, 2, 3, 4, 5].map((n) => `album-${n}`));
    // Nothing kept aside to join the next matter told in this sitting.
    expect(c.state.sentBeforeWords).toBeNull();
  });

  it("puts a location sent after the words offered with them, and the offer is asked again", async () => {
    await c.say(MANHOLE);
    await c.send({ type: "location", ...CHUANHUI });
    expect(c.last.map((m) => m.text)).toEqual([
      "收到位置，会和您说的事一起登记。",
      expect.stringContaining("要把这件事作为一条新的反映吗"),
    ]);
    await c.tap("是，开始反映");
    expect(c.state.draft?.location).toEqual(CHUANHUI);
  });

  it("forgets them when the words are not filed, or after an hour without words", async () => {
    await c.send({ type: "location", ...CHUANHUI });
    await c.say("今天天气真不错啊");
    await c.tap("不用了");
    await c.command("new");
    expect(c.state.draft?.location).toBeNull();

    const later = new Conversation(await createWorld());
    await later.send({ type: "photo", fileId: "old-1" });
    later.now = new Date(later.now.getTime() + 61 * 60_000);
    await later.say(MANHOLE);
    await later.tap("是，开始反映");
    expect(later.state.draft?.photos).toEqual([]);
  });
});

describe("words at the photo question", () => {
  const STORY = "扶沟县城关镇李庄村，昨天晚上8点有人在村口烧垃圾，烟很大，呛得人睡不着";
  let c: Conversation;
  beforeEach(async () => {
    c = new Conversation(await createWorld());
    await c.say(STORY);
    await c.tap("是，开始反映");
    await c.tap("对，就是这个");
  });

  it("adds more about the matter to the description, and asks for photos again", async () => {
    await c.say("对了，烧的是塑料和轮胎，味道特别冲");
    expect(c.state.draft?.description).toBe(`${STORY}\n对了，烧的是塑料和轮胎，味道特别冲`);
    expect(c.last.map((m) => m.text)).toEqual([
      "已经把这句话补充到您的描述里了。",
      expect.stringContaining("有照片吗"),
    ]);
    expect(c.state.step).toBe("photos");
  });

  it("takes a county named in the words as the place's, when only a guess was", async () => {
    const world = await createWorld();
    // The classifier could tell the city only ("周口师范学院" is in it).
    world.classifier.answer = { ...(await world.classifier.classify("物业")), region: "city" };
    const other = new Conversation(world, "telegram:2002");
    await other.say("房东不退押金，三千块，我上个月就搬走了");
    await other.tap("是，开始反映");
    await other.tap("对，就是这个");
    await other.say("周口师范学院附近");
    expect(other.state.step).toBe("photos");
    expect(other.state.draft?.region).toEqual({ code: "city", source: "description", town: null });

    await other.say("对了，是在川汇区文昌大道那边");
    expect(other.state.draft?.region).toEqual({
      code: "chuanhui",
      source: "description",
      town: null,
    });
    expect(other.state.draft?.address).toBe("周口师范学院附近 对了，是在川汇区文昌大道那边");
  });

  it.each([
    ["就在学校东门旁边，文昌大道上", "地点补充上了：就在学校东门旁边，文昌大道上。"],
    [
      "next to the east gate, on Wenchang Avenue",
      "Added to the place: next to the east gate, on Wenchang Avenue.",
    ],
  ])("adds %s, more of where, to the place, and asks for photos again", async (words, said) => {
    const address = c.state.draft?.address;
    await c.say(words);
    expect(c.state.draft?.address).toBe(`${address} ${words}`);
    expect(c.state.draft?.description).toBe(STORY);
    expect(c.last.map((m) => m.text)).toContain(said);
    expect(c.state.step).toBe("photos");
  });

  it("keeps the first message once when it is sent again, and asks for photos again", async () => {
    await c.say(STORY);
    expect(c.state.draft?.description).toBe(STORY);
    expect(c.last.map((m) => m.text)).toEqual([
      "这句话刚才已经记下了。",
      expect.stringContaining("有照片吗"),
    ]);
  });

  it.each(["昨天晚上8点", "昨天晚上8点有人在村口烧垃圾！", "烟很大，呛得人睡不着"])(
    "keeps words the first message holds, said again (%s), once, and asks for photos again",
    async (words) => {
      await c.say(words);
      expect(c.state.draft?.description).toBe(STORY);
      expect(c.last.map((m) => m.text)).toEqual([
        "这句话刚才已经记下了。",
        expect.stringContaining("有照片吗"),
      ]);
    },
  );

  it("adds words that repeat only a little of the first message (烟很大，窗户都不敢开)", async () => {
    await c.say("烟很大，窗户都不敢开");
    expect(c.state.draft?.description).toBe(`${STORY}\n烟很大，窗户都不敢开`);
  });

  it("keeps words of the matter that name a road in the description", async () => {
    await c.say("这条文昌大道上已经出了好几次事故了");
    expect(c.state.draft?.description).toBe(`${STORY}\n这条文昌大道上已经出了好几次事故了`);
  });

  it.each(["我不会发照片", "手机拍不了", "拍不了 俺手机不会弄", "I can't send pictures"])(
    "takes %s, photos the citizen cannot send, as none needed, and goes on",
    async (words) => {
      await c.say(words);
      expect(c.state.draft?.description).toBe(STORY);
      expect(c.state.draft?.photosDone).toBe(true);
      // Words in English are answered in English from then on, as ever.
      expect(c.last.map((m) => m.text).slice(-2)).toEqual([
        expect.stringMatching(/^(没关系，没有照片也可以反映|That's all right)/),
        expect.stringMatching(/最后，请留下您的姓名和电话|Last step/),
      ]);
    },
  );

  it.each(["不记得了", "俺也记不清了", "不知道"])(
    "answers %s, the time question's answer typed late, with the photo buttons, adding nothing",
    async (words) => {
      await c.say(words);
      expect(c.state.draft?.description).toBe(STORY);
      expect(c.state.step).toBe("photos");
      expect(c.text).toContain("没有就点“没有照片”");
    },
  );

  it("adds words that tell more beside not knowing (不知道谁家烧的，天天烧)", async () => {
    await c.say("不知道谁家烧的，天天烧");
    expect(c.state.draft?.description).toBe(`${STORY}\n不知道谁家烧的，天天烧`);
  });

  it.each(["好的", "照片怎么发"])(
    "answers %s, about the photos themselves, with the buttons and keeps the description",
    async (words) => {
      await c.say(words);
      expect(c.state.draft?.description).toBe(STORY);
      expect(c.text).toBe("请直接发照片（最多 5 张），没有就点“没有照片”。");
      expect(c.labels).toEqual(["没有照片"]);
    },
  );

  it.each([
    ["俺姓王 电话13938201234", "王"],
    ["我叫李秀英，电话0394-8123456", "李秀英"],
    ["13938201234", null],
  ])(
    "takes %s, a contact said ahead of its question, as the contact, never in the words",
    async (words, name) => {
      await c.say(words);
      expect(c.state.draft?.description).toBe(STORY);
      expect(c.state.draft?.contact).toEqual({
        kind: "named",
        phone: words.includes("0394") ? "0394-8123456" : "13938201234",
        name,
      });
      expect(c.text).toContain("这件事的联系电话记为");
      expect(c.state.step).toBe("photos");
    },
  );

  it("keeps words of the matter said with a number in the description", async () => {
    await c.say("王庄村口也在烧 13938201234");
    expect(c.state.draft?.description).toContain("王庄村口也在烧");
  });

  it.each(["等会儿让我儿子发", "俺有欠条，回头拍了再发"])(
    "answers %s, photos promised for later, with how they may follow the filing",
    async (words) => {
      await c.say(words);
      expect(c.state.draft?.description).toBe(STORY);
      expect(c.text).toBe(
        "好的，拍好了直接发到这里就行。现在不方便的话，可以先点“没有照片”提交，以后再把照片发过来，补充到这件事里。",
      );
      expect(c.labels).toEqual(["没有照片"]);
      expect(c.state.step).toBe("photos");
    },
  );
});
