/**
 * Delivery receipts (状态回执) pushed by the SMS provider to a URL registered in its console:
 * Tencent's 短信下发状态回调 and Alibaba's SmsReport HTTP batch push. Neither provider signs its
 * pushes, so the URL carries a secret of ours (`<path>/<token>`), registered with the provider;
 * the route logs only at warn and above so that the token never reaches the request log.
 */
import { timingSafeEqual } from "node:crypto";
import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { fromShanghaiDateTime } from "../../domain/shanghai-time.ts";
import type { Logger } from "../../logging/logger.ts";
import type { SmsReceipt, SmsSendStore } from "../../storage/sms-send-store.ts";
import type { SmsProvider } from "./sms-gateway.ts";

export interface SmsReceiptRoutesOptions {
  readonly provider: SmsProvider;
  /** The URL path before the token, e.g. "/sms/receipts". */
  readonly path: string;
  /** The secret last segment of the registered URL. */
  readonly token: string;
  readonly store: Pick<SmsSendStore, "recordReceipt">;
  readonly logger: Logger;
}

/** "2026-11-28 10:00:05", as both providers write times: Beijing time. */
const BeijingTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
  .transform((text) => fromShanghaiDateTime(text.replace(" ", "T")));

const TencentReceipts = z.array(
  z.object({
    sid: z.string().min(1).max(128),
    report_status: z.enum(["SUCCESS", "FAIL"]),
    errmsg: z.string().max(64),
    user_receive_time: BeijingTime,
  }),
);

const AliyunReceipts = z.array(
  z.object({
    biz_id: z.string().min(1).max(128),
    success: z.boolean(),
    err_code: z.string().max(64),
    report_time: BeijingTime,
  }),
);

/** Each provider's payload read into receipts, and its answers (it retries unless told "ok"). */
const PROVIDER_PROTOCOL = {
  tencent: {
    read: (body: unknown): SmsReceipt[] | null => {
      const parsed = TencentReceipts.safeParse(body);
      return parsed.success
        ? parsed.data.map((item) => ({
            providerMessageId: item.sid,
            delivered: item.report_status === "SUCCESS",
            code: item.errmsg,
            at: item.user_receive_time,
          }))
        : null;
    },
    ok: { result: 0, errmsg: "OK" },
    malformed: { result: 1, errmsg: "malformed receipt" },
  },
  aliyun: {
    read: (body: unknown): SmsReceipt[] | null => {
      const parsed = AliyunReceipts.safeParse(body);
      return parsed.success
        ? parsed.data.map((item) => ({
            providerMessageId: item.biz_id,
            delivered: item.success,
            code: item.err_code,
            at: item.report_time,
          }))
        : null;
    },
    ok: { code: 0, msg: "成功" },
    malformed: { code: 1, msg: "malformed receipt" },
  },
} as const;

/**
 * Fastify plugin: POST `<path>/<token>` takes a batch of receipts in the provider's format and
 * records each on its SMS. A wrong token is answered 404 (as if there were no such URL), a
 * malformed batch 400; receipts for messages we do not know (another system on the same
 * account) are counted in one warning and acknowledged, so the provider stops pushing them.
 */
export function smsReceiptRoutes(options: SmsReceiptRoutesOptions): FastifyPluginAsync {
  const protocol = PROVIDER_PROTOCOL[options.provider];
  const token = Buffer.from(options.token);
  const tokenMatches = (given: string) => {
    const candidate = Buffer.from(given);
    return candidate.length === token.length && timingSafeEqual(candidate, token);
  };
  return async (app) => {
    app.post<{ Params: { token: string } }>(
      `${options.path}/:token`,
      { logLevel: "warn", bodyLimit: 256 * 1024 },
      async (request, reply) => {
        if (!tokenMatches(request.params.token)) return reply.code(404).send();
        const receipts = protocol.read(request.body);
        if (!receipts) return reply.code(400).send(protocol.malformed);
        let unknown = 0;
        for (const receipt of receipts) {
          if (!(await options.store.recordReceipt(options.provider, receipt))) unknown += 1;
        }
        if (unknown > 0) {
          options.logger.warn(
            { provider: options.provider, unknown, received: receipts.length },
            "SMS receipts for messages this service did not send",
          );
        }
        return reply.send(protocol.ok);
      },
    );
  };
}
