/**
 * An immediate danger — fire, gas, an open manhole, a live wire, a collapsing wall,
 * flooding with people at risk — is recognised in Chinese and English, and the
 * citizen is told the number that applies to it; ordinary complaints, and dangers
 * already dealt with, are not emergencies.
 */
import { describe, expect, it } from "vitest";
import { detectHazards } from "../../../src/domain/intake/emergency.ts";
import { en } from "../../../src/i18n/en.ts";
import { zh } from "../../../src/i18n/zh.ts";

describe("detectHazards", () => {
  it.each([
    ["路口的井盖没了，晚上很危险", "manhole", "110"],
    ["俺家门口那个井盖子叫人偷了，黑灯瞎火的怕有人掉下去", "manhole", "110"],
    ["井盖让人给撬走了", "manhole", "110"],
    ["下水道盖被人掀了", "manhole", "110"],
    ["Someone stole the manhole cover on Renmin Road, it is open", "manhole", "110"],
    ["楼道里一股煤气味", "gas", "119"],
    ["现在漏气更厉害了，整个楼道都是味", "gas", "119"],
    ["燃气泄漏了", "gas", "119"],
    ["I can smell gas in the stairwell", "gas", "119"],
    ["小区门口的电线掉下来了", "live_wire", "110"],
    ["路灯杆漏电", "live_wire", "110"],
    ["俺村东头机井房的电线耷拉到地上了，小孩天天在那玩", "live_wire", "110"],
    ["电线掉地上好几天了没人管", "live_wire", "110"],
    ["大风把电线都刮断了，拖到地上", "live_wire", "110"],
    ["There is a fallen power line across the street", "live_wire", "110"],
    ["路口红绿灯坏了两天了，车乱走，很危险", "traffic_signal", "122"],
    ["十字路口的信号灯一直乱闪", "traffic_signal", "122"],
    ["The traffic lights at Renmin Road are out", "traffic_signal", "122"],
    ["工地旁边那堵墙要塌了", "collapse", "119"],
    ["The wall next to the school is about to collapse", "collapse", "119"],
    ["地下通道内涝，有老人被困在里面", "flood", "119"],
    ["The underpass is flooded and children are trapped", "flood", "119"],
    ["楼道里着火了", "fire", "119"],
    ["有人晕倒了", "injury", "120"],
    ["又有一个骑电动车的摔进去了", "injury", "120"],
    ["昨晚有个老人跌到坑里了", "injury", "120"],
    ["有人在打人", "violence", "110"],
    ["他说要跳楼", "suicide", "110"],
  ] as const)("%s → %s, told to call %s", (text, kind, number) => {
    expect(detectHazards(text)).toContain(kind);
    const advice = (/[\u4e00-\u9fff]/u.test(text) ? zh : en).emergency({ hazards: [kind] });
    expect(advice).toContain(number);
  });

  it.each([
    "那是我的救命钱",
    "商场跳楼价甩卖",
    "路灯坏了",
    "红绿灯时间太短，老人过不去马路",
    "天然气费太贵",
    "小区下水道堵了一个星期",
    "井盖已经修好了，谢谢",
    "上次说的电线已经修好了",
    "楼道里电线乱拉乱接，很难看",
    "The manhole cover was replaced yesterday, it is fixed",
    "下雨后路上有积水，走路不方便",
    "I was fired from my job without pay",
  ])("no danger in %s", (text) => {
    expect(detectHazards(text)).toEqual([]);
  });

  it.each([
    "俺们村头那棵大杨树歪了，压着电线，风一刮直冒火星子，娃们放学都从那过",
    "村东头变压器老冒火花",
    "电线杆被车撞歪了，上面的电线直打火",
  ])("reads sparks of a wire in %s as a live wire, not a fire", (text) => {
    expect(detectHazards(text)).toEqual(["live_wire"]);
  });

  it("names every danger found, each with its own advice", () => {
    const hazards = detectHazards("井盖没了，旁边还有电线掉下来了");
    expect(hazards).toEqual(["manhole", "live_wire"]);
    const advice = zh.emergency({ hazards });
    expect(advice).toContain("井盖没了或敞开：请马上打 110");
    expect(advice).toContain("电线掉落或漏电：请马上打 110");
  });
});
