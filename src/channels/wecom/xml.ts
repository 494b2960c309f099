import type * as FastXmlParser from "fast-xml-parser";
import { z } from "zod";
import { requireCommonJsBuild } from "../../commonjs-build.ts";
import { WeComCallbackError } from "./errors.ts";

const { XMLParser, XMLValidator } = requireCommonJsBuild("fast-xml-parser") as typeof FastXmlParser;

// parseTagValue: false keeps every value a string (CreateTime would become a number while the
// 64-bit MsgId stays a string); entities are off because WeCom never sends any.
const parser = new XMLParser({
  parseTagValue: false,
  ignoreAttributes: true,
  processEntities: false,
  trimValues: true,
  isArray: (_name, jpath) =>
    jpath === "xml.SelectedItems.SelectedItem" ||
    jpath === "xml.SelectedItems.SelectedItem.OptionIds.OptionId",
});

const MAX_XML_LENGTH = 64 * 1024;

const text = z.string();
const unixSeconds = z
  .string()
  .regex(/^\d{1,12}$/)
  .transform(Number);
const optionalText = z.string().optional();

/** The outer XML of a POST callback. */
export const CallbackEnvelopeSchema = z.object({
  xml: z.object({
    ToUserName: optionalText,
    AgentID: optionalText,
    Encrypt: z.string().min(1),
  }),
});
export interface CallbackEnvelope {
  readonly toUserName: string | undefined;
  readonly agentId: string | undefined;
  readonly encrypt: string;
}

const KfMsgOrEventSchema = z.object({
  ToUserName: text,
  CreateTime: unixSeconds,
  MsgType: z.literal("event"),
  Event: z.literal("kf_msg_or_event"),
  Token: z.string().min(1),
  OpenKfId: z.string().min(1),
});

const SelectedItemSchema = z.object({
  QuestionKey: text,
  OptionIds: z
    .object({ OptionId: z.array(text).optional() })
    .or(z.literal(""))
    .optional(),
});

const TemplateCardEventSchema = z.object({
  ToUserName: text,
  FromUserName: z.string().min(1),
  CreateTime: unixSeconds,
  MsgType: z.literal("event"),
  Event: z.literal("template_card_event"),
  EventKey: text,
  TaskId: text,
  CardType: optionalText,
  ResponseCode: optionalText,
  AgentID: optionalText,
  SelectedItems: z
    .object({ SelectedItem: z.array(SelectedItemSchema).optional() })
    .or(z.literal(""))
    .optional(),
});

const AppTextSchema = z.object({
  ToUserName: text,
  FromUserName: z.string().min(1),
  CreateTime: unixSeconds,
  MsgType: z.literal("text"),
  Content: text,
  MsgId: z.string().min(1),
  AgentID: optionalText,
});

const AppImageSchema = z.object({
  ToUserName: text,
  FromUserName: z.string().min(1),
  CreateTime: unixSeconds,
  MsgType: z.literal("image"),
  MediaId: z.string().min(1),
  MsgId: z.string().min(1),
  AgentID: optionalText,
});

const AnyMessageSchema = z.looseObject({
  ToUserName: optionalText,
  FromUserName: optionalText,
  CreateTime: unixSeconds.optional(),
  MsgType: z.string().min(1),
  Event: optionalText,
  AgentID: optionalText,
});

/** 微信客服 signals new messages or events; pull them with kf/sync_msg using `token`. */
export interface KfMsgOrEvent {
  readonly type: "kf_msg_or_event";
  readonly corpId: string;
  readonly createTime: number;
  /** Valid for 10 minutes; lifts sync_msg's strict rate limit. */
  readonly token: string;
  readonly openKfId: string;
}

/** A staff member pressed a button of a template card (button_interaction and others). */
export interface TemplateCardEvent {
  readonly type: "template_card_event";
  readonly corpId: string;
  /** The staff member's userid. */
  readonly fromUserName: string;
  readonly createTime: number;
  /** The key of the pressed button. */
  readonly eventKey: string;
  readonly taskId: string;
  readonly cardType: string | undefined;
  /** Consumable once (72 h) by message/update_template_card. */
  readonly responseCode: string | undefined;
  readonly agentId: string | undefined;
  readonly selectedItems: ReadonlyArray<{ questionKey: string; optionIds: readonly string[] }>;
}

/** A text a staff member typed into the self-built app. */
export interface AppTextMessage {
  readonly type: "text";
  readonly corpId: string;
  readonly fromUserName: string;
  readonly createTime: number;
  readonly content: string;
  readonly msgId: string;
  readonly agentId: string | undefined;
}

/** A photo a staff member sent to the self-built app: download it with media/get. */
export interface AppImageMessage {
  readonly type: "image";
  readonly corpId: string;
  readonly fromUserName: string;
  readonly createTime: number;
  readonly mediaId: string;
  readonly msgId: string;
  readonly agentId: string | undefined;
}

/** Any other well-formed callback (enter_agent, other events and message types). */
export interface OtherCallback {
  readonly type: "other";
  readonly msgType: string;
  readonly event: string | undefined;
  readonly fromUserName: string | undefined;
  readonly agentId: string | undefined;
}

/** A decrypted callback. */
export type WeComCallbackEvent =
  KfMsgOrEvent | TemplateCardEvent | AppTextMessage | AppImageMessage | OtherCallback;

/**
 * What a staff member does in the self-built app: a card press, a text, a photo, or another
 * message (voice, file, location…), which the app cannot take.
 */
export type AppStaffEvent =
  | TemplateCardEvent
  | AppTextMessage
  | AppImageMessage
  | (OtherCallback & { readonly fromUserName: string });

/** The app's staff events among the callbacks (the kf channel's are events of its own). */
export function isAppStaffEvent(event: WeComCallbackEvent): event is AppStaffEvent {
  if (event.type !== "other") return event.type !== "kf_msg_or_event";
  return event.msgType !== "event" && event.fromUserName !== undefined;
}

function parseXmlObject(xml: string): unknown {
  if (xml.length > MAX_XML_LENGTH) {
    throw new WeComCallbackError("malformed", "callback XML too large");
  }
  if (/<!(DOCTYPE|ENTITY)/i.test(xml)) {
    throw new WeComCallbackError("malformed", "callback XML with a DOCTYPE or ENTITY");
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new WeComCallbackError("malformed", `callback XML malformed: ${valid.err.code}`);
  }
  try {
    const parsed: unknown = parser.parse(xml);
    return parsed;
  } catch (cause) {
    throw new WeComCallbackError("malformed", "callback XML could not be parsed", { cause });
  }
}

function rootOf(xml: string): Record<string, unknown> {
  const parsed = z
    .object({ xml: z.record(z.string(), z.unknown()) })
    .safeParse(parseXmlObject(xml));
  if (!parsed.success) {
    throw new WeComCallbackError("malformed", "callback XML without an <xml> element");
  }
  return parsed.data.xml;
}

function shapeError(what: string, error: z.ZodError): WeComCallbackError {
  const fields = error.issues.map((issue) => issue.path.join(".")).join(", ");
  return new WeComCallbackError("malformed", `${what} has an unexpected shape (${fields})`);
}

/**
 * Parses the outer XML of a POST callback.
 * @throws WeComCallbackError("malformed") for malformed XML or a missing <Encrypt>.
 */
export function parseCallbackEnvelope(xml: string): CallbackEnvelope {
  const parsed = CallbackEnvelopeSchema.safeParse({ xml: rootOf(xml) });
  if (!parsed.success) throw shapeError("callback envelope", parsed.error);
  const { ToUserName, AgentID, Encrypt } = parsed.data.xml;
  return { toUserName: ToUserName, agentId: AgentID, encrypt: Encrypt };
}

/**
 * Parses a decrypted callback. Unknown message and event types come back as `other`;
 * known ones must have their documented fields.
 * @throws WeComCallbackError("malformed") for malformed XML or a known type missing fields.
 */
export function parseCallbackEvent(xml: string): WeComCallbackEvent {
  const root = rootOf(xml);
  const base = AnyMessageSchema.safeParse(root);
  if (!base.success) throw shapeError("callback", base.error);
  const { MsgType, Event } = base.data;

  if (MsgType === "event" && Event === "kf_msg_or_event") {
    const e = KfMsgOrEventSchema.safeParse(root);
    if (!e.success) throw shapeError("kf_msg_or_event", e.error);
    return {
      type: "kf_msg_or_event",
      corpId: e.data.ToUserName,
      createTime: e.data.CreateTime,
      token: e.data.Token,
      openKfId: e.data.OpenKfId,
    };
  }
  if (MsgType === "event" && Event === "template_card_event") {
    const e = TemplateCardEventSchema.safeParse(root);
    if (!e.success) throw shapeError("template_card_event", e.error);
    const items = e.data.SelectedItems === "" ? [] : (e.data.SelectedItems?.SelectedItem ?? []);
    return {
      type: "template_card_event",
      corpId: e.data.ToUserName,
      fromUserName: e.data.FromUserName,
      createTime: e.data.CreateTime,
      eventKey: e.data.EventKey,
      taskId: e.data.TaskId,
      cardType: e.data.CardType,
      responseCode: e.data.ResponseCode,
      agentId: e.data.AgentID,
      selectedItems: items.map((item) => ({
        questionKey: item.QuestionKey,
        optionIds:
          item.OptionIds === undefined || item.OptionIds === ""
            ? []
            : (item.OptionIds.OptionId ?? []),
      })),
    };
  }
  if (MsgType === "text") {
    const m = AppTextSchema.safeParse(root);
    if (!m.success) throw shapeError("text message", m.error);
    return {
      type: "text",
      corpId: m.data.ToUserName,
      fromUserName: m.data.FromUserName,
      createTime: m.data.CreateTime,
      content: m.data.Content,
      msgId: m.data.MsgId,
      agentId: m.data.AgentID,
    };
  }
  if (MsgType === "image") {
    const m = AppImageSchema.safeParse(root);
    if (!m.success) throw shapeError("image message", m.error);
    return {
      type: "image",
      corpId: m.data.ToUserName,
      fromUserName: m.data.FromUserName,
      createTime: m.data.CreateTime,
      mediaId: m.data.MediaId,
      msgId: m.data.MsgId,
      agentId: m.data.AgentID,
    };
  }
  return {
    type: "other",
    msgType: MsgType,
    event: Event,
    fromUserName: base.data.FromUserName,
    agentId: base.data.AgentID,
  };
}

/** Escapes a value for a CDATA section (splits any "]]>"). */
export function cdata(value: string): string {
  return `<![CDATA[${value.replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;
}

/** Builds the outer XML WeCom posts (and a passive reply's envelope). */
export function buildCallbackEnvelope(fields: {
  encrypt: string;
  toUserName?: string;
  agentId?: string;
}): string {
  return [
    "<xml>",
    fields.toUserName === undefined ? "" : `<ToUserName>${cdata(fields.toUserName)}</ToUserName>`,
    fields.agentId === undefined ? "" : `<AgentID>${cdata(fields.agentId)}</AgentID>`,
    `<Encrypt>${cdata(fields.encrypt)}</Encrypt>`,
    "</xml>",
  ].join("");
}
