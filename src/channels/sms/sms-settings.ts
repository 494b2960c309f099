/**
 * The SMS settings: environment variables validated with zod (part of src/config/config.ts's
 * schema) and read into the provider's settings, and the gateway they make.
 */
import { createHmac } from "node:crypto";
import { z } from "zod";
import { optionalText, wholeNumberOf } from "../../config/env-fields.ts";
import { createAliyunSmsGateway, type AliyunSmsSettings } from "./aliyun-sms-gateway.ts";
import type { SmsGateway, SmsProvider } from "./sms-gateway.ts";
import { DEFAULT_SMS_PHONE_LIMITS, type SmsPhoneLimits } from "./sms-sender.ts";
import { SMS_TEMPLATE_NAMES, SMS_TEMPLATES, type SmsTemplateName } from "./sms-templates.ts";
import { createTencentSmsGateway, type TencentSmsSettings } from "./tencent-sms-gateway.ts";

/** SMS_TEMPLATE_RECEIPT, SMS_TEMPLATE_STATUS_CHANGED … one per template, written once. */
export const smsTemplateVariable = (name: SmsTemplateName) => `SMS_TEMPLATE_${name.toUpperCase()}`;

export const DEFAULT_SMS_ENDPOINTS: Record<SmsProvider, string> = {
  tencent: "https://sms.tencentcloudapi.com",
  aliyun: "https://dysmsapi.aliyuncs.com",
};

/** The SMS variables, to spread into the service's environment schema. */
export const SmsEnvShape = {
  SMS_PROVIDER: z
    .enum(["none", "tencent", "aliyun"], { error: "none, tencent or aliyun" })
    .default("none"),
  SMS_ACCESS_KEY_ID: optionalText,
  SMS_ACCESS_KEY_SECRET: optionalText,
  SMS_SIGN_NAME: optionalText,
  SMS_SDK_APP_ID: z
    .string()
    .trim()
    .regex(/^\d{6,12}$/, "the SMS application's numeric SdkAppId (1400…)")
    .optional(),
  SMS_REGION: z
    .string()
    .trim()
    .regex(/^[a-z]{2}-[a-z]+(?:-\d)?$/, "a region such as ap-guangzhou")
    .default("ap-guangzhou"),
  SMS_ENDPOINT: z.url({ protocol: /^https?$/, error: "an http(s) URL" }).optional(),
  SMS_TIMEOUT_MS: wholeNumberOf(500, 60_000, 5000, "milliseconds"),
  SMS_PHONE_HASH_KEY: z.string().trim().min(16, "at least 16 characters").optional(),
  SMS_LIMIT_INTERVAL_SECONDS: wholeNumberOf(
    0,
    86_400,
    DEFAULT_SMS_PHONE_LIMITS.minIntervalSeconds,
    "seconds",
  ),
  SMS_LIMIT_PER_HOUR: wholeNumberOf(1, 1000, DEFAULT_SMS_PHONE_LIMITS.perHour, "messages"),
  SMS_LIMIT_PER_DAY: wholeNumberOf(1, 1000, DEFAULT_SMS_PHONE_LIMITS.perDay, "messages"),
  SMS_RECEIPT_PATH: z
    .string()
    .trim()
    .regex(/^\/[\w\-./]*[\w-]$/, "a URL path starting with /")
    .default("/sms/receipts"),
  SMS_RECEIPT_TOKEN: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{16,128}$/, "16–128 characters of A-Z, a-z, 0-9, _ and -")
    .optional(),
  ...(Object.fromEntries(
    SMS_TEMPLATE_NAMES.map((name) => [smsTemplateVariable(name), optionalText]),
  ) as {
    [name: string]: typeof optionalText;
  }),
};

export type SmsEnv = z.infer<z.ZodObject<typeof SmsEnvShape>>;

export type SmsSettings = (
  | { readonly provider: "tencent"; readonly tencent: TencentSmsSettings }
  | { readonly provider: "aliyun"; readonly aliyun: AliyunSmsSettings }
) & {
  readonly limits: SmsPhoneLimits;
  /** Key of the phone hash in the SMS log. */
  readonly phoneHashKey: string;
  /** Where delivery receipts are taken, when a token is set. */
  readonly receipts?: { readonly path: string; readonly token: string };
  /** Templates whose setting is unset, sent as their stand-in (logged once at start). */
  readonly standingIn: readonly SmsTemplateName[];
};

/** A variable that is missing or wrong, and what it should be; config.ts words the error. */
export class SmsSettingsProblem extends Error {
  constructor(
    readonly variable: string,
    readonly expected: string,
    /** What was given, as the error may show it ("missing", or the value when not a secret). */
    readonly shown = "missing",
  ) {
    super(`Invalid ${variable}: expected ${expected}`);
  }
}

/**
 * The SMS settings, or undefined when SMS_PROVIDER is none (the default).
 * @throws SmsSettingsProblem naming the first variable missing for the chosen provider.
 */
export function smsSettingsFromEnv(e: SmsEnv): SmsSettings | undefined {
  if (e.SMS_PROVIDER === "none") return undefined;
  const provider = e.SMS_PROVIDER;
  const need = (variable: string, value: string | undefined, what: string): string => {
    if (!value) throw new SmsSettingsProblem(variable, `${what} when SMS_PROVIDER=${provider}`);
    return value;
  };
  const keyId = need("SMS_ACCESS_KEY_ID", e.SMS_ACCESS_KEY_ID, "the SecretId / AccessKey ID");
  const secret = need("SMS_ACCESS_KEY_SECRET", e.SMS_ACCESS_KEY_SECRET, "the key's secret");
  const signName = need("SMS_SIGN_NAME", e.SMS_SIGN_NAME, "the approved signature name");
  const setting = (name: SmsTemplateName) =>
    (e as Record<string, unknown>)[smsTemplateVariable(name)] as string | undefined;
  const standingIn = SMS_TEMPLATE_NAMES.filter(
    (name) => setting(name) === undefined && standInOf(name) !== undefined,
  );
  const templateIds = Object.fromEntries(
    SMS_TEMPLATE_NAMES.map((name) => {
      const sent = standingIn.includes(name) ? standInOf(name)! : name;
      return [name, need(smsTemplateVariable(sent), setting(sent), "the approved template id")];
    }),
  ) as Record<SmsTemplateName, string>;
  const endpoint = new URL(e.SMS_ENDPOINT ?? DEFAULT_SMS_ENDPOINTS[provider]);
  const common = {
    limits: {
      minIntervalSeconds: e.SMS_LIMIT_INTERVAL_SECONDS,
      perHour: e.SMS_LIMIT_PER_HOUR,
      perDay: e.SMS_LIMIT_PER_DAY,
    },
    // Derived, not the secret itself: the key is only ever used under this label.
    phoneHashKey:
      e.SMS_PHONE_HASH_KEY ??
      createHmac("sha256", secret).update("sms-phone-key").digest("base64url"),
    ...(e.SMS_RECEIPT_TOKEN && {
      receipts: { path: e.SMS_RECEIPT_PATH, token: e.SMS_RECEIPT_TOKEN },
    }),
    standingIn,
  };
  if (provider === "tencent") {
    if (!endpoint.hostname.startsWith("sms.")) {
      throw new SmsSettingsProblem(
        "SMS_ENDPOINT",
        "a Tencent SMS endpoint whose host starts with sms. (the SDK signs for that service)",
        `got "${endpoint.href}"`,
      );
    }
    return {
      provider,
      tencent: {
        secretId: keyId,
        secretKey: secret,
        sdkAppId: need("SMS_SDK_APP_ID", e.SMS_SDK_APP_ID, "the SMS application's SdkAppId"),
        signName,
        region: e.SMS_REGION,
        templateIds,
        endpoint,
        timeoutMs: e.SMS_TIMEOUT_MS,
      },
      ...common,
    };
  }
  return {
    provider,
    aliyun: {
      accessKeyId: keyId,
      accessKeySecret: secret,
      signName,
      templateCodes: templateIds,
      endpoint,
      timeoutMs: e.SMS_TIMEOUT_MS,
    },
    ...common,
  };
}

/** The gateway of the configured provider. */
export function createSmsGateway(settings: SmsSettings, now?: () => Date): SmsGateway {
  return settings.provider === "tencent"
    ? createTencentSmsGateway(settings.tencent, now)
    : createAliyunSmsGateway(settings.aliyun, now);
}

function standInOf(name: SmsTemplateName): SmsTemplateName | undefined {
  const template = SMS_TEMPLATES[name];
  return "standIn" in template ? template.standIn : undefined;
}
