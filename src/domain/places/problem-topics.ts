/**
 * What a complaint is about, in a few words: the object or nuisance that one
 * handling fixes (a manhole cover, a street lamp, a drain, unpaid wages). Two
 * complaints at one spot about different objects are two cases (a missing
 * cover and a dark lamp at one crossing); the same object in other words is
 * one (红绿灯 / 信号灯, 井盖没了 / 井没盖子). Character n-grams miss those
 * synonyms, hence this short hand-written list of the city's usual matters.
 * A topic not listed leaves the decision to the text similarity.
 */

export interface ProblemTopic {
  readonly code: string;
  readonly pattern: RegExp;
}

export const PROBLEM_TOPICS: readonly ProblemTopic[] = [
  { code: "manhole_cover", pattern: /井盖|窨井|井没盖|没盖子|井口/u },
  { code: "drain", pattern: /下水道|污水井|排水|堵了|堵塞|冒水|返水|化粪池|污水横流/u },
  { code: "flooding", pattern: /积水|内涝|被淹|淹了/u },
  { code: "street_lamp", pattern: /路灯|(?<![号绿])灯不亮|(?<![号绿])灯坏|黑乎乎|黑灯/u },
  { code: "traffic_light", pattern: /红绿灯|信号灯|闪黄灯/u },
  { code: "road_surface", pattern: /坑|路面|塌陷|裂缝|破损/u },
  { code: "rubbish", pattern: /垃圾|清运|环卫/u },
  { code: "street_vending", pattern: /摆摊|占道|小摊|流动摊/u },
  { code: "parking", pattern: /乱停|停车(?!费)|占用车位/u },
  { code: "lift", pattern: /电梯/u },
  { code: "fees", pattern: /收费|[^工]费|涨价|多收|收钱/u },
  { code: "noise", pattern: /噪音|噪声|吵|闹到|扰民|哐/u },
  { code: "smoke_smell", pattern: /油烟|烟尘|冒烟|臭|异味|熏/u },
  { code: "water_supply", pattern: /停水|没水|水压|自来水|水质/u },
  { code: "power_supply", pattern: /停电|没电|断电|跳闸/u },
  { code: "gas_supply", pattern: /燃气|煤气|天然气/u },
  { code: "heating", pattern: /暖气|供暖|供热/u },
  { code: "wages", pattern: /工资|工钱|欠薪|血汗钱|讨薪/u },
  { code: "labour_contract", pattern: /劳动合同|社保|五险/u },
  { code: "gambling", pattern: /赌/u },
  { code: "subsistence", pattern: /低保|特困|救助/u },
  { code: "food_safety", pattern: /注水|过期|变质|食品安全|食物中毒/u },
  { code: "illegal_building", pattern: /违建|违章建|私搭|乱建/u },
  { code: "trees", pattern: /树|绿化带/u },
  { code: "bridge", pattern: /桥/u },
];

/** The topics a text speaks of, in list order. */
export function problemTopics(text: string): string[] {
  return PROBLEM_TOPICS.filter((topic) => topic.pattern.test(text)).map((topic) => topic.code);
}
