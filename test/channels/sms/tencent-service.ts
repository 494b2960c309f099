/**
 * The service's SMS settings for a fake Tencent Cloud SMS on the test's clock (the real
 * Tencent SDK, every template approved), and where each notice to the citizen went, as the
 * clerks' case API says.
 */
import type { AppOverrides } from "../../../src/app.ts";
import { caseDetail, type CaseDetail } from "../../../src/cases/case-detail.ts";
import { testLogger } from "../../support/error-logs.ts";
import { createCaseReads } from "../../../src/storage/case-reads.ts";
import { smsTemplateVariable } from "../../../src/channels/sms/sms-settings.ts";
import {
  createTencentSmsGateway,
  type TencentSmsSettings,
} from "../../../src/channels/sms/tencent-sms-gateway.ts";
import type { MovableClock } from "../../support/clock.ts";
import { startFakeTencentSms, type FakeTencentSms } from "../../support/fake-tencent-sms.ts";
import { loadCalendar } from "../../../src/calendar/load-calendar.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { waitUntil } from "../../support/wait.ts";
import { APPROVED_TEMPLATES, TEMPLATE_IDS } from "./templates.ts";

export const RECEIPT_TOKEN = "receipt-token-0123456789";
export const PUBLIC_URL = "https://12345.example.gov.cn";
const CLERK = { kind: "clerk", id: "clerk-test" } as const;

/**
 * A fake Tencent with every template of templates.ts approved; its frequency limits follow
 * `now` (ms since the epoch; real time without it).
 */
export function startApprovedTencent(now?: () => number): Promise<FakeTencentSms> {
  return startFakeTencentSms({
    templates: Object.fromEntries(
      Object.entries(APPROVED_TEMPLATES).map(([id, names]) => [id, names.length]),
    ),
    ...(now && { clock: now }),
  });
}

/** The gateway's settings for `fake`: the real Tencent SDK, through the fake's agent. */
export function tencentSettings(
  fake: FakeTencentSms,
  overrides: Partial<TencentSmsSettings> = {},
): TencentSmsSettings {
  return {
    secretId: fake.secretId,
    secretKey: fake.secretKey,
    sdkAppId: fake.sdkAppId,
    signName: fake.signName,
    region: "ap-guangzhou",
    templateIds: TEMPLATE_IDS,
    endpoint: fake.endpoint,
    timeoutMs: 5000,
    agent: fake.agent,
    ...overrides,
  };
}

/** A fake Tencent on the test's clock, and the service's settings and gateway for it. */
export async function tencentFor(clock: MovableClock) {
  const fake = await startApprovedTencent(() => clock.now().getTime());
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
    smsGateway: createTencentSmsGateway(tencentSettings(fake), () => clock.now()),
  };
  return { fake, env, overrides };
}

/** The service with SMS through a fake Tencent on `clock`, and the fake (closed by the caller). */
export async function startTestAppWithSms(
  clock: MovableClock,
): Promise<{ service: TestApp; tencent: FakeTencentSms }> {
  const sms = await tencentFor(clock);
  const service = await startTestApp({ clock, env: sms.env, overrides: sms.overrides });
  return { service, tencent: sms.fake };
}

/** The case as a clerk's console reads it. */
export async function clerkView(service: TestApp, no: string): Promise<CaseDetail> {
  const calendar = await loadCalendar();
  return caseDetail(
    {
      reads: createCaseReads(service.app.db, testLogger(undefined)),
      directory: service.app.directory,
      queries: service.app.queries,
      staff: { namesOf: async () => new Map() },
      calendar: () => calendar,
      locatedIn: service.app.locatedIn,
    },
    {
      staff: { id: "clerk-test", role: "clerk", displayName: "Clerk", unitId: null },
      actor: CLERK,
    },
    no,
    service.clock.now(),
  );
}

/**
 * Waits until no notice to the citizen is still on its way (an action writes them as it is
 * taken): each decided (its route), and its outbox row done (an SMS that went is recorded in
 * one transaction with its row; a chat or an SMS that did not go leaves the row to the worker).
 */
export async function settled(
  service: TestApp,
  no: string,
  timeoutMs?: number,
): Promise<CaseDetail["citizenNotices"]> {
  let notices: CaseDetail["citizenNotices"] = [];
  await waitUntil(async () => {
    notices = (await clerkView(service, no)).citizenNotices;
    return notices.every((n) => n.route !== "pending" && n.status !== "pending");
  }, timeoutMs);
  return notices;
}
