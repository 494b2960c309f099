/**
 * Sending an SMS as the product does: mainland mobiles only, values checked against the
 * template, our own per-phone limits before the provider is asked, and every attempt in the SMS
 * log (never the number) — on SQLite and PostgreSQL, through the real Tencent SDK and a fake
 * Tencent that applies its own limits.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SmsError, type SmsGateway } from "../../../src/channels/sms/sms-gateway.ts";
import {
  createSmsSender,
  DEFAULT_SMS_PHONE_LIMITS,
  type SmsSender,
} from "../../../src/channels/sms/sms-sender.ts";
import type { SmsContent } from "../../../src/channels/sms/sms-templates.ts";
import { createTencentSmsGateway } from "../../../src/channels/sms/tencent-sms-gateway.ts";
import { createOutboxStore } from "../../../src/notifications/outbox-store.ts";
import type { Db } from "../../../src/storage/database.ts";
import { createSmsSendStore } from "../../../src/storage/sms-send-store.ts";
import { HOUR, MovableClock } from "../../support/clock.ts";
import { freshDatabase, PROVIDERS } from "../../support/databases.ts";
import type { FakeTencentSms } from "../../support/fake-tencent-sms.ts";
import { notice } from "../../notifications/helpers.ts";
import { startApprovedTencent, tencentSettings } from "./tencent-service.ts";
import { prismaStatements } from "../../../src/storage/plain-sql.ts";

const RECEIPT: SmsContent = {
  template: "receipt",
  params: { trackingNo: "ZK-20261128-0042", queryCode: "4821" },
};
const MINUTE = 60_000;

let clock: MovableClock;
let fake: FakeTencentSms;
let gateway: SmsGateway;

/** A new Tencent for each test: its per-number history follows the test's clock. */
beforeEach(async () => {
  clock = new MovableClock();
  fake = await startApprovedTencent(() => clock.now().getTime());
  gateway = createTencentSmsGateway(tencentSettings(fake), () => clock.now());
});
afterEach(() => fake.close());

async function failure(promise: Promise<unknown>): Promise<SmsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SmsError);
  return error as SmsError;
}

describe.each(PROVIDERS)("sending an SMS (%s)", { timeout: 30_000 }, (provider) => {
  let db: Db;
  let sms: SmsSender;

  beforeEach(async () => {
    db = await freshDatabase(provider);
    sms = createSmsSender({
      gateway,
      store: createSmsSendStore(db),
      limits: DEFAULT_SMS_PHONE_LIMITS,
      phoneHashKey: "test-phone-hash-key",
      now: () => clock.now(),
    });
  });

  it("goes through the provider and is logged with its case, never with the number", async () => {
    const { sendId, providerMessageId } = await sms.send({
      phone: "138 1234 5678",
      caseId: "case-1",
      content: RECEIPT,
    });

    expect(fake.sent.at(-1)).toMatchObject({
      phone: "+8613812345678",
      serialNo: providerMessageId,
    });
    const row = await db.smsSend.findUniqueOrThrow({ where: { id: sendId } });
    expect(row).toMatchObject({
      caseId: "case-1",
      template: "receipt",
      provider: "tencent",
      status: "sent",
      providerMessageId,
      createdAt: clock.now(),
    });
    expect(JSON.stringify(row)).not.toMatch(/1381234|5678/);
  });

  it("refuses a landline and values that do not fit the template, before anything is sent", async () => {
    const before = fake.sent.length;

    const landline = await failure(
      sms.send({ phone: "0394-8123456", caseId: "c", content: RECEIPT }),
    );
    const tooLong = await failure(
      sms.send({
        phone: "13812345678",
        caseId: "c",
        content: {
          template: "receipt",
          params: { trackingNo: "ZK-20261128-0042", queryCode: "1234567" },
        },
      }),
    );
    const link = await failure(
      sms.send({
        phone: "13812345678",
        caseId: "c",
        content: {
          template: "status_changed",
          params: { trackingNo: "ZK-20261128-0042", status: "http://x" },
        },
      }),
    );

    expect([landline.providerCode, tooLong.providerCode, link.providerCode]).toEqual([
      "local.not_mobile",
      "local.invalid_params",
      "local.invalid_params",
    ]);
    expect(landline.failure).toBe("refused");
    expect(fake.sent.length).toBe(before);
    expect(await db.smsSend.count()).toBe(0);
  });

  it("keeps to one SMS a minute, five an hour and ten a day per phone before asking the provider", async () => {
    const send = () => sms.send({ phone: "13900000001", caseId: "c", content: RECEIPT });
    await send();
    const refusalsBefore = fake.refusals.length;

    const minute = await failure(send());
    expect([minute.failure, minute.providerCode]).toEqual(["rate_limited", "local.rate_limit"]);
    expect(minute.retryAt).toEqual(new Date(clock.now().getTime() + MINUTE));

    for (let i = 0; i < 4; i++) {
      clock.advance(10 * MINUTE);
      await send();
    }
    clock.advance(10 * MINUTE);
    const hour = await failure(send());
    // The first of the five was sent 50 minutes ago: a place frees in 10 minutes.
    expect(hour.retryAt).toEqual(new Date(clock.now().getTime() + 10 * MINUTE));

    clock.advance(HOUR);
    for (let i = 0; i < 5; i++) {
      await send();
      clock.advance(2 * MINUTE);
    }
    const day = await failure(send());
    expect(day.providerCode).toBe("local.rate_limit");
    expect(day.retryAt!.getTime()).toBeGreaterThan(clock.now().getTime() + 20 * HOUR);

    expect(fake.refusals.length).toBe(refusalsBefore);
    expect(await sms.send({ phone: "13900000002", caseId: "c", content: RECEIPT })).toBeTruthy();
  });

  it("records the notice it carried as sent with it, and leaves one it could not carry to the worker", async () => {
    const outbox = createOutboxStore(db, clock);
    await db.$transaction((tx) =>
      outbox.enqueue(prismaStatements(tx), [
        notice(1, "ZK-20261128-0042"),
        notice(2, "ZK-20261128-0043"),
      ]),
    );
    const [carried, refused] = await outbox.claimBatch("worker", 10, 5 * MINUTE);
    const { sendId } = await sms.send({
      phone: "13812345678",
      caseId: null,
      outboxId: carried!.id,
      content: RECEIPT,
    });
    const sent = await db.smsSend.findUniqueOrThrow({ where: { id: sendId } });
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: carried!.id } })).toMatchObject({
      status: "sent",
      sentAt: sent.sentAt,
      attempts: 1,
      leasedBy: null,
    });

    fake.failNext({ code: "FailedOperation.PhoneNumberInBlacklist", message: "blocked" });
    await failure(
      sms.send({ phone: "13700000001", caseId: null, outboxId: refused!.id, content: RECEIPT }),
    );
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: refused!.id } })).toMatchObject({
      status: "pending",
      leasedBy: refused!.leaseToken,
    });
  });

  it("logs a refusal as failed (it does not count) and a network failure as unconfirmed (it does)", async () => {
    fake.failNext({ code: "FailedOperation.PhoneNumberInBlacklist", message: "blocked" });
    const blocked = await failure(
      sms.send({ phone: "13700000001", caseId: "c", content: RECEIPT }),
    );
    expect(blocked.failure).toBe("refused");
    await sms.send({ phone: "13700000001", caseId: "c", content: RECEIPT });

    clock.advance(2 * MINUTE);
    fake.failNext({ httpStatus: 503 });
    const unavailable = await failure(
      sms.send({ phone: "13700000002", caseId: "c", content: RECEIPT }),
    );
    expect(unavailable.failure).toBe("unavailable");
    clock.advance(1000);
    const again = await failure(sms.send({ phone: "13700000002", caseId: "c", content: RECEIPT }));
    expect(again.providerCode).toBe("local.rate_limit");

    const rows = await createSmsSendStore(db).listForCase("c");
    expect(rows.map((row) => [row.status, row.errorCode])).toEqual([
      ["failed", "FailedOperation.PhoneNumberInBlacklist"],
      ["sent", null],
      ["unconfirmed", "http.503"],
      ["failed", "local.rate_limit"],
    ]);
  });
});
