/**
 * Alibaba Cloud SMS (Dysmsapi 2017-05-25, SendSms) through its official SDK
 * (@alicloud/dysmsapi20170525 on @alicloud/openapi-core), which signs with ACS3-HMAC-SHA256.
 */
import type Dysmsapi from "@alicloud/dysmsapi20170525";
import type { AlibabaCloudError as SdkError } from "@alicloud/openapi-core";
import {
  limitRetryAt,
  loadInBackground,
  SmsError,
  type SmsGateway,
  type SmsMessage,
} from "./sms-gateway.ts";
import type { SmsTemplateName } from "./sms-templates.ts";

export interface AliyunSmsSettings {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** The approved signature (签名), e.g. 周口市信访局. */
  readonly signName: string;
  /** Approved template codes (SMS_…), one per template. */
  readonly templateCodes: Readonly<Record<SmsTemplateName, string>>;
  /** Default https://dysmsapi.aliyuncs.com. */
  readonly endpoint: URL;
  readonly timeoutMs: number;
}

interface Sdk {
  readonly client: Dysmsapi.default;
  readonly SendSmsRequest: typeof Dysmsapi.SendSmsRequest;
  readonly AlibabaCloudError: typeof SdkError;
}

async function loadSdk(settings: AliyunSmsSettings): Promise<Sdk> {
  const [dysmsapi, { $OpenApiUtil, AlibabaCloudError }] = await Promise.all([
    import("@alicloud/dysmsapi20170525"),
    import("@alicloud/openapi-core"),
  ]);
  // The package is CommonJS with `exports.default = Client`: Node's ESM loader gives the module
  // object as the default export, Vite's loader (the tests) the class itself.
  const loaded: unknown = dysmsapi.default;
  const DysmsapiClient =
    typeof loaded === "function" ? (loaded as typeof Dysmsapi.default) : dysmsapi.default.default;
  const client = new DysmsapiClient(
    new $OpenApiUtil.Config({
      accessKeyId: settings.accessKeyId,
      accessKeySecret: settings.accessKeySecret,
      endpoint: settings.endpoint.host,
      protocol: settings.endpoint.protocol.replace(":", ""),
      connectTimeout: settings.timeoutMs,
      readTimeout: settings.timeoutMs,
    }),
  );
  return { client, SendSmsRequest: dysmsapi.SendSmsRequest, AlibabaCloudError };
}

/**
 * A gateway sending one message per call. Alibaba answers business refusals with HTTP 200 and
 * a Code other than "OK"; protocol refusals (signature, key) with HTTP 4xx, which the SDK throws.
 */
export function createAliyunSmsGateway(
  settings: AliyunSmsSettings,
  now: () => Date = () => new Date(),
): SmsGateway {
  const sdk = loadInBackground(() => loadSdk(settings));
  return {
    provider: "aliyun",
    async send(message: SmsMessage) {
      let body;
      const { client, SendSmsRequest, AlibabaCloudError } = await sdk;
      try {
        ({ body } = await client.sendSms(
          new SendSmsRequest({
            phoneNumbers: message.phone.national,
            signName: settings.signName,
            templateCode: settings.templateCodes[message.template],
            templateParam: JSON.stringify(message.params),
          }),
        ));
      } catch (error) {
        throw sdkFailure(error, now(), AlibabaCloudError);
      }
      if (body?.code !== "OK" || !body.bizId) {
        throw failure(body?.code ?? "missing", body?.message ?? "", now());
      }
      return { providerMessageId: body.bizId };
    },
  };
}

/** AlibabaCloudError (ClientError, ServerError, ThrottlingError) is an HTTP answer; the rest is the network. */
function sdkFailure(
  error: unknown,
  now: Date,
  AlibabaCloudError: Sdk["AlibabaCloudError"],
): SmsError {
  if (error instanceof AlibabaCloudError) {
    const status = (error as { statusCode?: number }).statusCode ?? 0;
    if (status >= 500) {
      return new SmsError("unavailable", error.code ?? `http.${status}`, error.message, {
        cause: error,
      });
    }
    return failure(error.code ?? `http.${status}`, error.message, now, error);
  }
  return new SmsError("unavailable", "network", `Alibaba SMS: ${(error as Error).message}`, {
    cause: error,
  });
}

/**
 * Alibaba's codes by what they mean for a retry. isv.BUSINESS_LIMIT_CONTROL is the per-number
 * limit; its message names the window (触发分钟级流控 / 小时级 / 天级). isp.* are Alibaba's own
 * failures. Everything else (isv.SMS_TEMPLATE_ILLEGAL, isv.MOBILE_NUMBER_ILLEGAL,
 * SignatureDoesNotMatch, InvalidAccessKeyId.NotFound …) needs a person.
 */
function failure(code: string, description: string, now: Date, cause?: unknown): SmsError {
  const message = `Alibaba SMS ${code}: ${description}`;
  if (code === "isv.BUSINESS_LIMIT_CONTROL") {
    const window = description.includes("天级")
      ? "day"
      : description.includes("小时级")
        ? "hour"
        : "minute";
    return new SmsError("rate_limited", code, message, {
      retryAt: limitRetryAt(window, now),
      cause,
    });
  }
  if (code === "isv.DAY_LIMIT_CONTROL") {
    return new SmsError("rate_limited", code, message, {
      retryAt: limitRetryAt("day", now),
      cause,
    });
  }
  if (code.startsWith("Throttling")) {
    return new SmsError("rate_limited", code, message, {
      retryAt: limitRetryAt("minute", now),
      cause,
    });
  }
  if (code.startsWith("isp.") || code === "ServiceUnavailable" || code === "InternalError") {
    return new SmsError("unavailable", code, message, { cause });
  }
  return new SmsError("refused", code, message, { cause });
}
