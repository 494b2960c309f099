/**
 * A web citizen whose page is gone hears back by SMS: the page records each poll, and a notice
 * for a page that has not polled for WEB_PAGE_GONE_SECONDS (120 by default) goes into its chat
 * history all the same and, through the outbox's fallback, by SMS to the phone left on the case
 * (the real Tencent SDK against the fake Tencent). A page still open gets it in the chat only.
 */
import { afterEach, describe, expect, it } from "vitest";
import { MINUTE, MovableClock } from "../../support/clock.ts";
import { PROVIDERS } from "../../support/databases.ts";
import type { FakeTencentSms } from "../../support/fake-tencent-sms.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { TEMPLATE_IDS } from "../sms/templates.ts";
import { settled, tencentFor } from "../sms/tencent-service.ts";
import { fileComplaint, WebCitizen } from "./web-citizen.ts";

const CLERK = { kind: "clerk", id: "clerk-test" } as const;

describe.each(PROVIDERS)("a web citizen's notices (%s)", { timeout: 90_000 }, (provider) => {
  let service: TestApp;
  let tencent: FakeTencentSms;

  afterEach(async () => {
    await service.stop();
    await tencent.close();
  });

  it("reach the open page in the chat, and a page gone by SMS too", async () => {
    const clock = new MovableClock();
    const sms = await tencentFor(clock);
    tencent = sms.fake;
    service = await startTestApp({ provider, clock, env: sms.env, overrides: sms.overrides });
    const citizen = new WebCitizen(service.url);
    const { trackingNo: no } = await fileComplaint(citizen);
    await settled(service, no);
    const receipts = tencent.sent.length;

    // The page is open: it polls, and the decision reaches it in the chat alone.
    clock.advance(2 * MINUTE);
    await citizen.poll();
    const unit = service.app.directory.units[0]!;
    await service.app.caseActions.act(no, { type: "route", unitId: unit.id }, CLERK);
    const open = await settled(service, no);
    expect(open.at(-1)).toMatchObject({ channel: "web", route: "chat", status: "sent" });
    expect(tencent.sent).toHaveLength(receipts);

    // The page closed: three minutes without a poll. The answer goes by SMS, and waits in the
    // chat history for the next visit.
    clock.advance(3 * MINUTE);
    const handler = { kind: "handler", id: "handler-test", unitId: unit.id } as const;
    await service.app.caseActions.act(no, { type: "start" }, handler);
    await settled(service, no);
    // A minute later (one SMS a minute per phone).
    clock.advance(2 * MINUTE);
    await service.app.caseActions.act(
      no,
      { type: "answer", outcome: "support", text: "路灯已于今日修复。" },
      handler,
    );
    const gone = await settled(service, no);
    const answered = gone.find((n) => n.kind === "answered")!;
    expect(answered).toMatchObject({ channel: "web", route: "sms", status: "sent" });
    expect(tencent.sent.map((s) => s.templateId)).toContain(TEMPLATE_IDS.answer_ready);
    expect(tencent.sent.at(-1)).toMatchObject({ phone: "+8613812345678", params: [no] });
    expect(gone.find((n) => n.kind === "in_progress")).toMatchObject({ route: "sms" });
    const history = await citizen.poll();
    expect(history.messages.map((m) => m.text).join("\n")).toContain("路灯已于今日修复。");
  });
});
