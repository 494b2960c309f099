/**
 * What the bot is waiting for a person to type in a chat (a reason, an
 * answer text), after asking (Telegram: with force_reply; the WeCom app: in
 * the staff member's own chat with the app). Kept in the DialogueState table
 * of the channel under a key of its own (`await:<chat>:<user>`), which no
 * citizen conversation uses, so that a restart does not lose the question.
 */
import { z } from "zod";
import { MAX_UNIT_PHOTOS } from "../domain/lifecycle/timeline.ts";
import { ANSWER_OUTCOMES } from "../domain/vocabulary.ts";
import type { Channel, Prisma } from "../generated/sqlite/client.ts";
import type { Db } from "./database.ts";

/** The questions asked of a citizen (the others are a staff member's). */
export const CITIZEN_QUESTIONS = ["rating_reason", "rating_satisfaction"] as const;

/** One open question; validated when read back. */
const AwaitedReplySchema = z.object({
  /**
   * not_accept | answer | extend | return | progress | merge | rating_reason, and
   * rating_satisfaction: a citizen tapped 已解决 / 未解决 and is asked 满意 / 基本满意 / 不满意.
   */
  action: z.enum([
    "not_accept",
    "answer",
    "extend",
    "return",
    "progress",
    "merge",
    ...CITIZEN_QUESTIONS,
  ]),
  trackingNo: z.string().min(1),
  /** The answer's outcome, when the action is answer. */
  outcome: z.enum(ANSWER_OUTCOMES).optional(),
  /** The card to edit once the reply is applied: a Telegram message, or a WeCom card's task and response code. */
  card: z
    .union([
      z.object({ chatId: z.string(), messageId: z.number().int() }),
      z.object({ taskId: z.string(), responseCode: z.string() }),
    ])
    .optional(),
  /**
   * The answer's words once typed: the promised day (承诺办结日期) is asked next, and the answer
   * goes with it, or without one when the handler needs none.
   */
  answerText: z.string().optional(),
  /** The days of an extension typed without its reason: the next text is the reason. */
  days: z.number().int().optional(),
  /** Photos sent while an answer or progress report is asked for: they go with the words. */
  photoIds: z.array(z.string()).max(MAX_UNIT_PHOTOS).optional(),
  /** The citizen's 已解决 / 未解决, when the satisfaction is asked. */
  solved: z.boolean().optional(),
  /**
   * Words the citizen typed where the satisfaction is asked ("他们根本没来俺家看过") that could not
   * be recorded on the case: kept with the rating as its reason once it is given.
   */
  reason: z.string().max(4000).optional(),
  /** Words typed where the satisfaction is asked are recorded on the case (answer_commented). */
  commented: z.boolean().optional(),
  /** After this instant the question is stale and the text goes its normal way. */
  expiresAt: z.iso.datetime({ offset: true }),
});
export type AwaitedReply = z.infer<typeof AwaitedReplySchema>;

/** True for a question asked of a citizen. */
export function isCitizenQuestion(
  action: AwaitedReply["action"],
): action is (typeof CITIZEN_QUESTIONS)[number] {
  return (CITIZEN_QUESTIONS as readonly string[]).includes(action);
}

export interface AwaitedReplies {
  /** Remembers the question, replacing any earlier one of the same person in the chat. */
  put(chatId: string, userId: string, awaited: AwaitedReply): Promise<void>;
  /** The open question, or null (none, expired or unreadable). */
  peek(chatId: string, userId: string, now: Date): Promise<AwaitedReply | null>;
  /** Forgets the question. */
  clear(chatId: string, userId: string): Promise<void>;
}

/** The DialogueState key of the reply awaited from `userId` in `chatId`. */
export const awaitedReplyKey = (chatId: string, userId: string) => `await:${chatId}:${userId}`;

/** The open question stored as `state`; null when unreadable or expired at `now`. */
export function awaitedReplyOf(state: unknown, now: Date): AwaitedReply | null {
  const parsed = AwaitedReplySchema.safeParse(state);
  if (!parsed.success) return null;
  if (new Date(parsed.data.expiresAt).getTime() <= now.getTime()) return null;
  return parsed.data;
}

/** The awaited replies of one channel on the DialogueState table. */
export function createAwaitedReplies(db: Db, channel: Channel): AwaitedReplies {
  return {
    async put(chatId, userId, awaited) {
      const key = { channel, chatId: awaitedReplyKey(chatId, userId) };
      const state = awaited as unknown as Prisma.InputJsonValue;
      await db.dialogueState.upsert({
        where: { channel_chatId: key },
        create: { ...key, state, version: 1 },
        update: { state, version: { increment: 1 } },
      });
    },
    async peek(chatId, userId, now) {
      const row = await db.dialogueState.findUnique({
        where: { channel_chatId: { channel, chatId: awaitedReplyKey(chatId, userId) } },
      });
      return row ? awaitedReplyOf(row.state, now) : null;
    },
    async clear(chatId, userId) {
      await db.dialogueState.deleteMany({
        where: { channel, chatId: awaitedReplyKey(chatId, userId) },
      });
    },
  };
}
