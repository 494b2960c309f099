/**
 * 有信必复 for a caller with no chat: with an SMS provider configured, the citizen whose call a
 * clerk registered with a mobile number gets the receipt (number and query code) and every later
 * notice by SMS, through the real Tencent SDK against a fake Tencent; a landline gets none, and
 * the clerk reads the number and code out instead.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOUR, MovableClock } from "../support/clock.ts";
import type { FakeTencentSms } from "../support/fake-tencent-sms.ts";
import { TEMPLATE_IDS } from "../channels/sms/templates.ts";
import { settled, tencentFor } from "../channels/sms/tencent-service.ts";
import { startConsoleWorld, type ConsoleClient, type ConsoleWorld } from "./console-world.ts";

const CALL = {
  channel: "phone",
  description: "扶沟县城关镇建设路上的井盖丢了，晚上很危险",
  region: "fugou",
  anonymous: false,
  name: "王大爷",
} as const;

describe("a registered caller with SMS configured", { timeout: 90_000 }, () => {
  let world: ConsoleWorld;
  let tencent: FakeTencentSms;
  let li: ConsoleClient;

  beforeAll(async () => {
    const clock = new MovableClock();
    const sms = await tencentFor(clock);
    tencent = sms.fake;
    world = await startConsoleWorld(sms.env, { clock, overrides: sms.overrides });
    await world.addStaff("li", "clerk");
    li = world.client();
    expect((await li.signIn("li")).status).toBe(200);
  });

  afterAll(async () => {
    await world.stop();
    await tencent.close();
  });

  it("gets the receipt with the number and query code by SMS, and later notices too", async () => {
    const answer = await li.send("POST", "/api/cases", { ...CALL, phone: "138 1234 5678" });
    expect(answer.status).toBe(201);
    const { trackingNo, queryCode, receiptBySms } = answer.json;
    expect(receiptBySms).toBe(true);
    const [receipt] = await settled(world, trackingNo);
    expect(receipt).toMatchObject({ kind: "received", route: "sms", status: "sent" });
    expect(tencent.sent).toMatchObject([
      {
        phone: "+8613812345678",
        templateId: TEMPLATE_IDS.receipt,
        params: [trackingNo, queryCode],
      },
    ]);

    world.clock.advance(2 * HOUR);
    const routed = await li.send("POST", `/api/cases/${trackingNo}/actions`, {
      action: { type: "route", unitId: "urban_management.fugou" },
    });
    expect(routed.status).toBe(200);
    const notices = await settled(world, trackingNo);
    expect(notices.map((n) => n.route)).toEqual(notices.map(() => "sms"));
    expect(tencent.sent.at(-1)).toMatchObject({
      phone: "+8613812345678",
      templateId: TEMPLATE_IDS.status_changed,
      params: [trackingNo, expect.any(String)],
    });
  });

  it("with a landline gets no SMS: the clerk reads the number and code out", async () => {
    const before = tencent.sent.length;
    const answer = await li.send("POST", "/api/cases", { ...CALL, phone: "0394-8234567" });
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({ receiptBySms: false, queryCode: expect.any(String) });
    expect(await settled(world, answer.json.trackingNo)).toEqual([]);
    expect(tencent.sent).toHaveLength(before);
  });
});
