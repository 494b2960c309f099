/**
 * Where said by the citizen's home ("就在我家门口", "俺家楼下"): a place the citizen knows and the
 * staff cannot find. Read by the where step (prompts.ts asks for the home's address) and by the
 * questions where a citizen still on the place says it.
 */
import type { Draft } from "./state.ts";

// "我家门口", "俺家楼下", "咱家对面": where by the citizen's home, which the staff do not know.
const BY_HOME_ZH =
  /(?:我|俺|咱)们?家的?(?:大?门口|门前|楼下|楼上|楼道|对门|隔壁|附近|旁边|边上|跟前|后面|前面|后头|前头|对面|院里|院子里|屋后|房后|窗外)/u;
// "outside my home", "in front of my house", "downstairs from my flat": the same, in English.
const BY_HOME_EN =
  /\b(?:outside|in front of|downstairs from|upstairs from|below|next to|near|opposite|across from|behind) (?:my|our) (?:home|house|flat|apartment|building|door|place)\b/iu;
const BY_HOME = new RegExp(`${BY_HOME_ZH.source}|${BY_HOME_EN.source}`, "iu");
// "我家楼下那个路口", "就在我家附近的路口": a crossing of no road named, only where by the home
// too.
const UNNAMED_CROSSING = "(?:的|那个|这个|那|这)*(?:十字)?(?:路口|十字口|交叉口)";
// "就在俺家门口那儿啊", "it's right outside my house": the words around it say no more.
const ONLY_BY_HOME = new RegExp(
  `^(?:(?:就|是|在)*(?:${BY_HOME_ZH.source})(?:${UNNAMED_CROSSING})?(?:这儿|那儿|这里|那里|这块|那块|这边|那边)?[呢啊呀吧哈]*` +
    `|(?:(?:it[’']?s|it is|just|right) )*(?:${BY_HOME_EN.source}))[。.!！~～]*$`,
  "iu",
);

/**
 * "就在我家门口", "俺家楼下那儿", "我家楼下那个路口", "outside my home": where, said only by the
 * citizen's home.
 */
export function saysWhereOnlyByHome(text: string): boolean {
  return ONLY_BY_HOME.test(text);
}

/**
 * Whether the draft's place is only where the citizen's home is ("就在我家门口", "川汇区我家楼下",
 * "我家楼下那个路口"): no road, compound or landmark named, so the home's address is what the
 * staff need. A typed place counts as precise ("street") unless it is the home alone.
 */
export function placeOnlyByHome(draft: Pick<Draft, "address" | "placePrecision">): boolean {
  if (draft.address === null) return false;
  return draft.placePrecision === "street"
    ? saysWhereOnlyByHome(draft.address.trim())
    : BY_HOME.test(draft.address);
}
