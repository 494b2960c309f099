/**
 * Button ids. A button of a draft's question carries the draft's number and the
 * question it answers ("d3:cat:labor", "d3:sum:submit"), so a press on a button of an
 * earlier draft or of a question no longer asked is recognised as stale. Menu-like
 * buttons that make sense at any time are global ("menu:file", "lang:en", "case:ZK-…",
 * "review:ZK-…", "withdraw:ZK-…", "supplement:ZK-…"); so are the answers to a confirmation beside the draft ("offer:yes", "rate:no", "phone:yes").
 * Ids stay well under Telegram's 64-byte callback_data limit.
 */

const GLOBAL_ACTIONS = [
  "menu",
  "lang",
  "case",
  "offer",
  "voice",
  "rate",
  "review",
  "again",
  "withdraw",
  "supplement",
  "phone",
] as const;
const DRAFT_ACTIONS = [
  "cat",
  "catlist",
  "place",
  "region",
  "street",
  "near",
  "time",
  "photos",
  "contact",
  "name",
  "sum",
  "edit",
  "cancel",
  "voice",
] as const;

export type GlobalAction = (typeof GLOBAL_ACTIONS)[number];
export type DraftAction = (typeof DRAFT_ACTIONS)[number];

export type ParsedChoice =
  | { readonly scope: "global"; readonly action: GlobalAction; readonly value: string }
  | {
      readonly scope: "draft";
      readonly draftNo: number;
      readonly action: DraftAction;
      readonly value: string;
    };

/**
 * The value of a choice that leaves the answer to the clerk: the region not known
 * ("d3:region:-"), the kind of matter not known (其他 / 不确定, "d3:cat:-").
 */
export const LEAVE_TO_CLERK = "-";

/** The id of a button that makes sense at any time. */
export function globalChoice(action: GlobalAction, value: string): string {
  return `${action}:${value}`;
}

/** The id of a button answering a question of draft `draftNo`. */
export function draftChoice(draftNo: number, action: DraftAction, value = "-"): string {
  return `d${draftNo}:${action}:${value}`;
}

/** Reads a button id; null for anything the engine never sent (treated as stale). */
export function parseChoiceId(id: string): ParsedChoice | null {
  const draft = /^d(\d{1,9}):([a-z]+):(.{1,48})$/u.exec(id);
  if (draft) {
    const action = DRAFT_ACTIONS.find((known) => known === draft[2]);
    if (!action) return null;
    return { scope: "draft", draftNo: Number(draft[1]), action, value: draft[3]! };
  }
  const global = /^([a-z]+):(.{1,48})$/u.exec(id);
  const action = GLOBAL_ACTIONS.find((known) => known === global?.[1]);
  return global && action ? { scope: "global", action, value: global[2]! } : null;
}
