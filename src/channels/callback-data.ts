/**
 * The callback data of staff and rating buttons: `k:<action>:<trackingNo>[:<arg>…]`,
 * at most 64 bytes (Telegram's limit). The intake conversation's buttons never
 * start with `k:`, so the two never meet. Everything pressed is untrusted
 * input: parseCallbackData validates it.
 */
import { z } from "zod";
import type { UnitCardCommand } from "../cases/case-cards.ts";
import { ANSWER_OUTCOMES } from "../domain/vocabulary.ts";

const TrackingNo = z.string().regex(/^[A-Za-z0-9-]{1,30}$/);
const Code = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/);
const Outcome = z.enum(ANSWER_OUTCOMES);
const Flag = z.enum(["1", "0"]).transform((v) => v === "1");
const SatisfactionCode = z
  .enum(["s", "b", "d"])
  .transform((v) =>
    v === "s" ? "satisfied" : v === "b" ? "basically_satisfied" : ("dissatisfied" as const),
  );

/** Every button the staff feature handles, by action. */
const CallbackSchema = z.discriminatedUnion("action", [
  // clerks
  z.object({ action: z.literal("ok"), no: TrackingNo }),
  z.object({ action: z.literal("ch"), no: TrackingNo }),
  z.object({ action: z.literal("cat"), no: TrackingNo, category: Code }),
  /** mode: r route (accept + assign), a assign, x reassign, as the case was when the list was shown. */
  z.object({
    action: z.literal("u"),
    no: TrackingNo,
    unitId: Code,
    mode: z.enum(["r", "a", "x"]),
  }),
  z.object({ action: z.literal("na"), no: TrackingNo }),
  /** reason: the id of one of NOT_ACCEPT_REASONS. */
  z.object({ action: z.literal("nt"), no: TrackingNo, reason: Code }),
  z.object({ action: z.literal("nx"), no: TrackingNo }),
  z.object({ action: z.literal("mg"), no: TrackingNo }),
  z.object({ action: z.literal("mi"), no: TrackingNo, into: TrackingNo }),
  z.object({ action: z.literal("mx"), no: TrackingNo }),
  z.object({ action: z.literal("bk"), no: TrackingNo }),
  // unit handlers
  z.object({ action: z.literal("st"), no: TrackingNo }),
  z.object({ action: z.literal("an"), no: TrackingNo }),
  z.object({ action: z.literal("ao"), no: TrackingNo, outcome: Outcome }),
  z.object({ action: z.literal("ex"), no: TrackingNo }),
  z.object({ action: z.literal("rt"), no: TrackingNo }),
  /** 报告进展: asks for the note. */
  z.object({ action: z.literal("pg"), no: TrackingNo }),
  z.object({ action: z.literal("ub"), no: TrackingNo }),
  /** 不需要 under the promised-day question: the answer typed goes without a promised day. */
  z.object({ action: z.literal("np"), no: TrackingNo }),
  // citizens
  z.object({ action: z.literal("sv"), no: TrackingNo, solved: Flag }),
  z.object({
    action: z.literal("sf"),
    no: TrackingNo,
    solved: Flag,
    satisfaction: SatisfactionCode,
  }),
  z.object({ action: z.literal("rv"), no: TrackingNo }),
]);
export type Callback = z.output<typeof CallbackSchema>;
export type CallbackAction = Callback["action"];

/** The buttons a citizen presses (in a private chat). */
export type CitizenCallback = Extract<Callback, { action: "sv" | "sf" | "rv" }>;
/** The buttons of a unit's handlers. */
export type HandlerCallback = Extract<
  Callback,
  { action: "st" | "an" | "ao" | "ex" | "rt" | "pg" | "ub" | "np" }
>;
/** The buttons of the clerks. */
export type ClerkCallback = Exclude<Callback, CitizenCallback | HandlerCallback>;

/**
 * The action of each command a unit's card offers (unitCardCommands): Telegram's callback data
 * and the WeCom app's card keys name them alike.
 */
export const UNIT_CARD_ACTIONS = {
  start: "st",
  answer: "an",
  report_progress: "pg",
  extend: "ex",
  return: "rt",
} as const satisfies Record<UnitCardCommand, HandlerCallback["action"]>;

const CITIZEN_ACTIONS: readonly string[] = ["sv", "sf", "rv"];
const HANDLER_ACTIONS: readonly string[] = ["st", "an", "ao", "ex", "rt", "pg", "ub", "np"];

/** True for the rating and review buttons of a citizen. */
export function isCitizenCallback(callback: Callback): callback is CitizenCallback {
  return CITIZEN_ACTIONS.includes(callback.action);
}

/** True for the buttons of a unit's handlers. */
export function isHandlerCallback(callback: Callback): callback is HandlerCallback {
  return HANDLER_ACTIONS.includes(callback.action);
}

const ARG_NAMES: Partial<Record<CallbackAction, readonly string[]>> = {
  cat: ["category"],
  u: ["unitId", "mode"],
  nt: ["reason"],
  mi: ["into"],
  ao: ["outcome"],
  sv: ["solved"],
  sf: ["solved", "satisfaction"],
};

/** True for data of this scheme (whether or not it is valid). */
export function isStaffCallback(data: string): boolean {
  return data.startsWith("k:");
}

/** The button's data, or null when it is not of this scheme or not valid. */
export function parseCallbackData(data: string): Callback | null {
  const [prefix, action, no, ...args] = data.split(":");
  if (prefix !== "k" || action === undefined || no === undefined) return null;
  const names = ARG_NAMES[action as CallbackAction] ?? [];
  if (args.length !== names.length) return null;
  const fields: Record<string, string> = { action, no };
  names.forEach((name, index) => (fields[name] = args[index]!));
  const parsed = CallbackSchema.safeParse(fields);
  return parsed.success ? parsed.data : null;
}

/**
 * Encodes a button's data.
 * @throws Error when the result exceeds Telegram's 64 bytes (a programming
 * error: tracking numbers and unit ids of the directory are short).
 */
export function callbackData(action: CallbackAction, no: string, ...args: string[]): string {
  const data = ["k", action, no, ...args].join(":");
  if (Buffer.byteLength(data) > 64) throw new Error(`callback data over 64 bytes: ${data}`);
  return data;
}
