/** Which emergency number to call: 110 police, 119 fire, 120 ambulance. */
export type EmergencyService = "police" | "fire" | "ambulance";

// Phrases that look alarming but are everyday speech in complaints ("这是我的救命钱").
const HARMLESS = /救命钱|救命的钱|跳楼价|跳楼甩卖|打人工|着火点/gu;

const SIGNALS: readonly {
  readonly pattern: RegExp;
  readonly services: readonly EmergencyService[];
}[] = [
  { pattern: /着火|失火|起火|火灾|烧起来|冒火|火烧/u, services: ["fire"] },
  {
    pattern: /(?:煤气|燃气|天然气|液化气)(?:泄漏|泄露|漏了|漏气|味很大|味道很大)|漏气了/u,
    services: ["fire"],
  },
  { pattern: /爆炸|被困|困在|出不来/u, services: ["fire", "ambulance"] },
  {
    pattern:
      /有人受伤|受伤了|受了重伤|流了很多血|大出血|流血|晕倒|昏倒|昏迷|不省人事|休克|触电|溺水|掉水里|喘不上气|心脏病犯了|中毒/u,
    services: ["ambulance"],
  },
  {
    pattern: /打人|正在打|被打|砍人|杀人|持刀|拿刀|动刀|绑架|抢劫|家暴|行凶|威胁要杀/u,
    services: ["police", "ambulance"],
  },
  { pattern: /跳楼|跳河|自杀|轻生|不想活|寻死|想死/u, services: ["police", "ambulance"] },
  { pattern: /救命|快来人|救救/u, services: ["police", "fire", "ambulance"] },
];

/**
 * Finds signs of an emergency in a citizen's text (fire, gas, injury, violence, suicide,
 * a cry for help). Returns the numbers to call, in the order 110, 119, 120; an empty
 * array when nothing suggests danger. Deliberately errs on the side of warning.
 */
export function detectEmergency(text: string): EmergencyService[] {
  const cleaned = text.replace(HARMLESS, "");
  const found = new Set<EmergencyService>();
  for (const signal of SIGNALS) {
    if (signal.pattern.test(cleaned)) signal.services.forEach((service) => found.add(service));
  }
  return (["police", "fire", "ambulance"] as const).filter((service) => found.has(service));
}
