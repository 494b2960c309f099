import { beforeAll, describe, expect, it } from "vitest";
import {
  createRegionDetector,
  type RegionDetector,
} from "../../src/classification/region-detector.ts";
import { loadDirectory } from "../../src/directory/load-directory.ts";

let detector: RegionDetector;
beforeAll(async () => {
  detector = createRegionDetector(await loadDirectory());
});

const region = (text: string) => detector.detect(text).region;

describe("region detection", () => {
  it.each([
    ["川汇区我们小区物业不作为", "chuanhui"],
    ["项城市我们小区旁边有家汽修厂", "xiangcheng"],
    ["沈丘县城一条老街上", "shenqiu"],
    ["淮阳县的老百姓", "huaiyang"],
    ["我在周口经开区买了房", "kaifaqu"],
    ["周口市川汇区七一路", "chuanhui"],
    ["周口市鹿邑县太清宫镇", "luyi"],
  ])("finds the district or county named: %s", (text, expected) => {
    expect(region(text)).toBe(expected);
  });

  it.each([
    ["我们逍遥镇上的早市", "xihua"],
    ["王皮溜镇的一个村", "luyi"],
    ["槐店镇派出所", "shenqiu"],
    ["槐店回族镇东关", "shenqiu"],
    ["南顿镇卫生院", "xiangcheng"],
    ["千佛阁街道办", "xiangcheng"],
    ["华耀城街道的小区", "chuanhui"],
  ])("finds the region of a town that belongs to one region only: %s", (text, expected) => {
    expect(region(text)).toBe(expected);
  });

  it("spells 乡 and 镇 both ways (many 乡 became 镇)", () => {
    expect(region("大许寨镇")).toBe("taikang");
    expect(region("红花集乡")).toBe("xihua");
  });

  it("does not resolve a town name several counties share without its county", () => {
    expect(region("我们城关镇的菜市场")).toBeNull();
    expect(region("城关回族镇")).toBeNull();
  });

  it("resolves a shared town name when its county is named too", () => {
    expect(region("西华县城关镇的菜市场")).toBe("xihua");
    expect(region("太康县城关回族镇")).toBe("taikang");
    expect(region("我们城关镇在郸城")).toBe("dancheng");
  });

  it("does not let a generic town name (城北街道) speak alone", () => {
    expect(region("城北街道的路灯")).toBeNull();
  });

  it("answers null, never a guess, when no place is named", () => {
    expect(region("我在县城租了一个单间")).toBeNull();
    expect(region("我在县医院做胃镜")).toBeNull();
    expect(region("我们镇上的学校")).toBeNull();
    expect(region("超市里卖的酸奶过期了")).toBeNull();
    expect(region("市场监管局不管，城市管理局也不管")).toBeNull();
    expect(region("")).toBeNull();
  });

  it("takes a city-wide matter or the city centre, without a district named, as the city level", () => {
    // The taxonomy: city "only when the matter is city-wide or in the city centre without a
    // district named".
    expect(region("全市的公交都该换新车了")).toBe("city");
    expect(region("市区主干道上的路灯晚上不亮")).toBe("city");
    expect(region("项城市区的路灯晚上不亮")).toBe("xiangcheng");
    expect(region("川汇区市中心那条街堵车")).toBe("chuanhui");
  });

  it("answers null when two different counties are named", () => {
    expect(region("鹿邑县和郸城县交界的那条路")).toBeNull();
  });

  it("takes the place of the matter, not the writer's home, when both are named", () => {
    expect(region("我是鹿邑县人，在郸城县打工")).toBe("dancheng");
    expect(region("老家沈丘的，在开发区打工")).toBe("kaifaqu");
  });

  it("reads a loose name (开发区, downtown) only when no region is named", () => {
    expect(region("开发区太昊路上的井盖")).toBe("kaifaqu");
    expect(region("项城开发区有家厂排污")).toBe("xiangcheng");
    expect(region("no heating in the Economic Development Zone")).toBe("kaifaqu");
    expect(region("the bus stops downtown are dirty")).toBe("city");
    expect(region("周口的开发区有个厂")).toBe("kaifaqu");
  });

  it("reads a city-level office, 市里 or 周口 without a district as the city level", () => {
    expect(region("市人社局不给办")).toBe("city");
    expect(region("去市不动产登记中心办证")).toBe("city");
    expect(region("周口市中心医院态度差")).toBe("city");
    expect(region("市里的公交车")).toBe("city");
    expect(region("我在周口打工，孩子上学的事")).toBe("city");
  });

  it("reads a street office named after its road, and an old county name", () => {
    expect(region("人民路跟七一路路口")).toBe("chuanhui");
    expect(region("项城县老城区")).toBe("xiangcheng");
  });

  it("reads a place inside a county as that county (项城市经济技术开发区, 川汇区淮阳路)", () => {
    expect(region("项城市经济技术开发区一家工厂")).toBe("xiangcheng");
    expect(region("川汇区淮阳路口")).toBe("chuanhui");
  });

  it("gives the city level only when the city is named without a district", () => {
    expect(region("周口市区好几个公交站牌")).toBe("city");
    expect(region("建议周口市多组织一些非遗展演")).toBe("city");
    expect(region("周口中心城区的路灯")).toBe("city");
  });

  it("returns the words that show the region", () => {
    expect(detector.detect("沈丘县槐店镇派出所").evidence).toEqual(["沈丘县", "槐店镇"]);
  });
});
