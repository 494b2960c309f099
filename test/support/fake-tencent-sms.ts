/**
 * A fake of Tencent Cloud SMS (API 3.0, SendSms 2021-01-11) on 127.0.0.1: it checks the
 * TC3-HMAC-SHA256 signature as Tencent documents it (independently of the SDK), applies
 * Tencent's default per-number frequency policy (1 in 30 s, 5 an hour, 10 a day), answers in
 * Tencent's response shapes and error codes, and pushes delivery receipts (状态回执) the way
 * Tencent calls a callback URL.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Agent } from "node:http";
import { loopbackAgent, postJson, sendJson, serveLocally } from "./local-http.ts";

export interface FakeTencentSmsOptions {
  secretId?: string;
  secretKey?: string;
  sdkAppId?: string;
  signName?: string;
  /** Approved templates: id → number of parameters. */
  templates?: Record<string, number>;
  /** Drives the frequency limits (ms since the epoch). Signatures are checked against real time. */
  clock?: () => number;
}

export interface TencentSentSms {
  readonly phone: string;
  readonly templateId: string;
  readonly params: readonly string[];
  readonly signName: string;
  readonly serialNo: string;
}

/** Tencent's callback payload item (短信下发状态通知). */
export interface TencentReceipt {
  user_receive_time: string;
  nationcode: string;
  mobile: string;
  report_status: "SUCCESS" | "FAIL";
  errmsg: string;
  description: string;
  sid: string;
}

export interface FakeTencentSms {
  /** Endpoint for the SDK, with `agent`: http://sms.tencentcloudapi.test:<port>. */
  readonly endpoint: URL;
  readonly agent: Agent;
  readonly secretId: string;
  readonly secretKey: string;
  readonly sdkAppId: string;
  readonly signName: string;
  readonly sent: TencentSentSms[];
  /** Error codes answered by the requests that got one (signature, limits, templates …). */
  readonly refusals: string[];
  /** The next request answers with this error instead (a Response.Error, or an HTTP status). */
  failNext(fault: { code: string; message?: string } | { httpStatus: number }): void;
  /** POSTs receipts to `url` as Tencent's status callback does; returns the answer. */
  pushReceipts(url: string, receipts: TencentReceipt[]): Promise<{ status: number; body: unknown }>;
  /** A receipt for a message the fake accepted. */
  receiptFor(sent: TencentSentSms, delivered: boolean): TencentReceipt;
  close(): Promise<void>;
}

const LIMITS = [
  { code: "LimitExceeded.PhoneNumberThirtySecondLimit", windowMs: 30_000, max: 1 },
  { code: "LimitExceeded.PhoneNumberOneHourLimit", windowMs: 3_600_000, max: 5 },
  { code: "LimitExceeded.PhoneNumberDailyLimit", windowMs: 86_400_000, max: 10 },
] as const;

export async function startFakeTencentSms(
  options: FakeTencentSmsOptions = {},
): Promise<FakeTencentSms> {
  const secretId = options.secretId ?? "AKIDfakeTencentSecretId000000000000";
  const secretKey = options.secretKey ?? "fakeTencentSecretKey0000000000000";
  const sdkAppId = options.sdkAppId ?? "1400006666";
  const signName = options.signName ?? "周口市信访局";
  const templates = options.templates ?? {};
  const clock = options.clock ?? Date.now;
  const sent: TencentSentSms[] = [];
  const refusals: string[] = [];
  const sendTimes = new Map<string, number[]>();
  const faults: ({ code: string; message?: string } | { httpStatus: number })[] = [];

  const server = await serveLocally((request, body, response) => {
    const requestId = crypto.randomUUID();
    const fail = (code: string, message: string) => {
      refusals.push(code);
      sendJson(response, 200, {
        Response: { Error: { Code: code, Message: message }, RequestId: requestId },
      });
    };
    const fault = faults.shift();
    if (fault && "httpStatus" in fault) {
      response.writeHead(fault.httpStatus).end();
      return;
    }
    const authProblem = checkSignature(request, body, { secretId, secretKey });
    if (authProblem) return fail(authProblem.code, authProblem.message);
    if (request.headers["x-tc-action"] !== "SendSms")
      return fail("InvalidAction", "unknown action");
    if (request.headers["x-tc-version"] !== "2021-01-11") return fail("NoSuchVersion", "version");
    if (fault) return fail(fault.code, fault.message ?? fault.code);

    const input = JSON.parse(body.toString("utf8")) as {
      PhoneNumberSet?: string[];
      SmsSdkAppId?: string;
      TemplateId?: string;
      SignName?: string;
      TemplateParamSet?: string[];
    };
    if (input.SmsSdkAppId !== sdkAppId) {
      return fail("InvalidParameterValue.SdkAppIdNotExist", "SdkAppId not exist.");
    }
    if (input.SignName !== signName) {
      return fail(
        "FailedOperation.SignatureIncorrectOrUnapproved",
        "signature format is incorrect or signature is not approved",
      );
    }
    const paramCount = input.TemplateId === undefined ? undefined : templates[input.TemplateId];
    if (paramCount === undefined) {
      return fail(
        "FailedOperation.TemplateIncorrectOrUnapproved",
        "template is not approved or template content does not match",
      );
    }
    const params = input.TemplateParamSet ?? [];
    if (params.length !== paramCount) {
      return fail(
        "InvalidParameterValue.TemplateParameterFormatError",
        "the number of template parameters does not match",
      );
    }
    if (params.some((value) => /https?:\/\/|www\./i.test(value))) {
      return fail(
        "InvalidParameterValue.ProhibitedUseUrlInTemplateParameter",
        "url is not allowed in template parameters",
      );
    }
    const statuses = (input.PhoneNumberSet ?? []).map((phone) => {
      if (!/^\+861\d{10}$/.test(phone)) {
        return status(
          phone,
          "",
          "InvalidParameterValue.IncorrectPhoneNumber",
          "incorrect phone number",
        );
      }
      const now = clock();
      const times = sendTimes.get(phone) ?? [];
      for (const limit of LIMITS) {
        if (times.filter((at) => now - at < limit.windowMs).length >= limit.max) {
          refusals.push(limit.code);
          return status(
            phone,
            "",
            limit.code,
            "the number of sms messages sent from a single mobile number exceeds the upper limit",
          );
        }
      }
      sendTimes.set(phone, [...times, now]);
      const serialNo = `2433:${randomBytes(12).toString("hex")}`;
      sent.push({
        phone,
        templateId: input.TemplateId!,
        params,
        signName,
        serialNo,
      });
      return status(phone, serialNo, "Ok", "send success");
    });
    sendJson(response, 200, { Response: { SendStatusSet: statuses, RequestId: requestId } });
  });

  const endpoint = new URL(`http://sms.tencentcloudapi.test:${server.port}`);
  return {
    endpoint,
    agent: loopbackAgent(),
    secretId,
    secretKey,
    sdkAppId,
    signName,
    sent,
    refusals,
    failNext: (fault) => void faults.push(fault),
    pushReceipts: postJson,
    receiptFor: (message, delivered) => ({
      user_receive_time: "2026-11-28 10:00:05",
      nationcode: "86",
      mobile: message.phone.slice(3),
      report_status: delivered ? "SUCCESS" : "FAIL",
      errmsg: delivered ? "DELIVRD" : "MK:0005",
      description: delivered ? "用户短信送达成功" : "用户短信接收失败",
      sid: message.serialNo,
    }),
    close: server.close,
  };
}

function status(phone: string, serialNo: string, code: string, message: string) {
  return {
    SerialNo: serialNo,
    PhoneNumber: phone,
    Fee: code === "Ok" ? 1 : 0,
    SessionContext: "",
    Code: code,
    Message: message,
    IsoCode: "CN",
  };
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) =>
  createHmac("sha256", key).update(data).digest();

/**
 * TC3-HMAC-SHA256 as documented (签名方法 v3): the canonical request of method, URI, query,
 * the signed headers (lower-case names, trimmed values) and the body's SHA-256; the string to
 * sign with the timestamp and the credential scope date/service/tc3_request; the key derived
 * from "TC3" + SecretKey through the date, the service and "tc3_request". Tencent's SDK signs
 * the host without its port (its endpoints never have one), so the fake does too.
 */
function checkSignature(
  request: IncomingMessage,
  body: Buffer,
  keys: { secretId: string; secretKey: string },
): { code: string; message: string } | null {
  const invalid = { code: "AuthFailure.InvalidAuthorization", message: "Authorization is invalid" };
  const match =
    /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([\w-]+)\/tc3_request, SignedHeaders=([\w;-]+), Signature=([0-9a-f]{64})$/.exec(
      request.headers.authorization ?? "",
    );
  if (!match) return invalid;
  const [, secretId, date, service, signedHeaders, signature] = match as unknown as string[];
  const timestamp = Number(request.headers["x-tc-timestamp"]);
  if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) {
    return { code: "AuthFailure.SignatureExpire", message: "signature expired" };
  }
  if (secretId !== keys.secretId) {
    return { code: "AuthFailure.SecretIdNotFound", message: "the SecretId is not found" };
  }
  const scopeDate = new Date(timestamp * 1000).toISOString().slice(0, 10);
  if (date !== scopeDate || service !== "sms" || !signedHeaders!.split(";").includes("host")) {
    return invalid;
  }
  const canonicalHeaders = signedHeaders!
    .split(";")
    .map((name) => {
      const value = String(request.headers[name] ?? "")
        .trim()
        .toLowerCase();
      return `${name}:${name === "host" ? value.replace(/:\d+$/, "") : value}\n`;
    })
    .join("");
  const url = new URL(request.url ?? "/", "http://fake");
  const canonicalRequest = [
    request.method,
    url.pathname,
    url.search.slice(1),
    canonicalHeaders,
    signedHeaders,
    sha256(body),
  ].join("\n");
  const scope = `${date}/${service}/tc3_request`;
  const stringToSign = ["TC3-HMAC-SHA256", String(timestamp), scope, sha256(canonicalRequest)].join(
    "\n",
  );
  const signingKey = hmac(hmac(hmac(`TC3${keys.secretKey}`, date!), service!), "tc3_request");
  const expected = Buffer.from(createHmac("sha256", signingKey).update(stringToSign).digest("hex"));
  const given = Buffer.from(signature!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return {
      code: "AuthFailure.SignatureFailure",
      message:
        "The provided credentials could not be validated. Please check your signature is correct.",
    };
  }
  return null;
}
