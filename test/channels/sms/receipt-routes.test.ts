/**
 * Delivery receipts: each provider pushes a batch to the URL registered in its console
 * (<path>/<secret token>) in its own format, over real HTTP, and the SMS log records which
 * messages reached the phone.
 */
import Fastify, { type FastifyInstance } from "fastify";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAliyunSmsGateway } from "../../../src/channels/sms/aliyun-sms-gateway.ts";
import { smsReceiptRoutes } from "../../../src/channels/sms/receipt-routes.ts";
import type { SmsGateway, SmsProvider } from "../../../src/channels/sms/sms-gateway.ts";
import { createSmsSender, DEFAULT_SMS_PHONE_LIMITS } from "../../../src/channels/sms/sms-sender.ts";
import { createTencentSmsGateway } from "../../../src/channels/sms/tencent-sms-gateway.ts";
import { createLogger } from "../../../src/logging/logger.ts";
import type { Db } from "../../../src/storage/database.ts";
import { createSmsSendStore, type SmsSendStore } from "../../../src/storage/sms-send-store.ts";
import { MovableClock } from "../../support/clock.ts";
import { freshDatabase } from "../../support/databases.ts";
import { startFakeAliyunSms } from "../../support/fake-aliyun-sms.ts";
import { APPROVED_TEMPLATES, TEMPLATE_IDS } from "./templates.ts";
import { startApprovedTencent, tencentSettings } from "./tencent-service.ts";

const TOKEN = "r3ceipt-t0ken-0123456789";
const ANSWER = { template: "answer_ready", params: { trackingNo: "ZK-20261128-0042" } } as const;

/** Sends two SMS through the provider's fake and returns a way to push their receipts. */
async function providerWorld(provider: SmsProvider, store: SmsSendStore) {
  const clock = new MovableClock();
  const world = provider === "tencent" ? await tencentWorld() : await aliyunWorld();
  const sms = createSmsSender({
    gateway: world.gateway,
    store,
    limits: DEFAULT_SMS_PHONE_LIMITS,
    phoneHashKey: "k",
    now: () => clock.now(),
  });
  await sms.send({ phone: "13812345678", caseId: "case-1", content: ANSWER });
  await sms.send({ phone: "13912345678", caseId: "case-1", content: ANSWER });
  return world;
}

/**
 * A provider's fake and gateway; `push` sends the receipts of what the fake took (`delivered`
 * for each, in order) and `extra` ones to the receipts' URL.
 */
interface ProviderWorld {
  readonly gateway: SmsGateway;
  push(
    url: string,
    delivered: readonly boolean[],
    extra?: unknown[],
  ): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

async function tencentWorld(): Promise<ProviderWorld> {
  const fake = await startApprovedTencent();
  return {
    gateway: createTencentSmsGateway(tencentSettings(fake)),
    push: (url, delivered, extra = []) =>
      fake.pushReceipts(url, [
        ...fake.sent.map((sent, i) => fake.receiptFor(sent, delivered[i]!)),
        ...(extra as never[]),
      ]),
    close: fake.close,
  };
}

async function aliyunWorld(): Promise<ProviderWorld> {
  const fake = await startFakeAliyunSms({ templates: APPROVED_TEMPLATES });
  return {
    gateway: createAliyunSmsGateway({
      accessKeyId: fake.accessKeyId,
      accessKeySecret: fake.accessKeySecret,
      signName: fake.signName,
      templateCodes: TEMPLATE_IDS,
      endpoint: fake.endpoint,
      timeoutMs: 5000,
    }),
    push: (url, delivered, extra = []) =>
      fake.pushReceipts(url, [
        ...fake.sent.map((sent, i) => fake.receiptFor(sent, delivered[i]!)),
        ...(extra as never[]),
      ]),
    close: fake.close,
  };
}

const ACK: Record<SmsProvider, unknown> = {
  tencent: { result: 0, errmsg: "OK" },
  aliyun: { code: 0, msg: "成功" },
};

describe.each(["tencent", "aliyun"] as const)(
  "receipts from %s",
  { timeout: 30_000 },
  (provider) => {
    let db: Db;
    let store: SmsSendStore;
    let app: FastifyInstance;
    let base: string;

    beforeEach(async () => {
      db = await freshDatabase("sqlite");
      store = createSmsSendStore(db);
      app = Fastify();
      await app.register(
        smsReceiptRoutes({
          provider,
          path: "/sms/receipts",
          token: TOKEN,
          store,
          logger: createLogger("silent"),
        }),
      );
      await app.listen({ port: 0, host: "127.0.0.1" });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/sms/receipts`;
    });
    afterEach(() => app.close());

    it("marks each message delivered or not, by the provider's message id", async () => {
      const world = await providerWorld(provider, store);

      const answer = await world.push(`${base}/${TOKEN}`, [true, false]);

      expect(answer).toEqual({ status: 200, body: ACK[provider] });
      const rows = await store.listForCase("case-1");
      expect(rows.map((row) => [row.status, row.receiptCode])).toEqual([
        ["delivered", provider === "tencent" ? "DELIVRD" : "DELIVERED"],
        ["undelivered", "MK:0005"],
      ]);
      expect(rows[0]!.receiptAt).toEqual(new Date("2026-11-28T10:00:05+08:00"));
      await world.close();
    });

    it("acknowledges receipts of messages it never sent, and records the rest", async () => {
      const world = await providerWorld(provider, store);
      const stranger =
        provider === "tencent"
          ? {
              user_receive_time: "2026-11-28 10:00:09",
              nationcode: "86",
              mobile: "13700000000",
              report_status: "SUCCESS",
              errmsg: "DELIVRD",
              description: "ok",
              sid: "2433:someone-else",
            }
          : {
              phone_number: "13700000000",
              send_time: "2026-11-28 10:00:01",
              report_time: "2026-11-28 10:00:09",
              success: true,
              err_code: "DELIVERED",
              err_msg: "ok",
              sms_size: "1",
              biz_id: "1^0",
              out_id: "",
            };

      const answer = await world.push(`${base}/${TOKEN}`, [true, true], [stranger]);

      expect(answer.status).toBe(200);
      expect((await store.listForCase("case-1")).map((row) => row.status)).toEqual([
        "delivered",
        "delivered",
      ]);
      await world.close();
    });

    it("answers 404 to a wrong token and 400 to a malformed batch, recording nothing", async () => {
      const world = await providerWorld(provider, store);

      expect((await world.push(`${base}/wrong-token-0123456789`, [true, true])).status).toBe(404);
      const malformed = await fetch(`${base}/${TOKEN}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ not: "a batch" }),
      });
      expect(malformed.status).toBe(400);
      expect((await store.listForCase("case-1")).map((row) => row.status)).toEqual([
        "sent",
        "sent",
      ]);
      await world.close();
    });
  },
);
