/** Which emergency number to call: 110 police, 119 fire, 120 ambulance. */
export type EmergencyService = "police" | "fire" | "ambulance";

/**
 * The immediate dangers a citizen may describe, each with the numbers that apply and
 * its words in Chinese and in English. The one list every check is derived from.
 */
export const HAZARDS = [
  {
    kind: "fire",
    services: ["fire"],
    // Sparks (冒火星子, 冒火花) are of a wire or transformer: a live wire, not a fire.
    zh: /着火|失火|起火|火灾|烧起来|冒火(?![星花])|火烧/u,
    en: /\bfire\b|\bburning\b/iu,
  },
  {
    kind: "gas",
    services: ["fire"],
    // "漏气更厉害了": a leak said to grow, as a citizen adds to a gas case.
    zh: /(?:煤气|燃气|天然气|液化气)(?:味|泄漏|泄露|漏了|漏气)|漏气了|漏气[^，。！？]{0,4}(?:厉害|严重)/u,
    en: /\bgas (?:leak|smell)|\bsmell(?:s|ing)? (?:of )?gas\b|\bleaking gas\b/iu,
  },
  {
    kind: "manhole",
    services: ["police"],
    // "井盖子叫人偷了", "井盖让人给撬走了": the passive of speech (叫/让) as well as 被.
    zh: /(?:井盖|窨井盖|下水道盖)(?:子)?(?:都|也|又)?(?:(?:被|叫|让)(?:人|谁)?给?)?(?:没了|没有了|丢了|不见了|被偷|偷|撬|拿走|缺失|碎了|塌了|翻了|掀|开着|敞着)|(?:没有|没|缺了?)(?:井盖|盖子的井)/u,
    en: /\b(?:open|missing|uncovered|broken) (?:manhole|drain cover)|\bmanhole\b[^.!?]{0,30}?\b(?:missing|open|gone|stolen)\b|\bstole the manhole/iu,
  },
  {
    kind: "live_wire",
    services: ["police"],
    // "树歪了，压着电线，风一刮直冒火星子", "变压器老冒火花": sparks near a wire in one sentence.
    zh: /(?:电线|电缆|高压线)(?:杆)?(?:都|又|就)?(?:被?(?:风)?(?:刮|砸|撞|压|扯|碰))?(?:掉下来|掉在|掉到|掉地|掉了|断了|垂下来|垂到|耷拉|拖到地|拖在地|搭在地|落在|落地|冒火花|打火|要倒|倒了)|漏电|(?:电线|电缆|高压线|变压器|电闸|电箱)[^。！？!?]{0,12}(?:冒火星|火星子|冒火花|打火|噼里啪啦)/u,
    en: /\b(?:live|fallen|downed|exposed|hanging) (?:electric(?:al)? )?(?:wires?|cables?|power lines?)|\bpower lines? (?:is |are )?down\b/iu,
  },
  {
    // Lights out at a junction: the traffic police (122) send officers to direct the traffic.
    kind: "traffic_signal",
    services: ["police"],
    zh: /(?:红绿灯|信号灯|交通灯|红路灯)(?:都|也|又|全|一直|老是|总是|经常)*(?:坏了|坏掉了|不亮了?|灭了|黑了|失灵|乱闪|乱了|不变了?|不转了?|倒了)/u,
    en: /\btraffic (?:lights?|signals?)\b[^.!?]{0,30}?\b(?:(?:is|are) )?(?:out|broken|not working|down|dead|off)\b/iu,
  },
  {
    kind: "collapse",
    services: ["fire"],
    zh: /(?:墙|围墙|房子|房顶|屋顶|楼|天花板|吊顶|阳台)(?:体)?(?:要|快要?|马上就?要)?(?:塌|倒塌|坍塌|垮)|坍塌/u,
    en: /\b(?:wall|building|ceiling|roof|balcony)\b[^.!?]{0,30}?\b(?:collapsing|about to collapse|falling down|caving in|collapsed)/iu,
  },
  {
    kind: "flood",
    services: ["fire"],
    zh: /(?:淹水|内涝|积水|水淹|被淹|涨水|发大水|洪水)[^。！？]{0,15}(?:有人|老人|孩子|小孩|被困|出不来|冲走|齐腰|危险)|(?:有人|老人|孩子|小孩)[^。！？]{0,8}(?:被淹|被水冲|困在水)/u,
    en: /\bflood\w*\b[^.!?]{0,40}\b(?:trapped|people|child(?:ren)?|danger|swept)/iu,
  },
  {
    kind: "trapped",
    services: ["fire", "ambulance"],
    zh: /爆炸|被困|困在|出不来/u,
    en: /\bexplosion\b|\btrapped\b/iu,
  },
  {
    kind: "injury",
    services: ["ambulance"],
    // "骑电动车的摔进去了": someone fell into the hole or ditch complained of.
    zh: /有人受伤|受伤了|受了重伤|摔伤|(?:摔|跌)(?:进|到)(?:井|坑|洞|沟)?(?:里|去)|流了很多血|大出血|流血|晕倒|昏倒|昏迷|不省人事|休克|触电|溺水|掉水里|喘不上气|心脏病犯了|中毒/u,
    en: /\b(?:injured|bleeding|unconscious|fainted|can't breathe|electrocuted|drowning|poisoned)\b/iu,
  },
  {
    kind: "violence",
    services: ["police", "ambulance"],
    zh: /打人|正在打|被打|砍人|杀人|持刀|拿刀|动刀|绑架|抢劫|家暴|行凶|威胁要杀/u,
    en: /\b(?:attacking|beating|stabbed|robbery|kidnap\w*|with a knife)\b/iu,
  },
  {
    kind: "suicide",
    services: ["police", "ambulance"],
    zh: /跳楼|跳河|自杀|轻生|不想活|寻死|想死/u,
    en: /\bsuicide\b|\bkill (?:myself|himself|herself)\b/iu,
  },
  {
    kind: "cry_for_help",
    services: ["police", "fire", "ambulance"],
    zh: /救命|快来人|救救/u,
    en: /\bhelp me\b|\bsos\b/iu,
  },
] as const satisfies readonly {
  readonly kind: string;
  readonly services: readonly EmergencyService[];
  readonly zh: RegExp;
  readonly en: RegExp;
}[];

export type HazardKind = (typeof HAZARDS)[number]["kind"];

// Phrases that look alarming but are everyday speech in complaints ("这是我的救命钱").
const HARMLESS =
  /救命钱|救命的钱|跳楼价|跳楼甩卖|打人工|着火点|fire (?:brigade|station|extinguisher)/giu;

// A clause that says the danger is over ("井盖已经修好了") warns of nothing.
const RESOLVED =
  /修好|修复|修过了|已经盖上|盖好了|补上了|处理好|处理完|解决了|没事了|排除了|\b(?:fixed|repaired|was replaced|no longer)\b/iu;

const CLAUSE = /[，。！？；,.!?;\n]+/u;

/**
 * Finds the immediate dangers a citizen describes (fire, gas, an open manhole, a live
 * wire, a collapsing wall, flooding with people at risk, injury, violence, suicide, a
 * cry for help), in Chinese or English, in the order of HAZARDS. A clause that says the
 * danger is already dealt with counts for nothing. Deliberately errs on the side of warning.
 */
export function detectHazards(text: string): HazardKind[] {
  const unresolved = text
    .replace(HARMLESS, "")
    .split(CLAUSE)
    .filter((clause) => !RESOLVED.test(clause))
    .join("，");
  return HAZARDS.filter((hazard) => hazard.zh.test(unresolved) || hazard.en.test(unresolved)).map(
    (hazard) => hazard.kind,
  );
}
