/**
 * WeCom drops self-built app messages beyond 30 a minute to one member. The service queues
 * them instead: message/send calls to one staff userid are at least 2 s apart, so a burst of
 * notices to a clerk all arrive. Time is the test's clock (the limiter's sleep moves it), so
 * the test waits for nothing real; the spacing is read from the fake's recorded call times.
 */
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWeComClient } from "../../../src/channels/wecom/api-client.ts";
import { wecomStaffRecipient } from "../../../src/storage/address-book.ts";
import type { NewOutboxMessage } from "../../../src/notifications/outbox-payload.ts";
import { createOutboxStore } from "../../../src/notifications/outbox-store.ts";
import {
  createRateLimiter,
  WECOM_APP_RATE_LIMITS,
  type Sleep,
} from "../../../src/notifications/rate-limiter.ts";
import { MovableClock } from "../../support/clock.ts";
import { startFakeWeCom, type FakeWeCom } from "../../support/fake-wecom.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { payload } from "../../notifications/helpers.ts";
import { weComSetup } from "./wecom-citizen.ts";
import { waitUntil } from "../../support/wait.ts";
import { prismaStatements } from "../../../src/storage/plain-sql.ts";

/** A sleep that moves `clock` to the end of the pause instead of waiting. */
function virtualSleep(clock: MovableClock): Sleep {
  return async (ms) => {
    const target = clock.now().getTime() + ms;
    await Promise.resolve();
    if (clock.now().getTime() < target) clock.set(new Date(target));
  };
}

/** The most of `times` (ascending, ms) inside any 60-second window [t, t + 60 s). */
function busiestMinute(times: readonly number[]): number {
  let most = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= 60_000) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

const touserOf = (body: unknown): string[] => (body as { touser: string }).touser.split("|");

describe("WeCom self-built app: messages per staff member", { timeout: 60_000 }, () => {
  let clock: MovableClock;
  let fake: FakeWeCom;

  beforeEach(async () => {
    clock = new MovableClock();
    fake = await startFakeWeCom({ clock: () => clock.now().getTime() });
  });
  afterEach(async () => {
    await fake.close();
  });

  it("the fake, like WeCom, drops a 31st message to one member within a minute", async () => {
    const client = createWeComClient({
      apiRoot: fake.apiRoot,
      corpId: fake.corpId,
      secret: fake.agentSecret,
      logger: pino({ level: "silent" }),
      clock: () => clock.now().getTime(),
    });
    for (let i = 0; i < 31; i++) {
      await client.messageSend({
        touser: ["zhangsan"],
        agentid: fake.agentId,
        msgtype: "text",
        text: { content: `notice ${i}` },
      });
    }
    expect(fake.callsOf("message/send").filter((c) => c.errcode === 0)).toHaveLength(31);
    expect(fake.appSent()).toHaveLength(30);
  });

  describe("through the outbox", () => {
    let service: TestApp;

    beforeEach(async () => {
      const setup = weComSetup(fake, clock);
      service = await startTestApp({
        wecom: setup.wecom,
        clock,
        env: { WECOM_AGENT_ID: String(fake.agentId), WECOM_AGENT_SECRET: fake.agentSecret },
        overrides: {
          wecomAppRateLimiter: createRateLimiter({
            clock,
            sleep: virtualSleep(clock),
            limits: WECOM_APP_RATE_LIMITS,
          }),
        },
      });
    });
    afterEach(async () => {
      await service.stop();
    });

    it("delivers 35 notices to one clerk, none dropped, at most 30 in any minute", async () => {
      const { db, outboxWorker } = service.app;
      const notices: NewOutboxMessage[] = Array.from({ length: 35 }, (_, i) => {
        const p = payload({
          kind: "new_case",
          trackingNo: `ZK-20261128-${String(i + 1).padStart(4, "0")}`,
        });
        return {
          caseId: null,
          channel: "wecom",
          recipient: wecomStaffRecipient("zhangsan"),
          audience: "clerks",
          kind: p.kind,
          payload: p,
        };
      });
      const outbox = createOutboxStore(db, clock);
      await db.$transaction((tx) => outbox.enqueue(prismaStatements(tx), notices));
      const startedAt = clock.now().getTime();
      outboxWorker.wake();

      await waitUntil(
        async () =>
          (await db.outboxMessage.count({ where: { channel: "wecom", status: "sent" } })) === 35,
      );

      const toClerk = fake.appSent().filter((m) => touserOf(m.body).includes("zhangsan"));
      expect(toClerk).toHaveLength(35);
      const times = fake
        .callsOf("message/send")
        .filter((c) => c.errcode === 0 && touserOf(c.body).includes("zhangsan"))
        .map((c) => c.at);
      expect(times).toHaveLength(35);
      for (let i = 1; i < times.length; i++) {
        expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(2_000);
      }
      expect(busiestMinute(times)).toBeLessThanOrEqual(30);
      // Queued, not slowed down further: 35 sends 2 s apart take 68 s of the test's clock.
      expect(times.at(-1)! - startedAt).toBeLessThan(75_000);
    });
  });
});
