/** The service with Tencent Cloud SMS, against a fake Tencent that checks its signatures. */
import type { AppOverrides } from "../../../src/app.ts";
import { smsTemplateVariable } from "../../../src/channels/sms/sms-settings.ts";
import { createTencentSmsGateway } from "../../../src/channels/sms/tencent-sms-gateway.ts";
import type { MovableClock } from "../../support/clock.ts";
import { startFakeTencentSms } from "../../support/fake-tencent-sms.ts";
import { APPROVED_TEMPLATES, TEMPLATE_IDS } from "./templates.ts";

export const RECEIPT_TOKEN = "receipt-token-0123456789";
export const PUBLIC_URL = "https://12345.example.gov.cn";

/** A fake Tencent on the test's clock, and the service's settings and gateway for it. */
export async function tencentFor(clock: MovableClock) {
  const fake = await startFakeTencentSms({
    templates: Object.fromEntries(
      Object.entries(APPROVED_TEMPLATES).map(([id, names]) => [id, names.length]),
    ),
    clock: () => clock.now().getTime(),
  });
  const env: Record<string, string> = {
    PUBLIC_URL,
    SMS_PROVIDER: "tencent",
    SMS_ACCESS_KEY_ID: fake.secretId,
    SMS_ACCESS_KEY_SECRET: fake.secretKey,
    SMS_SIGN_NAME: fake.signName,
    SMS_SDK_APP_ID: fake.sdkAppId,
    SMS_ENDPOINT: fake.endpoint.href,
    SMS_RECEIPT_TOKEN: RECEIPT_TOKEN,
    ...Object.fromEntries(
      Object.entries(TEMPLATE_IDS).map(([name, id]) => [
        smsTemplateVariable(name as keyof typeof TEMPLATE_IDS),
        id,
      ]),
    ),
  };
  // The settings as the service reads them, with the fake's name resolution.
  const overrides: AppOverrides = {
    smsGateway: createTencentSmsGateway(
      {
        secretId: fake.secretId,
        secretKey: fake.secretKey,
        sdkAppId: fake.sdkAppId,
        signName: fake.signName,
        region: "ap-guangzhou",
        templateIds: TEMPLATE_IDS,
        endpoint: fake.endpoint,
        timeoutMs: 5000,
        agent: fake.agent,
      },
      () => clock.now(),
    ),
  };
  return { fake, env, overrides };
}
