import { beforeAll, describe, expect, it } from "vitest";
import { loadDirectory } from "../../../src/directory/load-directory.ts";
import {
  addressAsSaid,
  createPlaceReader,
  type PlaceReader,
} from "../../../src/domain/places/place-text.ts";

let reader: PlaceReader;

beforeAll(async () => {
  reader = createPlaceReader(await loadDirectory());
});

const keysOf = (text: { keys: readonly { kind: string; name: string; detail: string | null }[] }) =>
  text.keys.map((key) => `${key.kind}:${key.name}${key.detail ? `#${key.detail}` : ""}`);

describe("the street is kept once a district is recognised", () => {
  it("in a complaint that names the district and then the street", () => {
    const read = reader.readDescription("井盖没了，川汇区人民路");

    expect(read.place).toBe("人民路");
    expect(read.precision).toBe("street");
    expect(read.regionWords).toEqual([{ word: "川汇区", regions: ["chuanhui"], townIn: {} }]);
    expect(keysOf(read)).toEqual(["road:人民路"]);
  });

  it("with the town said right before it, since villages' names repeat from town to town", () => {
    const read = reader.readDescription("俺是郸城县汲冢镇李庄村的，俺村支书把低保给了他亲戚");

    expect(read.place).toBe("汲冢镇李庄村");
    expect(read.townWords.map((w) => w.word)).toEqual(["汲冢镇"]);
    // 李庄村 and 李庄 are one village when cases are compared.
    expect(keysOf(read)).toEqual(["landmark:李庄"]);
  });

  it("in a typed address, where everything after the region and town words is the place", () => {
    const read = reader.readAddress("项城市水寨街道莲花路18号门前");

    expect(read.place).toBe("莲花路18号门前");
    expect(read.regionWords.map((w) => w.word)).toEqual(["项城市"]);
    expect(read.townWords).toEqual([
      { word: "水寨街道", regions: ["xiangcheng"], townIn: { xiangcheng: "水寨街道" } },
    ]);
    expect(keysOf(read)).toEqual(["road:莲花路#18号"]);
  });

  it("and a town several counties share is reported with all of them, for the region detector to decide", () => {
    const read = reader.readAddress("西华县城关镇南街");

    expect(read.place).toBe("南街");
    expect(read.townWords[0]!.regions).toContain("xihua");
    expect(read.townWords[0]!.regions.length).toBeGreaterThan(1);
    // Each by its own official name there: 城关镇 in 西华县, 城关回族镇 in 淮阳区.
    expect(read.townWords[0]!.townIn).toMatchObject({ xihua: "城关镇", huaiyang: "城关回族镇" });
  });

  it("and a town named in pinyin, with a word for a town after it, as foreign residents write", () => {
    for (const written of [
      "I live in Dongxiating town, Xihua county, and the street light is broken",
      "Dongxiating Town, Xihua County",
      "dong xia ting township",
    ]) {
      const read = reader.readDescription(written);
      expect(read.townWords, written).toEqual([
        { word: expect.any(String), regions: ["xihua"], townIn: { xihua: "东夏亭镇" } },
      ]);
      expect(read.precision, written).toBe("town");
    }
    // Without a word for a town, or inside another word, a pinyin name is none.
    expect(reader.readDescription("Dongxiating is far").townWords).toEqual([]);
    expect(reader.readDescription("Adongxiating town").townWords).toEqual([]);
  });
});

describe("crossings, compounds and landmarks", () => {
  it("read a crossing whichever way it is written, as one key", () => {
    const written = [
      "人民路与七一路交叉口的井盖没了",
      "七一路人民路口路灯不亮",
      "在七一路和人民路十字路口那儿",
    ].map((text) => reader.readDescription(text));

    expect(written.map((read) => read.keys[0])).toEqual(
      Array(3).fill({ kind: "crossing", name: "七一路+人民路", detail: null }),
    );
    expect(written[0]!.place).toBe("人民路与七一路交叉口");
  });

  it("keep the landmark said beside a crossing or road, with where from it, once", () => {
    const crossing = reader.readDescription("人民路和七一路交叉口东边那个老家属院的路灯坏了");
    expect(crossing.place).toBe("人民路和七一路交叉口东边那个老家属院");
    expect(keysOf(crossing)[0]).toBe("crossing:七一路+人民路");
    expect(reader.readDescription("七一路北边的幸福小区门口下水道堵了").place).toBe(
      "七一路北边的幸福小区",
    );
    expect(reader.readDescription("在文昌大道往东200米那个加油站旁边").place).toBe(
      "文昌大道往东200米那个加油站",
    );
  });

  it("take no landmark from a story that goes on after where from the place", () => {
    expect(reader.readDescription("人民路东边的路灯坏了俺们小区都黑了").place).toBe("人民路");
  });

  it("keep a compound's building, in arabic digits", () => {
    expect(keysOf(reader.readDescription("恒兴家园5号楼电梯又坏了"))).toEqual([
      "landmark:恒兴家园#5号楼",
    ]);
    expect(keysOf(reader.readAddress("川汇区恒兴家园五号楼"))).toEqual(["landmark:恒兴家园#5号楼"]);
    expect(keysOf(reader.readAddress("恒兴家园５号楼"))).toEqual(["landmark:恒兴家园#5号楼"]);
  });

  it("read road segments as the road", () => {
    expect(keysOf(reader.readDescription("周口大道中段有个大坑"))).toEqual(["road:周口大道"]);
  });

  it("take a road named after a county for a road, not for the county (川汇区淮阳路)", () => {
    const read = reader.readAddress("淮阳路");

    expect(read.place).toBe("淮阳路");
    expect(read.regionWords).toEqual([]);
  });

  it("take 县城 as the county town, not as part of the market's name", () => {
    const read = reader.readDescription("太康县城钢材市场夜里装卸钢管");

    expect(read.place).toBe("钢材市场");
    expect(read.regionWords.map((w) => w.word)).toEqual(["太康县城"]);
  });

  it("keep an employer as a party, which says who and not where", () => {
    const read = reader.readDescription("鑫源建筑公司拖欠工资三个月了");

    expect(keysOf(read)).toEqual(["party:鑫源建筑公司"]);
    expect(read.place).toBeNull();
    expect(read.precision).toBe("none");
  });

  it("take no party from a name the citizen says they do not know (不知道公司叫啥)", () => {
    for (const words of ["不知道公司叫啥，包工头姓刘", "也不清楚是啥公司", "不晓得哪个老板"]) {
      expect(keysOf(reader.readDescription(words)), words).toEqual([]);
    }
  });

  it("takes no road from crossing or walking one", () => {
    const read = reader.readDescription("项城市莲花大道上的红绿灯坏了三天了，孩子过马路很危险");

    expect(keysOf(read)).toEqual(["road:莲花大道"]);
    expect(read.place).toBe("莲花大道");
  });

  it("take no square from square dancing (跳广场舞), but keep a square where they dance", () => {
    expect(reader.readDescription("俺们小区楼下天天晚上跳广场舞，音响开得老大").place).toBeNull();
    expect(keysOf(reader.readDescription("人民广场跳广场舞的音响太大"))).toEqual([
      "landmark:人民广场",
    ]);
  });
});

describe("places named in English, as foreign residents write them", () => {
  it("read a road however its road word is written, as one key", () => {
    const read = reader.readDescription(
      "The street light on Qiyi Road in Chuanhui district has been broken for two weeks",
    );

    expect(read.place).toBe("Qiyi Road");
    expect(read.precision).toBe("street");
    expect(keysOf(reader.readDescription("My neighbour on Qiyi rd. burns rubbish"))).toEqual([
      "road:Qiyi Road",
    ]);
  });

  it.each([
    ["My neighbour on qiyi Rd. burns rubbish", "qiyi Rd.", "road:Qiyi Road"],
    ["the street light on zhongshan road is broken", "zhongshan road", "road:Zhongshan Road"],
    ["renmin rd", "renmin rd", "road:Renmin Road"],
    ["a big hole on jiefang lu", "jiefang lu", "road:Jiefang Road"],
  ])("read a road's name in small letters by its pinyin: %s", (text, place, key) => {
    const read = reader.readDescription(text);
    expect(read.place).toBe(place);
    expect(keysOf(read)).toEqual([key]);
  });

  it("take no road from English words before a road word, though some spell pinyin syllables", () => {
    for (const text of [
      "a long road",
      "the main road is dark",
      "a nice street",
      "the side street",
      "a wide road",
      "the inside lane",
      "on the same road",
      "one way street",
      "in the middle of the road",
      "my daughter zhang lu",
      // Letters read as syllables many ways are read once each, not in every way.
      `${"nana".repeat(20)}q road`,
    ])
      expect(reader.readDescription(text).precision).toBe("none");
  });

  it("read a road the street signs' pinyin names (Qiyi Lu) as the same road", () => {
    const read = reader.readDescription("The streetlight on Qiyi Lu has been broken for a week");
    expect(read.place).toBe("Qiyi Lu");
    expect(keysOf(read)).toEqual(["road:Qiyi Road"]);
    expect(read.precision).toBe("street");
    expect(keysOf(reader.readDescription("Wenchang Dadao is dark at night"))).toEqual([
      "road:Wenchang Avenue",
    ]);
    expect(keysOf(reader.readDescription("A big hole at Renmin Jie and Qiyi Lu"))).toEqual([
      "crossing:Qiyi Road+Renmin Street",
      "road:Renmin Street",
      "road:Qiyi Road",
    ]);
  });

  it("take no road from a person's name that ends as a road word in pinyin (Zhang Lu, Mr Lu)", () => {
    for (const text of [
      "My daughter Zhang Lu lives there",
      "Li Jie from the property company never answers",
      "Mr Lu burns rubbish every night",
      "Teacher Lu hit my son",
    ])
      expect(reader.readDescription(text).precision).toBe("none");
  });

  it("read a crossing and a compound", () => {
    expect(
      keysOf(reader.readDescription("There is a big hole where Renmin Rd and Qiyi Road meet")),
    ).toEqual(["crossing:Qiyi Road+Renmin Road", "road:Renmin Road", "road:Qiyi Road"]);
    expect(reader.readDescription("I live in Building 5 of Jianye Community").place).toBe(
      "Jianye Community",
    );
  });

  it.each([
    [
      "The street light outside Qiyi Road primary school in Chuanhui district is broken",
      "outside Qiyi Road primary school",
      ["landmark:Qiyi Road Primary School", "road:Qiyi Road"],
    ],
    [
      "Rubbish piles up near the Wanda Plaza on Renmin Road every night",
      "near the Wanda Plaza on Renmin Road",
      ["landmark:Wanda Plaza", "road:Renmin Road"],
    ],
    [
      "The manhole cover opposite No. 3 Middle School is missing",
      "opposite No. 3 Middle School",
      ["landmark:No. 3 Middle School"],
    ],
    [
      "There is a big pothole on Renmin Road near the train station, my bike fell into it",
      "Renmin Road near the train station",
      ["road:Renmin Road"],
    ],
    [
      "The drain on Qiyi Rd. outside the bus stop is blocked",
      "Qiyi Rd. outside the bus stop",
      ["road:Qiyi Road"],
    ],
    [
      "The shelter at the Renmin Road bus stop is broken",
      "Renmin Road bus stop",
      ["landmark:Renmin Road Bus Stop", "road:Renmin Road"],
    ],
    [
      "Taxis wait in front of Jianye Community all day",
      "in front of Jianye Community",
      ["landmark:Jianye Community"],
    ],
  ])(
    "keep a landmark with where from it, not only the road in its name: %s",
    (text, place, keys) => {
      const read = reader.readDescription(text);
      expect(read.place).toBe(place);
      expect(keysOf(read)).toEqual(keys);
      expect(read.precision).toBe("street");
    },
  );

  it("read one landmark however it is written", () => {
    expect(keysOf(reader.readDescription("Outside Qiyi Rd Primary School"))).toEqual([
      "landmark:Qiyi Road Primary School",
      "road:Qiyi Road",
    ]);
    expect(keysOf(reader.readDescription("opposite No.3 middle school"))).toEqual([
      "landmark:No. 3 Middle School",
    ]);
  });

  it.each([
    [
      "There is a huge pothole near wanda plaza on renmin road",
      "near wanda plaza on renmin road",
      ["landmark:Wanda Plaza", "road:Renmin Road"],
    ],
    [
      "The gate outside jianye garden is broken",
      "outside jianye garden",
      ["landmark:Jianye Garden"],
    ],
    [
      "Kids cross in front of qiyi road primary school",
      "in front of qiyi road primary school",
      ["landmark:Qiyi Road Primary School", "road:Qiyi Road"],
    ],
  ])("read a landmark named in small letters when its name is pinyin: %s", (text, place, keys) => {
    const read = reader.readDescription(text);
    expect(read.place).toBe(place);
    expect(keysOf(read)).toEqual(keys);
  });

  it("take no landmark's name from English words in small letters before a landmark word", () => {
    for (const text of [
      "Nobody answers at the police station",
      "The fire station came too late",
      "Stalls block the road at the tea market",
      "The queue at the chinese medicine hospital is endless",
      "The taxi stop is always full",
      "Rubbish at the new market",
    ])
      expect(reader.readDescription(text).precision).toBe("none");
  });

  it("take no name from ordinary words before a road word", () => {
    for (const text of ["The street is very dark", "A dark street near my home", "On the road"])
      expect(reader.readDescription(text).precision).toBe("none");
  });
});

describe("how precise the place is, so the conversation asks for the street once", () => {
  it.each([
    ["川汇区这边下水道堵了", "region"],
    ["鲁台镇俺庄南那座小桥塌了一半", "town"],
    ["我家小区门口的路灯坏了", "none"],
    ["马路上有个大坑", "none"],
    ["路灯坏了，老人走路不方便", "none"],
    ["天天修路，绕路要半小时", "none"],
    ["文昌大道和八一路交叉口东南角有个坑", "street"],
  ])("%s → %s", (text, precision) => {
    expect(reader.readDescription(text).precision).toBe(precision);
  });

  it("a typed answer that names only the city or says 家门口 is not a place", () => {
    expect(reader.readAddress("周口市").precision).toBe("none");
    expect(reader.readAddress("家门口").place).toBeNull();
    for (const said of ["就在俺家门口", "在我家楼下这儿", "咱家附近", "我家楼下那个路口"])
      expect(reader.readAddress(said).place).toBeNull();
    expect(reader.readAddress("川汇区我家楼下那个路口").precision).toBe("region");
  });

  it("nor is a compound, village or unit of the citizen's without its name (俺们小区门口)", () => {
    for (const said of ["就在俺们小区门口啊", "俺村东头", "我们单位楼下", "这个小区里", "村里"])
      expect(reader.readAddress(said).place).toBeNull();
    expect(reader.readAddress("俺们建业小区门口").place).toBe("俺们建业小区门口");
    expect(reader.readAddress("王庄村东头").precision).toBe("street");
  });

  it("a typed answer in the citizen's own words is a place, even without a street suffix", () => {
    expect(reader.readAddress("老粮站东边那个大坑").precision).toBe("street");
    expect(reader.readAddress("Renmin Road, Chuanhui").place).toBe("Renmin Road");
  });

  it.each([
    ["Chuanhui district", "chuanhui"],
    ["I think it's Chuanhui District", "chuanhui"],
    ["in Taikang", "taikang"],
    ["Shang Shui County", "shangshui"],
  ])("reads the county in pinyin: %s names no street", (said, region) => {
    const read = reader.readAddress(said);
    expect(read.precision).toBe("region");
    expect(read.regionWords.flatMap((word) => word.regions)).toEqual([region]);
  });
});

describe("an address said as where the citizen is from, or as what their place is called", () => {
  it.each([
    ["俺是商水县固墙镇李楼村的", "商水县固墙镇李楼村"],
    ["我是东关菜市场那边的人", "东关菜市场那边"],
    ["咱们是王庄村的。", "王庄村"],
    ["商水县的，俺是固墙镇李庄村的", "商水县，固墙镇李庄村"],
    ["俺们村叫老庄村", "老庄村"],
    ["我们小区叫幸福家园", "幸福家园"],
    ["村名叫李楼", "李楼"],
    ["俺家在幸福小区3号楼", "幸福小区3号楼"],
    ["我家住在七一路32号", "七一路32号"],
    ["我家就在王庄村东头", "王庄村东头"],
    ["我住在人民路12号。", "人民路12号"],
  ])("reads %s as %s", (said, address) => {
    expect(addressAsSaid(said)).toBe(address);
  });

  it.each([
    "川汇区七一路和八一路交叉口",
    "我家门口",
    "是的",
    "我是的",
    "人民路，菜市场门口",
    "我家在村里",
    "俺家住在这个小区",
    "我家楼下的垃圾站",
  ])("keeps %s as written", (said) => {
    expect(addressAsSaid(said)).toBe(said);
  });
});
