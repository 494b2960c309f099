import { describe, expect, it } from "vitest";
import { createPlacesElsewhere } from "../../../src/domain/places/elsewhere.ts";
import { chinaDivisions } from "../../../src/directory/china-divisions.ts";
import { loadDirectory } from "../../../src/directory/load-directory.ts";

/** The demo city is 周口市, in 河南省. */
const elsewhere = createPlacesElsewhere(chinaDivisions(), await loadDirectory());

describe("a place outside the city, read from a citizen's words", () => {
  it.each([
    ["在郑州东区那个龙湖的工地", "郑州市"],
    ["郑州市金水区花园路", "郑州市"],
    ["郑州的工地", "郑州市"],
    ["去深圳打工，老板欠了三个月工资", "深圳市"],
    ["我是周口人，在北京干装修", "北京市"],
    ["在河南郑州", "郑州市"],
    ["在内蒙古", "内蒙古自治区"],
    ["深圳宝安区的厂里", "深圳市"],
    // The most precise place said is told: the city, not its province.
    ["我在广东东莞打工", "东莞市"],
    ["在安徽亳州", "亳州市"],
    // A county counts by its full name.
    ["杞县城关镇", "杞县"],
    ["我是睢县的", "睢县"],
    // Provinces and cities in pinyin, as foreign residents write them.
    ["a construction site in Zhengzhou, Henan", "郑州市"],
    ["I work in shenzhen", "深圳市"],
  ])("%s → %s", (words, place) => {
    expect(elsewhere.placeNamed(words)).toBe(place);
  });

  it.each([
    // The city itself, its counties and towns, and its province said of it.
    "周口市川汇区七一路",
    "河南周口项城",
    "我们项城市的",
    "淮阳区",
    // Roads, estates, shops, dishes and people named after a place elsewhere.
    "北京路和七一路口",
    "上海花园小区",
    "郑州人开的饭店",
    "一碗郑州烩面",
    // Words that are also the short name of a city: unopened goods, sunlight.
    "买的东西没开封就坏了",
    "新楼挡住了我家的日照",
    "开封后发现坏了",
    // "不在郑州" says where the matter is not; 新县城 is a new county town, not 新县.
    "在周口，不在郑州",
    "新县城那边",
    // In English: the city itself, a road named after a place elsewhere, a short pinyin word.
    "Zhoukou city centre",
    "on Shanghai Road near the market",
    "my colleague Ali",
  ])("reads no place elsewhere in %s", (words) => {
    expect(elsewhere.placeNamed(words)).toBeNull();
  });
});
