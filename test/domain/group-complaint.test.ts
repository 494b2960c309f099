import { describe, expect, it } from "vitest";
import {
  grownGroup,
  readGroupComplaint,
  type GroupComplaint,
} from "../../src/domain/group-complaint.ts";

const people = (atLeast: number, whole: GroupComplaint["whole"] = null): GroupComplaint => ({
  count: { atLeast, unit: "people" },
  whole,
});
const households = (atLeast: number, whole: GroupComplaint["whole"] = null): GroupComplaint => ({
  count: { atLeast, unit: "households" },
  whole,
});
const whole = (kind: NonNullable<GroupComplaint["whole"]>): GroupComplaint => ({
  count: null,
  whole: kind,
});

describe("a complaint made for many people is read as a group with at least how many", () => {
  it.each([
    // Henan dialect, wage arrears of a crew.
    ["俺们一共十几个人，老板欠了三个月工资", people(10)],
    ["俺们这一班二十来个人，工钱到现在一分没给", people(20)],
    // Migrant workers on a site.
    ["我们工地三十多个农民工，年底了工资还没结", people(30)],
    ["三十多名农民工的工资被包工头拖欠", people(30)],
    ["包工头跑了，欠着五六十个工友的钱", people(50)],
    ["我们公司100多个员工已经半年没发工资了", people(100)],
    ["我们几十个人找了老板好几次", people(20)],
    ["我和十几个工友在这干了一年", people(10)],
    // Residents and owners.
    ["我们小区二十多个业主都反映过这个问题", people(20)],
    ["咱们这儿上百个居民天天闻这个臭味", people(100)],
    ["二三十个村民的地被占了", people(20)],
    // The elderly.
    ["我们这些七八十岁的老人一共十来个，养老金迟迟不到账", people(10)],
    // Households.
    ["这条巷子二十来户，下雨就淹", households(20)],
    ["附近200多户都受影响", households(200)],
    ["一百余户居民用不上燃气", households(100)],
    ["楼里十几家住户一起反映", households(10)],
    ["我们这排三户都被油烟熏", households(3)],
    ["全村两百多户吃不上自来水", households(200, "village")],
    // English.
    ["about 30 of us workers have not been paid since August", people(30)],
    ["We are 20 workers and the boss left", people(20)],
    ["Over 200 households have had no water for a week", households(200)],
    ["thirty of us have signed this", people(30)],
  ])("%s", (words, group) => {
    expect(readGroupComplaint(words)).toEqual(group);
  });

  it.each([
    ["全村人喝的井水都发黄了", "village"],
    ["整个村都停电三天了", "village"],
    ["整栋楼的人都受不了", "building"],
    ["全楼都停水了", "building"],
    ["我们一个单元都没有暖气", "stairwell"],
    ["全小区的路灯都不亮", "estate"],
    ["我们小区业主一起反映物业乱收费", "estate"],
    ["整条街的商户都被占道经营影响", "street"],
    ["全厂职工三个月没发工资", "workplace"],
    ["The whole building has had no heating since Monday", "building"],
    ["the entire village is without water", "village"],
  ] as const)("%s names the whole group without a number", (words, kind) => {
    expect(readGroupComplaint(words)).toEqual(whole(kind));
  });

  it("keeps the largest count said, as its lower bound", () => {
    expect(readGroupComplaint("一开始是五六个人，后来我们一共三十多个人都没拿到钱")).toEqual(
      people(30),
    );
  });

  it("reads full-width digits as written ones", () => {
    expect(readGroupComplaint("附近２００多户都停电")).toEqual(households(200));
  });
});

describe("words about one person, a family or numbers of other things are no group", () => {
  it.each([
    ["我家三口人，住了十几年了"],
    ["我们家五个人挤在一间房里"],
    ["俺家里六口人都靠我一个人"],
    ["家里俩孩子上学没人接"],
    ["楼下两个人打架，吵得睡不着"],
    ["我今年五十多岁，下岗好几年了"],
    ["这个坑十几年了一直没人修"],
    ["老板欠了我三个月工资，一共八千多块"],
    ["一共十几个月没发工资"],
    ["我们两个七十多岁的老人没人管"],
    // Those complained of are not those complaining.
    ["楼下每天晚上二十多个人跳广场舞"],
    ["工地上几十个工人半夜还在施工"],
    ["车上坐了十几个人，明显超载"],
    // Ordinals, household registration and the safety stairs.
    ["我家是这排第五户"],
    ["三户口的事情一直办不下来"],
    ["安全楼梯被堵死了"],
    ["整个楼道都是垃圾"],
    ["花了一百多人民币"],
    ["我们三个人一起去的"],
    ["There were 5 people fighting outside the shop"],
    ["I am 55 years old and lost my job"],
    ["路灯坏了好几天了"],
  ])("%s", (words) => {
    expect(readGroupComplaint(words)).toBeNull();
  });
});

describe("a group grown by a later addition only ever grows", () => {
  it.each<[string, GroupComplaint | null, GroupComplaint | null, GroupComplaint | null]>([
    ["a larger count replaces the kept one", households(5), households(20), households(20)],
    ["a count makes a case of one a group", null, people(30), people(30)],
    [
      "the whole named keeps the kept count",
      households(20),
      whole("building"),
      households(20, "building"),
    ],
    [
      "a larger count keeps the whole named before",
      whole("village"),
      households(60),
      households(60, "village"),
    ],
    // Compared by number, as the clerks' group=N filter compares them.
    ["a larger number in other units", people(10), households(30), households(30)],
    ["fewer leaves it", households(20), households(10), null],
    ["the same leaves it", households(20), households(20), null],
    ["no group said leaves it", households(20), null, null],
    ["another whole leaves the one named", whole("village"), whole("building"), null],
  ])("%s", (_, kept, said, grown) => {
    expect(grownGroup(kept, said)).toEqual(grown);
  });
});
