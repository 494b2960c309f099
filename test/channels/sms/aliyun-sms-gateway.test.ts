/**
 * Alibaba Cloud SMS through its official SDK against a fake that checks the V3 request
 * signature and applies the per-number limits: what is sent, and how each refusal is
 * classified for the caller.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createAliyunSmsGateway,
  type AliyunSmsSettings,
} from "../../../src/channels/sms/aliyun-sms-gateway.ts";
import { SmsError, smsPhone, type SmsMessage } from "../../../src/channels/sms/sms-gateway.ts";
import { startFakeAliyunSms, type FakeAliyunSms } from "../../support/fake-aliyun-sms.ts";
import { APPROVED_TEMPLATES, TEMPLATE_IDS } from "./templates.ts";

const ANSWER: SmsMessage = {
  phone: smsPhone("13812345678")!,
  template: "answer_ready",
  params: { trackingNo: "ZK-20261128-0042" },
};

let fake: FakeAliyunSms;
let fakeNow = Date.parse("2026-11-28T02:00:00Z");

beforeAll(async () => {
  fake = await startFakeAliyunSms({ templates: APPROVED_TEMPLATES, clock: () => fakeNow });
});
afterAll(() => fake.close());

function settings(overrides: Partial<AliyunSmsSettings> = {}): AliyunSmsSettings {
  return {
    accessKeyId: fake.accessKeyId,
    accessKeySecret: fake.accessKeySecret,
    signName: fake.signName,
    templateCodes: TEMPLATE_IDS,
    endpoint: fake.endpoint,
    timeoutMs: 5000,
    ...overrides,
  };
}

async function refusal(promise: Promise<unknown>): Promise<SmsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SmsError);
  return error as SmsError;
}

describe("Alibaba Cloud SMS", () => {
  it("sends a template with its named values and returns the message's BizId", async () => {
    const gateway = createAliyunSmsGateway(settings());

    const { providerMessageId } = await gateway.send({
      phone: smsPhone("13812345678")!,
      template: "login_code",
      params: { code: "083915" },
    });

    expect(fake.sent.at(-1)).toEqual({
      phone: "13812345678",
      templateCode: TEMPLATE_IDS.login_code,
      params: { code: "083915" },
      signName: "周口市信访局",
      bizId: providerMessageId,
    });
  });

  it("is refused for good with a wrong AccessKey secret (SignatureDoesNotMatch)", async () => {
    const gateway = createAliyunSmsGateway(settings({ accessKeySecret: "not-the-secret" }));

    const error = await refusal(gateway.send(ANSWER));

    expect([error.failure, error.providerCode, error.code]).toEqual([
      "refused",
      "SignatureDoesNotMatch",
      "channel.permanent",
    ]);
  });

  it("is refused for good for an unknown AccessKey or an unapproved template", async () => {
    const unknownKey = createAliyunSmsGateway(settings({ accessKeyId: "LTAInobody" }));
    expect((await refusal(unknownKey.send(ANSWER))).providerCode).toBe(
      "InvalidAccessKeyId.NotFound",
    );
    const unapproved = createAliyunSmsGateway(
      settings({ templateCodes: { ...TEMPLATE_IDS, answer_ready: "SMS_000" } }),
    );
    const error = await refusal(unapproved.send(ANSWER));
    expect([error.failure, error.providerCode]).toEqual(["refused", "isv.SMS_TEMPLATE_ILLEGAL"]);
  });

  it("reports the per-number limit (isv.BUSINESS_LIMIT_CONTROL) with the moment it lifts", async () => {
    const gateway = createAliyunSmsGateway(settings(), () => new Date(fakeNow));
    const message = { ...ANSWER, phone: smsPhone("13700000003")! };
    await gateway.send(message);

    const minute = await refusal(gateway.send(message));
    expect([minute.failure, minute.providerCode]).toEqual([
      "rate_limited",
      "isv.BUSINESS_LIMIT_CONTROL",
    ]);
    expect(minute.retryAt).toEqual(new Date(fakeNow + 60_000));

    for (let i = 0; i < 4; i++) {
      fakeNow += 120_000;
      await gateway.send(message);
    }
    fakeNow += 120_000;
    const hour = await refusal(gateway.send(message));
    expect(hour.retryAt).toEqual(new Date(fakeNow + 3_600_000));
  });

  it("takes Alibaba's system errors, 5xx and throttling as passing", async () => {
    const gateway = createAliyunSmsGateway(settings(), () => new Date(fakeNow));
    const message = { ...ANSWER, phone: smsPhone("13600000004")! };

    fake.failNext({ code: "isp.SYSTEM_ERROR", message: "系统错误" });
    expect((await refusal(gateway.send(message))).failure).toBe("unavailable");
    fake.failNext({ httpStatus: 503, code: "ServiceUnavailable" });
    expect((await refusal(gateway.send(message))).failure).toBe("unavailable");
    fake.failNext({ httpStatus: 400, code: "Throttling.User" });
    const throttled = await refusal(gateway.send(message));
    expect([throttled.failure, throttled.retryAt]).toEqual([
      "rate_limited",
      new Date(fakeNow + 60_000),
    ]);
  });

  it("is unavailable when nothing answers", async () => {
    const closed = await startFakeAliyunSms();
    await closed.close();
    const gateway = createAliyunSmsGateway(settings({ endpoint: closed.endpoint }));

    const error = await refusal(gateway.send(ANSWER));

    expect([error.failure, error.providerCode]).toEqual(["unavailable", "network"]);
  });
});
