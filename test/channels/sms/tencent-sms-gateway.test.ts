/**
 * Tencent Cloud SMS through its official SDK against a fake that checks the TC3 signature and
 * applies Tencent's per-number limits: what is sent, what comes back, and how each refusal is
 * classified for the caller.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SmsError, smsPhone, type SmsMessage } from "../../../src/channels/sms/sms-gateway.ts";
import {
  createTencentSmsGateway,
  type TencentSmsSettings,
} from "../../../src/channels/sms/tencent-sms-gateway.ts";
import type { FakeTencentSms } from "../../support/fake-tencent-sms.ts";
import { TEMPLATE_IDS } from "./templates.ts";
import { startApprovedTencent, tencentSettings } from "./tencent-service.ts";

const PHONE = smsPhone("13812345678")!;
const RECEIPT: SmsMessage = {
  phone: PHONE,
  template: "receipt",
  params: { trackingNo: "ZK-20261128-0042", queryCode: "4821" },
};

let fake: FakeTencentSms;
let fakeNow = Date.parse("2026-11-28T02:00:00Z");

beforeAll(async () => {
  fake = await startApprovedTencent(() => fakeNow);
});
afterAll(() => fake.close());

const settings = (overrides: Partial<TencentSmsSettings> = {}) => tencentSettings(fake, overrides);

async function refusal(promise: Promise<unknown>): Promise<SmsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SmsError);
  return error as SmsError;
}

describe("Tencent Cloud SMS", () => {
  it("sends a template with its values in order and returns the message's serial number", async () => {
    const gateway = createTencentSmsGateway(settings());

    const { providerMessageId } = await gateway.send(RECEIPT);

    expect(fake.sent.at(-1)).toEqual({
      phone: "+8613812345678",
      templateId: TEMPLATE_IDS.receipt,
      params: ["ZK-20261128-0042", "4821"],
      signName: "周口市信访局",
      serialNo: providerMessageId,
    });
  });

  it("is refused for good with a wrong secret key (the signature does not match)", async () => {
    const gateway = createTencentSmsGateway(settings({ secretKey: "not-the-key" }));

    const error = await refusal(gateway.send({ ...RECEIPT, phone: smsPhone("13900000001")! }));

    expect(error.failure).toBe("refused");
    expect(error.providerCode).toBe("AuthFailure.SignatureFailure");
    expect(error.code).toBe("channel.permanent");
  });

  it("is refused for good for an unknown SecretId or an unapproved template", async () => {
    const phone = smsPhone("13900000002")!;
    const unknownId = createTencentSmsGateway(settings({ secretId: "AKIDnobody" }));
    expect((await refusal(unknownId.send({ ...RECEIPT, phone }))).providerCode).toBe(
      "AuthFailure.SecretIdNotFound",
    );
    const unapproved = createTencentSmsGateway(
      settings({ templateIds: { ...TEMPLATE_IDS, receipt: "9999" } }),
    );
    const error = await refusal(unapproved.send({ ...RECEIPT, phone }));
    expect([error.failure, error.providerCode]).toEqual([
      "refused",
      "FailedOperation.TemplateIncorrectOrUnapproved",
    ]);
  });

  it("reports Tencent's per-number limits as rate limits with the moment they lift", async () => {
    const gateway = createTencentSmsGateway(settings(), () => new Date(fakeNow));
    const phone = smsPhone("13700000003")!;
    await gateway.send({ ...RECEIPT, phone });

    const thirtySeconds = await refusal(gateway.send({ ...RECEIPT, phone }));
    expect(thirtySeconds.failure).toBe("rate_limited");
    expect(thirtySeconds.providerCode).toBe("LimitExceeded.PhoneNumberThirtySecondLimit");
    expect(thirtySeconds.retryAt).toEqual(new Date(fakeNow + 30_000));

    for (let i = 0; i < 4; i++) {
      fakeNow += 60_000;
      await gateway.send({ ...RECEIPT, phone });
    }
    fakeNow += 60_000;
    const hour = await refusal(gateway.send({ ...RECEIPT, phone }));
    expect([hour.failure, hour.providerCode]).toEqual([
      "rate_limited",
      "LimitExceeded.PhoneNumberOneHourLimit",
    ]);
    expect(hour.retryAt).toEqual(new Date(fakeNow + 3_600_000));
  });

  it("takes Tencent's internal errors and HTTP failures as passing (try again later)", async () => {
    const gateway = createTencentSmsGateway(settings());
    const phone = smsPhone("13600000004")!;

    fake.failNext({ code: "InternalError.Timeout", message: "request timeout" });
    const timeout = await refusal(gateway.send({ ...RECEIPT, phone }));
    expect([timeout.failure, timeout.code]).toEqual(["unavailable", "channel.transient"]);

    fake.failNext({ httpStatus: 502 });
    expect((await refusal(gateway.send({ ...RECEIPT, phone }))).failure).toBe("unavailable");
  });

  it("is unavailable when nothing answers", async () => {
    const closed = await startApprovedTencent();
    await closed.close();
    const gateway = createTencentSmsGateway(settings({ endpoint: closed.endpoint }));

    const error = await refusal(gateway.send(RECEIPT));

    expect([error.failure, error.providerCode]).toEqual(["unavailable", "network"]);
  });
});
