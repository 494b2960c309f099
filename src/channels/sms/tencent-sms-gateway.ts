/**
 * Tencent Cloud SMS (短信 API 3.0, SendSms version 2021-01-11) through its official SDK
 * (tencentcloud-sdk-nodejs-sms), which signs with TC3-HMAC-SHA256.
 */
import type { Agent } from "node:http";
import type { sms } from "tencentcloud-sdk-nodejs-sms";
import {
  limitRetryAt,
  loadInBackground,
  SmsError,
  type SmsGateway,
  type SmsMessage,
} from "./sms-gateway.ts";
import { smsTemplateVariables, type SmsTemplateName } from "./sms-templates.ts";

export interface TencentSmsSettings {
  readonly secretId: string;
  readonly secretKey: string;
  /** The SMS application's SdkAppId (1400…). */
  readonly sdkAppId: string;
  /** The approved signature (签名), e.g. 周口市信访局. */
  readonly signName: string;
  /** ap-guangzhou for mainland SMS. */
  readonly region: string;
  /** Approved template ids, one per template. */
  readonly templateIds: Readonly<Record<SmsTemplateName, string>>;
  /**
   * Default https://sms.tencentcloudapi.com. The SDK takes the TC3 credential scope's service
   * from the host's first label, so the host must start with "sms." (as all of Tencent's SMS
   * endpoints do: sms.tencentcloudapi.com, sms.ap-guangzhou.tencentcloudapi.com,
   * sms.internal.tencentcloudapi.com).
   */
  readonly endpoint: URL;
  readonly timeoutMs: number;
  /** An HTTP(S) agent of our own: an egress proxy, or a test's name resolution. */
  readonly agent?: Agent;
}

type SdkClient = InstanceType<typeof sms.v20210111.Client>;

/**
 * A gateway sending one message per call. Per-number results come back in SendStatusSet (its
 * Code "Ok" means accepted); request-wide failures come as an error with the code.
 */
export function createTencentSmsGateway(
  settings: TencentSmsSettings,
  now: () => Date = () => new Date(),
): SmsGateway {
  const client = loadInBackground(() =>
    import("tencentcloud-sdk-nodejs-sms").then(
      ({ sms }): SdkClient =>
        new sms.v20210111.Client({
          credential: { secretId: settings.secretId, secretKey: settings.secretKey },
          region: settings.region,
          profile: {
            httpProfile: {
              endpoint: settings.endpoint.host,
              protocol: `${settings.endpoint.protocol}//`,
              reqTimeout: settings.timeoutMs / 1000,
              ...(settings.agent && { agent: settings.agent }),
            },
          },
        }),
    ),
  );
  return {
    provider: "tencent",
    async send(message: SmsMessage) {
      const params: Record<string, string> = message.params;
      let response: Awaited<ReturnType<SdkClient["SendSms"]>>;
      try {
        const sdk = await client;
        response = await sdk.SendSms({
          PhoneNumberSet: [message.phone.e164],
          SmsSdkAppId: settings.sdkAppId,
          SignName: settings.signName,
          TemplateId: settings.templateIds[message.template],
          TemplateParamSet: smsTemplateVariables(message.template).map((name) => params[name]!),
        });
      } catch (error) {
        throw sdkFailure(error, now());
      }
      const status = response.SendStatusSet?.[0];
      if (!status) {
        throw new SmsError("unavailable", "missing", "Tencent SMS answered without a status");
      }
      if (status.Code !== "Ok" || !status.SerialNo) {
        throw failure(status.Code ?? "missing", status.Message ?? "", now());
      }
      return { providerMessageId: status.SerialNo };
    },
  };
}

/** The SDK's TencentCloudSDKHttpException: `code` for API errors, `httpCode` for HTTP ones. */
function sdkFailure(error: unknown, now: Date): SmsError {
  const { code, httpCode, message } = error as {
    code?: string;
    httpCode?: number;
    message?: string;
  };
  if (code) return failure(code, message ?? "", now, error);
  const what = httpCode ? `HTTP ${httpCode}` : (message ?? "network error");
  const kind =
    httpCode !== undefined && httpCode < 500 && httpCode !== 429 ? "refused" : "unavailable";
  return new SmsError(kind, httpCode ? `http.${httpCode}` : "network", `Tencent SMS: ${what}`, {
    cause: error,
  });
}

const PER_NUMBER_LIMITS: Record<string, "30s" | "hour" | "day"> = {
  "LimitExceeded.PhoneNumberThirtySecondLimit": "30s",
  "LimitExceeded.PhoneNumberOneHourLimit": "hour",
  "LimitExceeded.PhoneNumberDailyLimit": "day",
  "LimitExceeded.PhoneNumberSameContentDailyLimit": "day",
  "LimitExceeded.DailyLimit": "day",
  "LimitExceeded.DeliveryFrequencyLimit": "hour",
};

/**
 * Tencent's codes by what they mean for a retry: frequency limits lift after their window;
 * InternalError.* (timeouts, their backend) may pass later; everything else (AuthFailure.*,
 * FailedOperation.*, InvalidParameterValue.*, UnauthorizedOperation.*) needs a person.
 */
function failure(code: string, description: string, now: Date, cause?: unknown): SmsError {
  const message = `Tencent SMS ${code}: ${description}`;
  const window = PER_NUMBER_LIMITS[code];
  if (window)
    return new SmsError("rate_limited", code, message, {
      retryAt: limitRetryAt(window, now),
      cause,
    });
  if (code.startsWith("RequestLimitExceeded")) {
    return new SmsError("rate_limited", code, message, {
      retryAt: limitRetryAt("minute", now),
      cause,
    });
  }
  if (code === "InternalError" || code.startsWith("InternalError.")) {
    return new SmsError("unavailable", code, message, { cause });
  }
  return new SmsError("refused", code, message, { cause });
}
