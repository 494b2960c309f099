/**
 * Whose a contact number is when it is not the citizen's own: the relations a citizen names
 * ("打俺儿子电话…", "call my son …"), each a code kept on the draft and the case and shown in
 * either language from the one code, and the words of both languages that name it.
 */

/** Every relation a contact number's holder may have to the citizen, written once. */
export const HOLDER_RELATIONS = [
  "son",
  "daughter",
  "son_in_law",
  "daughter_in_law",
  "spouse",
  "wife",
  "husband",
  "child",
  "grandson",
  "granddaughter",
  "nephew",
  "niece",
  "father",
  "mother",
  "neighbour",
  "relative",
] as const;

export type HolderRelation = (typeof HOLDER_RELATIONS)[number];

/**
 * The words that name each relation after "我/俺/咱" or "my". The Chinese ones were kept as said
 * before the codes (儿子, 闺女, 老伴儿…), so a stored word reads as its code.
 */
const WORDS: Record<
  HolderRelation,
  { readonly zh: readonly string[]; readonly en: readonly string[] }
> = {
  son: { zh: ["儿子"], en: ["son"] },
  daughter: { zh: ["闺女", "女儿"], en: ["daughter"] },
  son_in_law: { zh: ["女婿"], en: ["son-in-law"] },
  daughter_in_law: { zh: ["儿媳妇", "儿媳"], en: ["daughter-in-law"] },
  spouse: { zh: ["老伴儿", "老伴", "爱人"], en: ["spouse", "partner"] },
  wife: { zh: ["媳妇", "老婆"], en: ["wife"] },
  husband: { zh: ["老公"], en: ["husband"] },
  child: { zh: ["孩子"], en: ["child", "kid"] },
  grandson: { zh: ["孙子", "外孙"], en: ["grandson"] },
  granddaughter: { zh: ["孙女", "外孙女"], en: ["granddaughter"] },
  nephew: { zh: ["侄子", "外甥"], en: ["nephew"] },
  niece: { zh: ["侄女", "外甥女"], en: ["niece"] },
  father: { zh: ["爸爸", "父亲", "爸"], en: ["father", "dad"] },
  mother: { zh: ["妈妈", "母亲", "妈"], en: ["mother", "mum", "mom"] },
  neighbour: { zh: ["邻居"], en: ["neighbour", "neighbor"] },
  relative: { zh: ["亲戚"], en: ["relative"] },
};

const RELATION_OF_WORD = new Map<string, HolderRelation>(
  HOLDER_RELATIONS.flatMap((code) =>
    [...WORDS[code].zh, ...WORDS[code].en].map((word) => [word, code] as const),
  ),
);

/**
 * The words of `language` as a regex alternation, longest first ("外孙女" before "外孙",
 * "grandson" before "son").
 */
export function relationWords(language: "zh" | "en"): string {
  return HOLDER_RELATIONS.flatMap((code) => WORDS[code][language])
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replaceAll("-", "[-\\s]"))
    .join("|");
}

/**
 * The relation `said` names: a code, or a word of either language ("闺女", "Son-in-law"); a
 * stored word no list names any more reads as a relative, never as the citizen's own number.
 */
export function holderRelationOf(said: string): HolderRelation {
  const word = said
    .trim()
    .toLowerCase()
    .replace(/[-\s]+/g, "-");
  return HOLDER_RELATIONS.find((code) => code === word) ?? RELATION_OF_WORD.get(word) ?? "relative";
}

/**
 * Whose the contact phone is when not the citizen's ("打俺儿子电话…，他叫李强": son, 李强); a
 * case without one gave the citizen's own.
 */
export interface NumberHolder {
  readonly relation: HolderRelation;
  readonly name: string | null;
}

/** Whether two contacts' numbers are held alike: both the citizen's own, or the same relative. */
export function sameHolder(
  a: NumberHolder | null | undefined,
  b: NumberHolder | null | undefined,
): boolean {
  return (a ?? null) === (b ?? null) || (a?.relation === b?.relation && a?.name === b?.name);
}
