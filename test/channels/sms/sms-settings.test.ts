/**
 * The SMS settings: off unless SMS_PROVIDER names a provider; then everything that provider
 * needs, each missing piece named; and the settings send through the provider's real SDK.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smsPhone } from "../../../src/channels/sms/sms-gateway.ts";
import { createSmsGateway } from "../../../src/channels/sms/sms-settings.ts";
import { ConfigError, loadConfig } from "../../../src/config/config.ts";
import { startFakeAliyunSms, type FakeAliyunSms } from "../../support/fake-aliyun-sms.ts";
import { startFakeTencentSms, type FakeTencentSms } from "../../support/fake-tencent-sms.ts";
import { APPROVED_TEMPLATES, TEMPLATE_IDS } from "./templates.ts";

const TEMPLATE_ENV = {
  SMS_TEMPLATE_RECEIPT: TEMPLATE_IDS.receipt,
  SMS_TEMPLATE_STATUS_CHANGED: TEMPLATE_IDS.status_changed,
  SMS_TEMPLATE_ANSWER_READY: TEMPLATE_IDS.answer_ready,
  SMS_TEMPLATE_ANSWER_FOLLOW_UP: TEMPLATE_IDS.answer_follow_up,
  SMS_TEMPLATE_LOGIN_CODE: TEMPLATE_IDS.login_code,
  SMS_TEMPLATE_NEW_QUERY_CODE: TEMPLATE_IDS.new_query_code,
};
const CODE = { template: "login_code", params: { code: "4821" } } as const;

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

let tencent: FakeTencentSms;
let aliyun: FakeAliyunSms;
beforeAll(async () => {
  tencent = await startFakeTencentSms({
    templates: Object.fromEntries(
      Object.entries(APPROVED_TEMPLATES).map(([id, names]) => [id, names.length]),
    ),
  });
  aliyun = await startFakeAliyunSms({ templates: APPROVED_TEMPLATES });
});
afterAll(async () => {
  await tencent.close();
  await aliyun.close();
});

describe("SMS settings", () => {
  it("leave SMS off by default", () => {
    expect(loadConfig({}).sms).toBeUndefined();
    expect(loadConfig({ SMS_PROVIDER: "none", SMS_SIGN_NAME: "x" }).sms).toBeUndefined();
  });

  it("with Alibaba Cloud: keys, signature and template codes send through its SDK", async () => {
    const config = loadConfig({
      SMS_PROVIDER: "aliyun",
      SMS_ACCESS_KEY_ID: aliyun.accessKeyId,
      SMS_ACCESS_KEY_SECRET: aliyun.accessKeySecret,
      SMS_SIGN_NAME: aliyun.signName,
      SMS_ENDPOINT: aliyun.endpoint.href,
      ...TEMPLATE_ENV,
    });

    expect(config.sms).toMatchObject({
      provider: "aliyun",
      limits: { minIntervalSeconds: 60, perHour: 5, perDay: 10 },
    });
    expect(config.sms?.receipts).toBeUndefined();
    await createSmsGateway(config.sms!).send({ ...CODE, phone: smsPhone("13812345678")! });
    expect(aliyun.sent.at(-1)?.templateCode).toBe(TEMPLATE_IDS.login_code);
  });

  it("with Tencent Cloud: also the SdkAppId; a receipt token opens the receipt URL", async () => {
    const config = loadConfig({
      SMS_PROVIDER: "tencent",
      SMS_ACCESS_KEY_ID: tencent.secretId,
      SMS_ACCESS_KEY_SECRET: tencent.secretKey,
      SMS_SIGN_NAME: tencent.signName,
      SMS_SDK_APP_ID: tencent.sdkAppId,
      SMS_ENDPOINT: tencent.endpoint.href,
      SMS_RECEIPT_TOKEN: "receipt-token-0123456789",
      SMS_LIMIT_PER_DAY: "8",
      ...TEMPLATE_ENV,
    });
    const sms = config.sms!;
    if (sms.provider !== "tencent") throw new Error("expected Tencent");

    expect(sms.receipts).toEqual({ path: "/sms/receipts", token: "receipt-token-0123456789" });
    expect(sms.limits.perDay).toBe(8);
    const gateway = createSmsGateway({
      ...sms,
      tencent: { ...sms.tencent, agent: tencent.agent },
    });
    await gateway.send({ ...CODE, phone: smsPhone("13812345678")! });
    expect(tencent.sent.at(-1)?.templateId).toBe(TEMPLATE_IDS.login_code);
  });

  it("send the answer's follow-up by the answer's template until its own is set (an upgrade still starts)", async () => {
    const { SMS_TEMPLATE_ANSWER_FOLLOW_UP: _unset, ...earlierTemplates } = TEMPLATE_ENV;
    const config = loadConfig({
      SMS_PROVIDER: "aliyun",
      SMS_ACCESS_KEY_ID: aliyun.accessKeyId,
      SMS_ACCESS_KEY_SECRET: aliyun.accessKeySecret,
      SMS_SIGN_NAME: aliyun.signName,
      SMS_ENDPOINT: aliyun.endpoint.href,
      ...earlierTemplates,
    });
    expect(config.sms?.standingIn).toEqual(["answer_follow_up"]);
    await createSmsGateway(config.sms!).send({
      template: "answer_follow_up",
      params: { trackingNo: "ZK-20261206-0001" },
      // Another phone: the provider allows one message a minute to each.
      phone: smsPhone("13912345678")!,
    });
    expect(aliyun.sent.at(-1)?.templateCode).toBe(TEMPLATE_IDS.answer_ready);
  });

  it("name what is missing or wrong, never printing a secret", () => {
    const base = {
      SMS_PROVIDER: "tencent",
      SMS_ACCESS_KEY_ID: "AKID",
      SMS_ACCESS_KEY_SECRET: "top-secret",
      SMS_SIGN_NAME: "周口市信访局",
      ...TEMPLATE_ENV,
    };
    expect(configError(base)).toBe(
      "Invalid SMS_SDK_APP_ID: expected the SMS application's SdkAppId when SMS_PROVIDER=tencent (missing)",
    );
    const { SMS_TEMPLATE_ANSWER_READY: _, ...withoutOne } = {
      ...base,
      SMS_SDK_APP_ID: "1400006666",
    };
    expect(configError(withoutOne)).toBe(
      "Invalid SMS_TEMPLATE_ANSWER_READY: expected the approved template id when SMS_PROVIDER=tencent (missing)",
    );
    expect(
      configError({
        ...base,
        SMS_SDK_APP_ID: "1400006666",
        SMS_ENDPOINT: "https://127.0.0.1:8443",
      }),
    ).toMatch(
      /^Invalid SMS_ENDPOINT: expected a Tencent SMS endpoint whose host starts with sms\./,
    );
    expect(configError({ SMS_PROVIDER: "twilio" })).toBe(
      'Invalid SMS_PROVIDER: expected none, tencent or aliyun (got "twilio")',
    );
    for (const env of [base, { ...base, SMS_SDK_APP_ID: "1400006666", SMS_LIMIT_PER_HOUR: "0" }]) {
      expect(configError(env)).not.toContain("top-secret");
    }
  });
});
