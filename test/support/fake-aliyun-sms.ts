/**
 * A fake of Alibaba Cloud SMS (Dysmsapi 2017-05-25 SendSms) on 127.0.0.1: it checks the V3
 * request signature (ACS3-HMAC-SHA256) as Alibaba documents it, independently of the SDK;
 * applies the console's default per-number frequency limits (1 a minute, 5 an hour, 10 a day)
 * with Alibaba's isv.BUSINESS_LIMIT_CONTROL; answers in Alibaba's shapes (business refusals as
 * HTTP 200 with a Code, protocol refusals as HTTP 4xx); and pushes delivery receipts (SmsReport)
 * the way Alibaba's HTTP batch push does.
 */
import { createHash, createHmac, randomInt, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { postJson, sendJson, serveLocally } from "./local-http.ts";

export interface FakeAliyunSmsOptions {
  accessKeyId?: string;
  accessKeySecret?: string;
  signName?: string;
  /** Approved templates: code → its variable names. */
  templates?: Record<string, readonly string[]>;
  /** Drives the frequency limits (ms since the epoch). Signatures are checked against real time. */
  clock?: () => number;
}

export interface AliyunSentSms {
  readonly phone: string;
  readonly templateCode: string;
  readonly params: Readonly<Record<string, string>>;
  readonly signName: string;
  readonly bizId: string;
}

/** One item of Alibaba's SmsReport push. */
export interface AliyunReceipt {
  phone_number: string;
  send_time: string;
  report_time: string;
  success: boolean;
  err_code: string;
  err_msg: string;
  sms_size: string;
  biz_id: string;
  out_id: string;
}

export interface FakeAliyunSms {
  /** Endpoint for the SDK: http://127.0.0.1:<port>. */
  readonly endpoint: URL;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly signName: string;
  readonly sent: AliyunSentSms[];
  /** Codes of the refused requests. */
  readonly refusals: string[];
  /** The next request answers with this instead: a business Code (HTTP 200) or an HTTP status. */
  failNext(fault: { code: string; message?: string } | { httpStatus: number; code: string }): void;
  /** POSTs receipts to `url` as Alibaba's SmsReport push does; returns the answer. */
  pushReceipts(url: string, receipts: AliyunReceipt[]): Promise<{ status: number; body: unknown }>;
  receiptFor(sent: AliyunSentSms, delivered: boolean): AliyunReceipt;
  close(): Promise<void>;
}

const LIMITS = [
  { windowMs: 60_000, max: 1, message: "触发分钟级流控Permits:1" },
  { windowMs: 3_600_000, max: 5, message: "触发小时级流控Permits:5" },
  { windowMs: 86_400_000, max: 10, message: "触发天级流控Permits:10" },
] as const;

export async function startFakeAliyunSms(
  options: FakeAliyunSmsOptions = {},
): Promise<FakeAliyunSms> {
  const accessKeyId = options.accessKeyId ?? "LTAI5tFakeAccessKeyId";
  const accessKeySecret = options.accessKeySecret ?? "fakeAliyunAccessKeySecret000000";
  const signName = options.signName ?? "周口市信访局";
  const templates = options.templates ?? {};
  const clock = options.clock ?? Date.now;
  const sent: AliyunSentSms[] = [];
  const refusals: string[] = [];
  const sendTimes = new Map<string, number[]>();
  const usedNonces = new Set<string>();
  const faults: ({ code: string; message?: string } | { httpStatus: number; code: string })[] = [];

  const server = await serveLocally((request, body, response) => {
    const requestId = crypto.randomUUID().toUpperCase();
    const refuse = (status: number, code: string, message: string) => {
      refusals.push(code);
      sendJson(response, status, {
        RequestId: requestId,
        ...(status >= 400 && { HostId: "dysmsapi.aliyuncs.com" }),
        Code: code,
        Message: message,
      });
    };
    const fault = faults.shift();
    if (fault && "httpStatus" in fault) return refuse(fault.httpStatus, fault.code, fault.code);
    const url = new URL(request.url ?? "/", "http://fake");
    const authProblem = checkSignature(request, url, body, { accessKeyId, accessKeySecret });
    if (authProblem) return refuse(authProblem.status, authProblem.code, authProblem.message);
    const nonce = String(request.headers["x-acs-signature-nonce"]);
    if (usedNonces.has(nonce)) {
      return refuse(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
    }
    usedNonces.add(nonce);
    if (request.headers["x-acs-action"] !== "SendSms") {
      return refuse(404, "InvalidAction.NotFound", "Specified api is not found");
    }
    if (fault) return refuse(200, fault.code, fault.message ?? fault.code);

    const query = Object.fromEntries(url.searchParams);
    if (query.SignName !== signName) {
      return refuse(200, "isv.SMS_SIGNATURE_ILLEGAL", "该账号下找不到对应签名");
    }
    const variables = query.TemplateCode === undefined ? undefined : templates[query.TemplateCode];
    if (!variables) return refuse(200, "isv.SMS_TEMPLATE_ILLEGAL", "该账号下找不到对应模板");
    let params: Record<string, unknown>;
    try {
      params = JSON.parse(query.TemplateParam ?? "{}") as Record<string, unknown>;
    } catch {
      return refuse(200, "isv.INVALID_JSON_PARAM", "JSON参数不合法，只接受字符串值");
    }
    if (Object.values(params).some((value) => typeof value !== "string")) {
      return refuse(200, "isv.INVALID_JSON_PARAM", "JSON参数不合法，只接受字符串值");
    }
    if (variables.some((name) => !params[name])) {
      return refuse(200, "isv.TEMPLATE_MISSING_PARAMETERS", "模板变量缺少对应参数值");
    }
    if (Object.values(params).some((value) => /https?:\/\/|www\./i.test(String(value)))) {
      return refuse(200, "isv.PARAM_NOT_SUPPORT_URL", "不支持url为变量");
    }
    const phone = query.PhoneNumbers ?? "";
    if (!/^(?:\+?86)?1\d{10}$/.test(phone)) {
      return refuse(200, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号");
    }
    const now = clock();
    const times = sendTimes.get(phone) ?? [];
    for (const limit of LIMITS) {
      if (times.filter((at) => now - at < limit.windowMs).length >= limit.max) {
        return refuse(200, "isv.BUSINESS_LIMIT_CONTROL", limit.message);
      }
    }
    sendTimes.set(phone, [...times, now]);
    const bizId = `${randomInt(100_000_000, 999_999_999)}${randomInt(1_000_000, 9_999_999)}^0`;
    sent.push({
      phone,
      templateCode: query.TemplateCode!,
      params: params as Record<string, string>,
      signName,
      bizId,
    });
    sendJson(response, 200, { Code: "OK", Message: "OK", BizId: bizId, RequestId: requestId });
  });

  return {
    endpoint: new URL(`http://127.0.0.1:${server.port}`),
    accessKeyId,
    accessKeySecret,
    signName,
    sent,
    refusals,
    failNext: (fault) => void faults.push(fault),
    pushReceipts: postJson,
    receiptFor: (message, delivered) => ({
      phone_number: message.phone,
      send_time: "2026-11-28 10:00:01",
      report_time: "2026-11-28 10:00:05",
      success: delivered,
      err_code: delivered ? "DELIVERED" : "MK:0005",
      err_msg: delivered ? "用户接收成功" : "用户接收失败",
      sms_size: "1",
      biz_id: message.bizId,
      out_id: "",
    }),
    close: server.close,
  };
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** RFC 3986 percent-encoding, as the V3 signature's canonical query string wants it. */
const percentEncode = (value: string) =>
  encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/**
 * The V3 request signature as documented (请求签名 / ACS3-HMAC-SHA256): the canonical request
 * of method, path, the sorted encoded query, the signed headers (lower-case, sorted, trimmed;
 * host and every x-acs-* must be signed) and the hex SHA-256 of the body (which must equal
 * x-acs-content-sha256); the string to sign "ACS3-HMAC-SHA256\n" + its hex SHA-256; the
 * signature its HMAC-SHA256 under the AccessKey secret.
 */
function checkSignature(
  request: IncomingMessage,
  url: URL,
  body: Buffer,
  keys: { accessKeyId: string; accessKeySecret: string },
): { status: number; code: string; message: string } | null {
  const match =
    /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([\w;-]+),Signature=([0-9a-f]{64})$/.exec(
      request.headers.authorization ?? "",
    );
  if (!match) {
    return {
      status: 400,
      code: "IncompleteSignature",
      message: "The request signature does not conform to Aliyun standards.",
    };
  }
  const [, accessKeyId, signedHeaders, signature] = match as unknown as string[];
  if (accessKeyId !== keys.accessKeyId) {
    return {
      status: 404,
      code: "InvalidAccessKeyId.NotFound",
      message: "Specified access key is not found.",
    };
  }
  const date = Date.parse(String(request.headers["x-acs-date"]));
  if (!Number.isFinite(date) || Math.abs(Date.now() - date) > 15 * 60_000) {
    return {
      status: 400,
      code: "InvalidTimeStamp.Expired",
      message: "Specified time stamp or date value is expired.",
    };
  }
  const names = signedHeaders!.split(";");
  const mustSign = Object.keys(request.headers).filter((name) => name.startsWith("x-acs-"));
  const contentHash = sha256(body);
  if (
    !names.includes("host") ||
    mustSign.some((name) => !names.includes(name)) ||
    request.headers["x-acs-content-sha256"] !== contentHash
  ) {
    return {
      status: 400,
      code: "IncompleteSignature",
      message: "The request signature does not conform to Aliyun standards.",
    };
  }
  const canonicalQuery = [...url.searchParams]
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
  const canonicalHeaders = names
    .map((name) => `${name}:${String(request.headers[name] ?? "").trim()}\n`)
    .join("");
  const canonicalRequest = [
    request.method,
    url.pathname,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    contentHash,
  ].join("\n");
  const stringToSign = `ACS3-HMAC-SHA256\n${sha256(canonicalRequest)}`;
  const expected = Buffer.from(
    createHmac("sha256", keys.accessKeySecret).update(stringToSign).digest("hex"),
  );
  const given = Buffer.from(signature!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return {
      status: 400,
      code: "SignatureDoesNotMatch",
      message: "Specified signature does not match our calculation.",
    };
  }
  return null;
}
