/**
 * What an outbox row's `payload` holds: a case Notification as JSON, plus the
 * words the renderer needs that the domain does not know (the recipient's
 * language, the unit's name). The schema is strict so no other field, and
 * above all no citizen's name or phone, can ride along to a unit.
 */
import { z } from "zod";
import { GroupComplaintSchema } from "../domain/group-complaint.ts";
import {
  ANSWER_OUTCOMES,
  CASE_CLASSES,
  CASE_STATUSES,
  DEADLINE_CLOCKS,
  OTHER_CHANNELS,
  CHANNELS,
  CLERK_CHANNELS,
  type ChannelName,
  type ClerkChannel,
} from "../domain/vocabulary.ts";
import type {
  NextStep,
  Notification,
  NotificationKind,
} from "../domain/lifecycle/notifications.ts";

/** Languages the notification texts exist in. */
export type NotificationLocale = "zh" | "en";

/**
 * Channels the outbox delivers through: the chat channels of the Prisma `Channel` enum, and the
 * calls and visits clerks registered, whose citizen's notices go by SMS alone (`smsOnly`).
 */
export type OutboxChannel = ChannelName | ClerkChannel;

/** Whether the outbox can deliver through `channel` (Open311 has no chat). */
export function isOutboxChannel(channel: string): channel is OutboxChannel {
  return (CHANNELS as readonly string[]).includes(channel) || isSmsOnlyChannel(channel);
}

/** A registered call's or visit's: no chat, its citizen's notices go by SMS alone. */
export function isSmsOnlyChannel(channel: string): channel is ClerkChannel {
  return (CLERK_CHANNELS as readonly string[]).includes(channel);
}

/**
 * Who a row is for (the `audience` column). A supporter (附议) gets the citizen's notices in
 * their own chat, without the reporter's status link, photos or SMS fallback.
 */
export type OutboxAudience = "citizen" | "supporter" | "unit" | "clerks";

const KINDS: Record<NotificationKind, true> = {
  received: true,
  accepted: true,
  transferred: true,
  not_accepted: true,
  in_progress: true,
  progress: true,
  extended: true,
  answered: true,
  answer_follow_up: true,
  review_received: true,
  closed: true,
  merged: true,
  withdrawn: true,
  query_code_reset: true,
  assigned: true,
  unassigned: true,
  supplemented: true,
  urged: true,
  urgency_changed: true,
  reminder: true,
  new_case: true,
  returned: true,
  review_to_route: true,
  escalation: true,
};

const NEXT_STEPS: Record<NextStep, true> = {
  await_decision: true,
  await_answer: true,
  await_review_answer: true,
  may_request_review: true,
  may_request_second_review: true,
  may_file_complaint: true,
  use_other_channel: true,
  follow_merged_case: true,
  handle_case: true,
  route_case: true,
  none: true,
};

const keysOf = <K extends string>(record: Record<K, true>) => Object.keys(record) as [K, ...K[]];

const IsoInstant = z.iso.datetime({ offset: true });

export const NotificationDetailsPayloadSchema = z.strictObject({
  caseClass: z.enum(CASE_CLASSES).optional(),
  outcome: z.enum(ANSWER_OUTCOMES).optional(),
  answerText: z.string().optional(),
  promisedBy: z.iso.date().optional(),
  answeredOn: z.iso.date().optional(),
  progressNote: z.string().optional(),
  supplementText: z.string().optional(),
  supplementPhotos: z.number().int().min(0).optional(),
  urgeOrdinal: z.number().int().min(1).optional(),
  group: GroupComplaintSchema.optional(),
  urgent: z.boolean().optional(),
  consultation: z.literal(true).optional(),
  photoIds: z.array(z.string()).optional(),
  reviewStage: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  reason: z.string().optional(),
  channel: z.enum(OTHER_CHANNELS).nullable().optional(),
  extensionDays: z.number().int().optional(),
  mergedInto: z.string().optional(),
  unitId: z.string().optional(),
  clock: z.enum(DEADLINE_CLOCKS).optional(),
  overdueDays: z.number().int().optional(),
  returnDueAt: IsoInstant.optional(),
  queryCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});

export const OutboxPayloadSchema = z.strictObject({
  /** Version of this shape, for rows written by an older release. */
  v: z.literal(1).default(1),
  /** Rows written without a locale (by code that stores the bare Notification) read as zh. */
  locale: z.enum(["zh", "en"]).default("zh"),
  /** The Notification's recipient, when the bare Notification was stored. */
  to: z
    .union([
      z.strictObject({ kind: z.literal("citizen") }),
      z.strictObject({ kind: z.literal("unit"), unitId: z.string() }),
      z.strictObject({ kind: z.literal("clerks") }),
    ])
    .optional(),
  kind: z.enum(keysOf(KINDS)),
  trackingNo: z.string().min(1),
  status: z.enum(CASE_STATUSES),
  nextStep: z.enum(keysOf(NEXT_STEPS)),
  dueAt: IsoInstant.nullable(),
  /** The Shanghai day of `dueAt` (YYYY-MM-DD), as the domain computed it. */
  dueDate: z.iso.date().nullable(),
  details: NotificationDetailsPayloadSchema,
  /** The name of the unit handling the case (citizens) or concerned by it (clerks). */
  unitName: z.string().nullable().default(null),
  /**
   * The answer's machine translation into `locale`, sent after the original. Added to the
   * claimed row at delivery, from the kept translation (AnswerTranslations); never stored here.
   */
  answerTranslation: z.string().optional(),
  /**
   * The notice was given back once to wait for its answer's translation: the next claim sends
   * it with the translation if there is one by then, else without.
   */
  translationAwaited: z.literal(true).optional(),
  /** Messages of this notification already delivered by an earlier, interrupted attempt. */
  deliveredParts: z.number().int().min(0).optional(),
  /** The case's status page, number filled in (citizens only; none without PUBLIC_URL). */
  statusLink: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * It goes by SMS alone, to the phone left on the case: the receipt the citizen read in the chat
   * that submitted, or any notice to a citizen whose call or visit a clerk registered (no chat).
   * Written only when SMS is configured.
   */
  smsOnly: z.literal(true).optional(),
});
export type OutboxPayload = z.output<typeof OutboxPayloadSchema>;

/** A row to write with {@link OutboxStore.enqueue}. */
export interface NewOutboxMessage {
  readonly caseId: string | null;
  readonly channel: OutboxChannel;
  /** Telegram chat id, WeCom user, or web session. */
  readonly recipient: string;
  readonly audience: OutboxAudience;
  readonly kind: NotificationKind;
  readonly payload: OutboxPayload;
}

/**
 * The outbox row for one Notification of a decision, to one address. The lead
 * code resolves the address (the case's identity for the citizen, the unit's
 * chat, the clerks' group) and the unit's display name.
 */
export function outboxMessageFor(
  notification: Notification,
  target: {
    readonly caseId: string | null;
    readonly channel: OutboxChannel;
    readonly recipient: string;
    readonly locale: NotificationLocale;
    readonly unitName?: string | null;
    readonly statusLink?: string | null;
    readonly smsOnly?: boolean;
    /** Defaults to the notification's recipient kind. */
    readonly audience?: OutboxAudience;
  },
): NewOutboxMessage {
  const { details } = notification;
  const payload: OutboxPayload = OutboxPayloadSchema.parse({
    v: 1,
    locale: target.locale,
    kind: notification.kind,
    trackingNo: notification.trackingNo,
    status: notification.status,
    nextStep: notification.nextStep,
    dueAt: notification.dueAt?.toISOString() ?? null,
    dueDate: notification.dueDate,
    details: {
      ...details,
      ...(details.returnDueAt === undefined
        ? {}
        : { returnDueAt: details.returnDueAt.toISOString() }),
    },
    unitName: target.unitName ?? null,
    ...(target.statusLink && { statusLink: target.statusLink }),
    ...(target.smsOnly && { smsOnly: true }),
  });
  return {
    caseId: target.caseId,
    channel: target.channel,
    recipient: target.recipient,
    audience: target.audience ?? notification.to.kind,
    kind: notification.kind,
    payload,
  };
}
