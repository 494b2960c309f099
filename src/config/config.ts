import { isIP } from "node:net";
import { z } from "zod";
import { httpUrl, optionalText, wholeNumber, wholeNumberOf } from "./env-fields.ts";
import type { HttpServerSettings } from "../http/server.ts";
import type { LlmConfig } from "../classification/llm-config.ts";
import { DEFAULT_UNSURE_BELOW } from "../domain/classification.ts";
import { DAY_MS } from "../domain/shanghai-time.ts";
import type { TelegramSettings } from "../channels/telegram/telegram-channel.ts";
import { WECOM_KF_REPLY_WINDOW } from "../notifications/reply-window.ts";
import type { WeComSettings } from "../channels/wecom/wecom-channel.ts";
import path from "node:path";
import { dataDirectoryOf, parseDatabaseUrl, type DatabaseTarget } from "../storage/database-url.ts";
import {
  SmsEnvShape,
  smsSettingsFromEnv,
  SmsSettingsProblem,
  type SmsSettings,
} from "../channels/sms/sms-settings.ts";
import type { WeeklyTime } from "../domain/shanghai-time.ts";
import { DigestEnvShape } from "./digest-settings.ts";
import { MapEnvShape, mapSettingsFromEnv, type MapSettings } from "./map-settings.ts";
import {
  VoiceEnvShape,
  voiceSettingsFromEnv,
  type VoiceSettings,
} from "../voice/voice-settings.ts";

const commaSeparatedIds = z
  .string()
  .trim()
  .optional()
  .transform((value) =>
    value
      ? value
          .split(",")
          .map((id) => id.trim())
          .filter(Boolean)
      : [],
  )
  .pipe(z.array(z.string().regex(/^\d+$/, "comma-separated numeric Telegram user ids")));

const TRUST_PROXY_EXPECTED =
  "the number of proxies in front of the service (1–10), or their comma-separated addresses or CIDR ranges";

/** TRUST_PROXY: a hop count, or the proxies' addresses; unset: the connection's own address. */
const trustProxy = z
  .string()
  .trim()
  .transform((value, ctx): number | string[] => {
    if (/^\d+$/.test(value)) {
      const hops = Number(value);
      if (hops >= 1 && hops <= 10) return hops;
    } else {
      const entries = value.split(",").map((entry) => entry.trim());
      const valid = entries.every((entry) => {
        const [address, bits, ...rest] = entry.split("/");
        const family = isIP(address ?? "");
        if (family === 0 || rest.length > 0) return false;
        if (bits === undefined) return true;
        return /^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
      });
      if (valid) return entries;
    }
    ctx.addIssue({ code: "custom", message: TRUST_PROXY_EXPECTED });
    return z.NEVER;
  });

const milliseconds = (min: number, max: number) =>
  wholeNumber(min, max, `milliseconds from ${min} to ${max}`);

const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .default("file:./data/petitions.db")
    .transform((value, ctx) => {
      const target = parseDatabaseUrl(value);
      if (!target) {
        ctx.addIssue({
          code: "custom",
          message: "file:<path> for SQLite or postgresql://user@host:port/db for PostgreSQL",
        });
        return z.NEVER;
      }
      return target;
    }),
  PORT: z.coerce.number({ error: "a port number" }).int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      error: "one of fatal, error, warn, info, debug, trace, silent",
    })
    .default("info"),
  PUBLIC_URL: httpUrl.optional(),
  TRUST_PROXY: trustProxy.optional(),
  HTTP_IDLE_TIMEOUT_MS: milliseconds(100, 3_600_000).default(60_000),
  HTTP_HEADERS_TIMEOUT_MS: milliseconds(100, 600_000).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: milliseconds(100, 3_600_000).default(30_000),
  SHUTDOWN_TIMEOUT_MS: milliseconds(1000, 120_000).default(10_000),
  INBOX_LEASE_SECONDS: wholeNumber(1, 600, "a whole number of seconds from 1 to 600").default(30),
  INBOX_KEEP_DAYS: wholeNumberOf(2, 3650, 30, "days"),
  CHAT_KEEP_DAYS: wholeNumberOf(2, 3650, 30, "days"),
  QUERY_CODE_MAX_FAILURES: wholeNumber(3, 100, "a whole number from 3 to 100").default(10),
  SIGN_IN_FREE_FAILURES: wholeNumber(1, 100, "a whole number from 1 to 100").default(5),
  MY_CASES_SESSION_MINUTES: wholeNumberOf(5, 720, 30, "minutes"),
  MY_CASES_CODE_ATTEMPTS: wholeNumberOf(1, 10, 5, "tries"),
  MY_CASES_CODES_PER_PHONE_PER_DAY: wholeNumberOf(1, 10, 5, "codes"),
  MY_CASES_CODES_PER_ADDRESS_PER_HOUR: wholeNumberOf(1, 1000, 20, "codes"),
  WEB_PAGE_GONE_SECONDS: wholeNumberOf(30, 86_400, 120, "seconds"),
  NEARBY_RADIUS_METERS: wholeNumberOf(10, 5000, 300, "metres"),
  UNIT_PHOTO_LINK_HOURS: wholeNumberOf(1, 720, 24, "hours"),
  // What a phone dials as written: digits, a leading + and single hyphens between digits.
  SERVICE_PHONE: z
    .string()
    .trim()
    .regex(
      /^\+?\d(?:-?\d){2,19}$/,
      "a phone number a citizen can dial: 3 to 20 digits, an optional leading + and hyphens (12345, 0394-8123456)",
    )
    .optional(),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .trim()
    .regex(/^\d+:[\w-]+$/, "a bot token from @BotFather, like 123456:ABC-DEF…")
    .optional(),
  TELEGRAM_API_ROOT: httpUrl.default("https://api.telegram.org"),
  TELEGRAM_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: "an https URL" }).optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, "16–256 characters of A-Z, a-z, 0-9, _ and -")
    .optional(),
  STAFF_CHAT_ID: z
    .string()
    .trim()
    .regex(/^-?\d+$/, "a numeric Telegram chat id")
    .optional(),
  STAFF_TELEGRAM_IDS: commaSeparatedIds,
  LLM_BASE_URL: httpUrl.optional(),
  LLM_API_KEY: optionalText,
  LLM_MODEL: optionalText,
  LLM_RESPONSE_FORMAT: z
    .enum(["json_schema", "json_object"], { error: "json_schema or json_object" })
    .default("json_schema"),
  LLM_TIMEOUT_MS: z.coerce.number({ error: "milliseconds" }).int().min(1000).default(15000),
  LLM_MAX_RETRIES: z.coerce
    .number({ error: "a number from 0 to 5" })
    .int()
    .min(0)
    .max(5)
    .default(1),
  ANSWER_TRANSLATION: z.enum(["off", "llm"], { error: "off or llm" }).optional(),
  DIRECTORY_FILE: optionalText,
  CLASSIFIER_UNSURE_BELOW: z
    .string()
    .trim()
    .regex(/^(0(\.\d+)?|1(\.0*)?)$/, "a number from 0 to 1")
    .transform(Number)
    .default(DEFAULT_UNSURE_BELOW),
  CLASSIFIER_CACHE_DIR: optionalText,
  CLASSIFIER_RETRAIN_HOURS: wholeNumber(
    0,
    24 * 30,
    "a whole number of hours from 0 (off) to 720",
  ).default(0),
  WECOM_CORP_ID: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{1,64}$/, "the CorpID of the WeCom organisation (letters and digits)")
    .optional(),
  WECOM_KF_SECRET: optionalText,
  WECOM_AGENT_ID: z
    .string()
    .trim()
    .regex(/^\d{1,10}$/, "the numeric AgentId of the self-built app")
    .transform(Number)
    .optional(),
  WECOM_AGENT_SECRET: optionalText,
  WECOM_TOKEN: optionalText,
  WECOM_ENCODING_AES_KEY: optionalText,
  WECOM_OPEN_KFID: z
    .string()
    .trim()
    .regex(/^[\w-]{1,64}$/, "the open_kfid of the customer-service account (wk…)")
    .optional(),
  WECOM_API_ROOT: httpUrl.default("https://qyapi.weixin.qq.com"),
  WECOM_CALLBACK_PATH: z
    .string()
    .trim()
    .regex(/^\/[\w\-./]*$/, "a URL path starting with /")
    .default("/wecom/callback"),
  // WeCom's own limits are the most; smaller values leave a margin.
  WECOM_KF_WINDOW_HOURS: wholeNumber(
    1,
    WECOM_KF_REPLY_WINDOW.hours,
    `a whole number of hours from 1 to ${WECOM_KF_REPLY_WINDOW.hours}`,
  ).default(WECOM_KF_REPLY_WINDOW.hours),
  WECOM_KF_MESSAGE_LIMIT: wholeNumber(
    1,
    WECOM_KF_REPLY_WINDOW.messages,
    `a whole number of messages from 1 to ${WECOM_KF_REPLY_WINDOW.messages}`,
  ).default(WECOM_KF_REPLY_WINDOW.messages),
  ...SmsEnvShape,
  ...VoiceEnvShape,
  ...MapEnvShape,
  ...DigestEnvShape,
});

export interface Config {
  readonly database: DatabaseTarget;
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly publicUrl?: string;
    /** Proxy trust and timeouts of the HTTP server. */
    readonly server: HttpServerSettings;
  };
  /** SIGTERM/SIGINT: the stop finishes within this, leaving unfinished updates to their leases. */
  readonly shutdownTimeoutMs: number;
  /** How long an inbox update claimed by an instance that died waits for another. */
  readonly inboxLeaseMs: number;
  /** How long a handled inbox update (a chat message as it arrived) is kept. */
  readonly inboxKeepMs: number;
  /**
   * A conversation silent this long of a citizen with no case is forgotten (its unfinished
   * draft), and the web chat's log, uploads and page presence of a session that filed nothing.
   */
  readonly chatKeepMs: number;
  /** Limits on guessing: wrong query codes per case, wrong passwords per username. */
  readonly guessing: { readonly queryCodeMaxFailures: number; readonly signInFreeFailures: number };
  readonly logLevel: z.infer<typeof EnvSchema>["LOG_LEVEL"];
  readonly web: {
    /** 我的诉求: the phone sign-in's session, tries and per-phone and per-address limits. */
    readonly myCases: {
      readonly sessionMinutes: number;
      readonly codeAttempts: number;
      readonly codesPerPhonePerDay: number;
      readonly codesPerAddressPerHour: number;
    };
    /** A web page that has not polled for this long is gone: its notices go by SMS too. */
    readonly pageGoneSeconds: number;
    /** How long a link to a unit's photo, handed out on a page, works. */
    readonly unitPhotoLinkHours: number;
  };
  readonly telegram?: TelegramSettings & {
    readonly staffChatId?: string;
    readonly staffTelegramIds: readonly string[];
  };
  readonly llm?: LlmConfig;
  /**
   * Whether citizens who read English get the units' answers machine-translated by the LLM,
   * beside the original (ANSWER_TRANSLATION; on by default when an LLM is configured).
   */
  readonly translateAnswers: boolean;
  readonly classifier: {
    /** Calibrated confidence below which a classification is unsure. */
    readonly unsureBelow: number;
    /** Retrain from the clerks' decisions every this many hours; 0: only by `npm run retrain`. */
    readonly retrainHours: number;
    /** Where the trained base model is cached (default: `classifier/` in the data directory). */
    readonly cacheDir: string;
  };
  /** Undefined: the default directory of the demo city. */
  readonly directoryFile?: string;
  /** WeCom: 微信客服 for citizens (present when WECOM_CORP_ID is set). */
  readonly wecom?: WeComSettings & {
    /** The self-built app for staff; both WECOM_AGENT_ID and WECOM_AGENT_SECRET, or neither. */
    readonly agent?: { readonly agentId: number; readonly secret: string };
  };
  /** SMS through Tencent Cloud or Alibaba Cloud (present unless SMS_PROVIDER is none). */
  readonly sms?: SmsSettings;
  /** Voice messages: conversion limits, and the transcription endpoint when configured. */
  readonly voice: VoiceSettings;
  /** The console map: its tile server, if any. */
  readonly map: MapSettings;
  /** When the clerks' weekly hot-spot digest goes (Shanghai time); null: off. */
  readonly hotSpotDigestAt: WeeklyTime | null;
  /** Nearby reports before filing: open cases within this distance are offered to join (附议). */
  readonly nearby: { readonly radiusMetres: number };
  /**
   * The hotline citizens may call instead (the 12345 or petition bureau's number), told when
   * they ask whether they can phone and shown on the web pages; null: none is told.
   */
  readonly servicePhone: string | null;
}

/** Thrown by loadConfig; `message` is the one line to print. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/**
 * Validates the environment once. Every variable is optional: the defaults
 * give a working embedded service.
 * @throws ConfigError naming the first variable at fault and what it expects.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = EnvSchema.safeParse(withoutEmptyValues(env));
  if (!result.success) {
    const problem = result.error.issues[0]!;
    const variable = String(problem.path[0] ?? "environment");
    const shown = env[variable] === undefined ? "missing" : `got "${env[variable]}"`;
    throw new ConfigError(`Invalid ${variable}: expected ${problem.message} (${shown})`);
  }
  const e = result.data;
  return {
    database: e.DATABASE_URL,
    http: {
      host: e.HOST,
      port: e.PORT,
      ...(e.PUBLIC_URL && { publicUrl: e.PUBLIC_URL }),
      server: {
        trustProxy: e.TRUST_PROXY ?? false,
        idleTimeoutMs: e.HTTP_IDLE_TIMEOUT_MS,
        headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
        requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      },
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    inboxLeaseMs: e.INBOX_LEASE_SECONDS * 1000,
    inboxKeepMs: e.INBOX_KEEP_DAYS * DAY_MS,
    chatKeepMs: e.CHAT_KEEP_DAYS * DAY_MS,
    guessing: {
      queryCodeMaxFailures: e.QUERY_CODE_MAX_FAILURES,
      signInFreeFailures: e.SIGN_IN_FREE_FAILURES,
    },
    logLevel: e.LOG_LEVEL,
    web: {
      myCases: {
        sessionMinutes: e.MY_CASES_SESSION_MINUTES,
        codeAttempts: e.MY_CASES_CODE_ATTEMPTS,
        codesPerPhonePerDay: e.MY_CASES_CODES_PER_PHONE_PER_DAY,
        codesPerAddressPerHour: e.MY_CASES_CODES_PER_ADDRESS_PER_HOUR,
      },
      pageGoneSeconds: e.WEB_PAGE_GONE_SECONDS,
      unitPhotoLinkHours: e.UNIT_PHOTO_LINK_HOURS,
    },
    ...(e.TELEGRAM_BOT_TOKEN && { telegram: telegramConfig(e, e.TELEGRAM_BOT_TOKEN) }),
    ...((e.LLM_BASE_URL || e.LLM_API_KEY || e.LLM_MODEL) && { llm: llmConfig(e) }),
    translateAnswers: translatesAnswers(e),
    classifier: {
      unsureBelow: e.CLASSIFIER_UNSURE_BELOW,
      retrainHours: e.CLASSIFIER_RETRAIN_HOURS,
      cacheDir: path.resolve(
        e.CLASSIFIER_CACHE_DIR ?? path.join(dataDirectoryOf(e.DATABASE_URL), "classifier"),
      ),
    },
    ...(e.DIRECTORY_FILE && { directoryFile: e.DIRECTORY_FILE }),
    ...(e.WECOM_CORP_ID && { wecom: wecomConfig(e, e.WECOM_CORP_ID) }),
    ...smsConfig(e),
    voice: voiceConfig(e),
    map: mapSettingsFromEnv(e),
    hotSpotDigestAt: e.HOT_SPOT_DIGEST_AT,
    nearby: { radiusMetres: e.NEARBY_RADIUS_METERS },
    servicePhone: e.SERVICE_PHONE ?? null,
  };
}

function voiceConfig(e: ParsedEnv): VoiceSettings {
  const { settings, missing } = voiceSettingsFromEnv(e);
  if (missing) {
    throw new ConfigError(
      `Invalid ${missing}: expected a value when any of ASR_BASE_URL, ASR_API_KEY, ASR_MODEL is set (missing)`,
    );
  }
  return settings;
}

/** Secrets are checked in smsSettingsFromEnv, so that an error never prints their value. */
function smsConfig(e: ParsedEnv): Pick<Config, "sms"> {
  try {
    const sms = smsSettingsFromEnv(e);
    return sms ? { sms } : {};
  } catch (error) {
    if (!(error instanceof SmsSettingsProblem)) throw error;
    throw new ConfigError(`${error.message} (${error.shown})`);
  }
}

type ParsedEnv = z.infer<typeof EnvSchema>;

function telegramConfig(e: ParsedEnv, token: string): NonNullable<Config["telegram"]> {
  if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError(
      "Invalid TELEGRAM_WEBHOOK_SECRET: expected a secret of 16–256 characters when TELEGRAM_WEBHOOK_URL is set (missing)",
    );
  }
  return {
    token,
    apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
    ...(e.TELEGRAM_WEBHOOK_URL && {
      webhook: { url: e.TELEGRAM_WEBHOOK_URL, secret: e.TELEGRAM_WEBHOOK_SECRET! },
    }),
    ...(e.STAFF_CHAT_ID && { staffChatId: e.STAFF_CHAT_ID }),
    staffTelegramIds: e.STAFF_TELEGRAM_IDS,
  };
}

/** Answers are translated through the LLM unless turned off; asked for, they need one. */
function translatesAnswers(e: ParsedEnv): boolean {
  const llm = Boolean(e.LLM_BASE_URL && e.LLM_API_KEY && e.LLM_MODEL);
  if (e.ANSWER_TRANSLATION === "llm" && !llm) {
    throw new ConfigError(
      "Invalid ANSWER_TRANSLATION: llm needs an LLM (LLM_BASE_URL, LLM_API_KEY and LLM_MODEL)",
    );
  }
  return llm && e.ANSWER_TRANSLATION !== "off";
}

/** The LLM is used only when all three of base URL, key and model are given. */
function llmConfig(e: ParsedEnv): LlmConfig {
  const required = [
    ["LLM_BASE_URL", e.LLM_BASE_URL],
    ["LLM_API_KEY", e.LLM_API_KEY],
    ["LLM_MODEL", e.LLM_MODEL],
  ] as const;
  for (const [name, value] of required) {
    if (!value) {
      throw new ConfigError(
        `Invalid ${name}: expected a value when any of LLM_BASE_URL, LLM_API_KEY, LLM_MODEL is set (missing)`,
      );
    }
  }
  return {
    baseUrl: e.LLM_BASE_URL!,
    apiKey: e.LLM_API_KEY!,
    model: e.LLM_MODEL!,
    responseFormat: e.LLM_RESPONSE_FORMAT,
    timeoutMs: e.LLM_TIMEOUT_MS,
    maxRetries: e.LLM_MAX_RETRIES,
  };
}

/**
 * The citizen-side settings are all required once WECOM_CORP_ID is set. Secrets are checked
 * here rather than in the schema so that an error never prints their value.
 */
function wecomConfig(e: ParsedEnv, corpId: string): NonNullable<Config["wecom"]> {
  const required = [
    ["WECOM_KF_SECRET", e.WECOM_KF_SECRET, "the 微信客服 secret"],
    ["WECOM_TOKEN", e.WECOM_TOKEN, "the callback Token"],
    ["WECOM_ENCODING_AES_KEY", e.WECOM_ENCODING_AES_KEY, "the callback EncodingAESKey"],
    ["WECOM_OPEN_KFID", e.WECOM_OPEN_KFID, "the open_kfid of the customer-service account"],
  ] as const;
  for (const [name, value, what] of required) {
    if (!value) {
      throw new ConfigError(
        `Invalid ${name}: expected ${what} when WECOM_CORP_ID is set (missing)`,
      );
    }
  }
  if (!/^[A-Za-z0-9]{1,32}$/.test(e.WECOM_TOKEN!)) {
    throw new ConfigError(
      "Invalid WECOM_TOKEN: expected the callback Token, 1–32 letters and digits (value hidden)",
    );
  }
  if (!/^[A-Za-z0-9+/]{43}$/.test(e.WECOM_ENCODING_AES_KEY!)) {
    throw new ConfigError(
      "Invalid WECOM_ENCODING_AES_KEY: expected 43 characters of A-Z, a-z, 0-9, + and / (value hidden)",
    );
  }
  if ((e.WECOM_AGENT_ID === undefined) !== (e.WECOM_AGENT_SECRET === undefined)) {
    const missing = e.WECOM_AGENT_ID === undefined ? "WECOM_AGENT_ID" : "WECOM_AGENT_SECRET";
    throw new ConfigError(
      `Invalid ${missing}: expected a value when the other of WECOM_AGENT_ID, WECOM_AGENT_SECRET is set (missing)`,
    );
  }
  return {
    corpId,
    kfSecret: e.WECOM_KF_SECRET!,
    token: e.WECOM_TOKEN!,
    encodingAesKey: e.WECOM_ENCODING_AES_KEY!,
    openKfId: e.WECOM_OPEN_KFID!,
    apiRoot: e.WECOM_API_ROOT.replace(/\/+$/, ""),
    callbackPath: e.WECOM_CALLBACK_PATH,
    replyWindow: { hours: e.WECOM_KF_WINDOW_HOURS, messages: e.WECOM_KF_MESSAGE_LIMIT },
    ...(e.WECOM_AGENT_ID !== undefined && {
      agent: { agentId: e.WECOM_AGENT_ID, secret: e.WECOM_AGENT_SECRET! },
    }),
  };
}

/** An empty variable (`FOO=`) means "not set", as in most twelve-factor services. */
function withoutEmptyValues(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => Boolean(entry[1]?.trim())),
  );
}
