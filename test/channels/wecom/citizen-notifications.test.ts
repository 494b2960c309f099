/**
 * Status notifications reach a WeChat citizen through kf/send_msg inside WeCom's window
 * (48 hours since their last message, 5 messages since it, or the stricter window of
 * WECOM_KF_WINDOW_HOURS / WECOM_KF_MESSAGE_LIMIT); outside it they are held and delivered as
 * a digest (newest first, then a summary) when the citizen writes again. Every submission
 * tells the citizen where to look the case up themselves.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { caseDetail } from "../../../src/cases/case-detail.ts";
import { testLogger } from "../../support/error-logs.ts";
import { createCaseReads } from "../../../src/storage/case-reads.ts";
import { hashPassword } from "../../../src/console/passwords.ts";
import { createConsoleStaffStore } from "../../../src/storage/staff-store.ts";
import { ConsoleClient, PASSWORD } from "../../console/console-world.ts";
import { HOUR, MovableClock } from "../../support/clock.ts";
import { startFakeWeCom, type FakeWeCom } from "../../support/fake-wecom.ts";
import { loadCalendar } from "../../../src/calendar/load-calendar.ts";
import type { WorkingCalendar } from "../../../src/domain/calendar.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import {
  fileComplaint,
  OPEN_KFID,
  sentText,
  submitWithContact,
  WeComCitizen,
  weComSetup,
} from "./wecom-citizen.ts";
import { waitUntil } from "../../support/wait.ts";

const CLERK = { kind: "clerk", id: "clerk-test" } as const;

describe("WeCom citizen notifications", { timeout: 60_000 }, () => {
  let fake: FakeWeCom;
  let clock: MovableClock;
  let service: TestApp;
  let citizen: WeComCitizen;
  let calendar: WorkingCalendar;

  const start = async (env: Record<string, string> = {}) => {
    clock = new MovableClock();
    fake = await startFakeWeCom({ clock: () => clock.now().getTime() });
    const setup = weComSetup(fake, clock);
    [service, calendar] = await Promise.all([
      startTestApp({ wecom: setup.wecom, clock, env }),
      loadCalendar(),
    ]);
    const current = () => ({ url: service.url, db: service.app.db });
    citizen = new WeComCitizen(fake, setup.sender, current, clock, "wmCITIZEN1");
  };
  const outboxRows = () =>
    service.app.db.outboxMessage.findMany({
      where: { channel: "wecom", recipient: "wmCITIZEN1" },
      orderBy: { createdAt: "asc" },
    });
  const settled = async () =>
    waitUntil(async () => (await outboxRows()).every((r) => r.status !== "pending"));

  /** What a clerk's case page says about reaching the citizen. */
  const unreachable = async (no: string) =>
    (
      await caseDetail(
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
        clock.now(),
      )
    ).citizenUnreachable;

  afterEach(async () => {
    await service.stop();
    await fake.close();
  });

  describe("without PUBLIC_URL", () => {
    beforeEach(() => start());

    it("tells the query code and /status with the receipt, /status once", async () => {
      const no = await fileComplaint(citizen);
      const stored = await service.app.db.case.findUniqueOrThrow({ where: { trackingNo: no } });
      expect(citizen.text).toContain(`查询码：${stored.queryCode}`);
      expect(citizen.text.split(`/status ${no}`)).toHaveLength(2);
    });

    // A WeChat citizen has no command menu: the receipt names plain words as well as /status.
    it("tells plain words to see the progress with the receipt, and those words list the case", async () => {
      const no = await fileComplaint(citizen);
      expect(citizen.text).toContain("“查进度”");
      await citizen.say("查进度");
      expect(citizen.text).toContain(no);
      expect(citizen.text).toContain("查看 " + no);
    });

    it("tells the query code before offering the next matter told with the case", async () => {
      await citizen.say("你好");
      await citizen.click("我要反映问题");
      await citizen.say(
        "川汇区七一路和八一路交叉口，两件事：一是路灯坏了很久了，晚上很黑；二是路边饭店卖过期食品，吃了拉肚子",
      );
      expect(citizen.text).toContain("您说了两件事");
      await citizen.say("1");
      await citizen.fileAnywayIfOffered();
      await citizen.say("前天下午");
      await citizen.say("1"); // no photos
      await submitWithContact(citizen);
      const filed = citizen.text;
      expect(filed.indexOf("查询码")).toBeGreaterThan(filed.indexOf("提交成功"));
      expect(filed.indexOf("您刚才还说了一件事")).toBeGreaterThan(filed.indexOf("查询码"));
    });

    it("delivers a notification inside the window with kf/send_msg", async () => {
      const no = await fileComplaint(citizen);
      await settled();
      citizen.collect();
      const before = fake.kfSent("wmCITIZEN1").length;
      await service.app.caseActions.act(
        no,
        { type: "not_accept", reason: "不属于信访受理范围", channel: null },
        CLERK,
      );
      await waitUntil(() => fake.kfSent("wmCITIZEN1").length > before);
      await settled();
      const texts = fake.kfSent("wmCITIZEN1").slice(before).map(sentText).join("\n");
      expect(texts).toContain(no);
      expect((await outboxRows()).every((r) => r.status === "sent")).toBe(true);
    });

    it("holds notifications outside the window and sends a digest when the citizen writes", async () => {
      const no = await fileComplaint(citizen);
      await settled();
      clock.advance(49 * HOUR);
      const before = fake.kfSent("wmCITIZEN1").length;
      const unit = service.app.directory.units[0]!;
      await service.app.caseActions.act(no, { type: "route", unitId: unit.id }, CLERK);
      const handler = { kind: "handler", id: "handler-test", unitId: unit.id } as const;
      await service.app.caseActions.act(no, { type: "start" }, handler);
      await service.app.caseActions.act(
        no,
        { type: "answer", outcome: "support", text: "路灯已于今日修复。" },
        handler,
      );
      await waitUntil(async () => (await outboxRows()).some((r) => r.status === "held"));
      await settled();
      const held = (await outboxRows()).filter((r) => r.status === "held");
      expect(held.length).toBeGreaterThan(0);
      expect(fake.kfSent("wmCITIZEN1")).toHaveLength(before);
      expect(await unreachable(no)).toBe(true);

      await citizen.say("你好");
      await waitUntil(async () => (await outboxRows()).every((r) => r.status === "sent"));
      expect(await unreachable(no)).toBe(false);
      const after = fake.kfSent("wmCITIZEN1").slice(before).map(sentText).join("\n");
      expect(after).toContain(no);
      expect(after).toContain("路灯已于今日修复");
      expect(after).toContain("此前还有");
      // Newest first: the answer comes before the summary of the older notices.
      expect(after.indexOf("路灯已于今日修复")).toBeLessThan(after.indexOf("此前还有"));
      // The turn's reply plus the digest: within the 5 messages of the reopened window.
      expect(fake.kfSent("wmCITIZEN1").length - before).toBeLessThanOrEqual(5);
    });
  });

  describe("with PUBLIC_URL", () => {
    beforeEach(() => start({ PUBLIC_URL: "https://12345.example.gov.cn" }));

    it("tells the status page link with the receipt, and /status once", async () => {
      const no = await fileComplaint(citizen);
      expect(citizen.text).toContain("https://12345.example.gov.cn/status");
      expect(citizen.text.split(`/status ${no}`)).toHaveLength(2);
    });

    it("sends a 6,000-character answer as the notice and the answer's beginning in order, and where to read the rest", async () => {
      const no = await fileComplaint(citizen);
      await settled();
      const unit = service.app.directory.units[0]!;
      await service.app.caseActions.act(no, { type: "route", unitId: unit.id }, CLERK);
      const handler = { kind: "handler", id: "handler-test", unitId: unit.id } as const;
      await service.app.caseActions.act(no, { type: "start" }, handler);
      await settled();
      const sentences = Array.from(
        { length: 400 },
        (_, i) => `第${i + 1}项，经现场核实已处理完毕。`,
      );
      const answer = sentences.join("");
      expect(answer.length).toBeGreaterThan(6000);
      clock.advance(49 * HOUR);
      await service.app.caseActions.act(
        no,
        { type: "answer", outcome: "support", text: answer },
        handler,
      );
      const answered = async () => (await outboxRows()).find((r) => r.kind === "answered");
      await waitUntil(async () => (await answered())?.status === "held");

      const before = fake.kfSent("wmCITIZEN1").length;
      await citizen.say("你好");
      await waitUntil(async () => (await answered())?.status === "sent");

      const sent = fake.kfSent("wmCITIZEN1").slice(before).map(sentText);
      expect(sent.length).toBeLessThanOrEqual(5);
      expect(fake.calls.filter((c) => c.errcode === 95001)).toHaveLength(0);
      const notice = sent.findIndex((text) => text.includes(`编号 ${no}`));
      expect(sent[notice]).toContain("已有答复");
      const parts = sent.slice(notice + 1);
      expect(parts[0]!.startsWith("处理意见：\n第1项，")).toBe(true);
      const note = `（内容较长，微信里只能发到这里。完整内容请打开 https://12345.example.gov.cn/status?no=${no} 用查询码查看。）`;
      expect(parts.at(-1)!.endsWith(`\n${note}`)).toBe(true);
      // Whole sentences, in order, from the first on: the answer's beginning, cut between two.
      const shown = parts.join("").replace("处理意见：\n", "").replace(`\n${note}`, "");
      expect(answer.startsWith(shown)).toBe(true);
      expect(shown.endsWith("。")).toBe(true);
      expect(shown.length).toBeGreaterThan(2000);
    });
  });

  describe("with a reply window stricter than WeCom's", () => {
    const statusOf = async (kind: string) =>
      (await outboxRows()).find((r) => r.kind === kind)?.status;
    /** kf messages WeCom accepted for the citizen since their last message. */
    const sentSinceLastMessage = () => {
      const last = Math.max(
        ...fake
          .kfLog(OPEN_KFID)
          .filter((m) => m.external_userid === "wmCITIZEN1" && m.origin === 3)
          .map((m) => m.send_time * 1000),
      );
      return fake
        .callsOf("kf/send_msg")
        .filter(
          (c) =>
            c.errcode === 0 &&
            (c.body as { touser: string }).touser === "wmCITIZEN1" &&
            c.at >= last,
        ).length;
    };
    /** The case as a signed-in clerk's console page gets it. */
    const casePage = async (no: string) => {
      await createConsoleStaffStore(service.app.db).add({
        username: "clerk1",
        displayName: "Clerk",
        role: "clerk",
        unitId: null,
        passwordHash: await hashPassword(PASSWORD),
      });
      const console = new ConsoleClient(service.url);
      expect((await console.signIn("clerk1")).status).toBe(200);
      const page = await console.get(`/api/cases/${no}`);
      expect(page.status).toBe(200);
      return page.json as { citizenUnreachable: boolean; citizenReplyWindow: unknown };
    };

    it("holds a notification beyond WECOM_KF_MESSAGE_LIMIT=2 and delivers it when the citizen writes", async () => {
      await start({ WECOM_KF_MESSAGE_LIMIT: "2" });
      const no = await fileComplaint(citizen);
      await settled();
      expect(sentSinceLastMessage()).toBe(1); // the receipt
      const unit = service.app.directory.units[0]!;
      await service.app.caseActions.act(no, { type: "route", unitId: unit.id }, CLERK);
      await waitUntil(async () => (await statusOf("accepted")) === "sent");
      const handler = { kind: "handler", id: "handler-test", unitId: unit.id } as const;
      await service.app.caseActions.act(no, { type: "start" }, handler);
      await waitUntil(async () => (await statusOf("in_progress")) === "held");

      expect(sentSinceLastMessage()).toBe(2);
      // WeCom would have taken a third: the setting held it, not a refusal.
      expect(fake.calls.filter((c) => c.errcode === 95001)).toHaveLength(0);
      expect(await casePage(no)).toMatchObject({
        citizenUnreachable: true,
        citizenReplyWindow: { hours: 48, messages: 2 },
      });

      const before = fake.kfSent("wmCITIZEN1").length;
      await citizen.say("你好");
      await waitUntil(async () => (await statusOf("in_progress")) === "sent");
      expect(fake.kfSent("wmCITIZEN1").slice(before).map(sentText).join("\n")).toContain(no);
      expect(sentSinceLastMessage()).toBe(2); // the reply to 你好 and the held notice
      expect(await unreachable(no)).toBe(false);
    });

    it("sends the rest of a notice the window cut off, never its start again", async () => {
      await start({ WECOM_KF_MESSAGE_LIMIT: "2" });
      const no = await fileComplaint(citizen);
      await settled();
      const unit = service.app.directory.units[0]!;
      await service.app.caseActions.act(no, { type: "route", unitId: unit.id }, CLERK);
      await waitUntil(async () => (await statusOf("accepted")) === "sent");
      const handler = { kind: "handler", id: "handler-test", unitId: unit.id } as const;
      await service.app.caseActions.act(no, { type: "start" }, handler);
      const answer = "路灯已于今日修复，感谢您的反映。";
      await service.app.caseActions.act(
        no,
        { type: "answer", outcome: "support", text: answer },
        handler,
      );
      await waitUntil(async () => (await statusOf("answered")) === "held");
      const sentTexts = () => fake.kfSent("wmCITIZEN1").map(sentText);

      // One message is left after the reply to 你好: the notice's first part only.
      await citizen.say("你好");
      await waitUntil(() => sentTexts().some((t) => t.includes("具体内容见下一条消息")));
      expect(await statusOf("answered")).toBe("held");
      // The next time, its second part: the answer itself.
      await citizen.say("在吗");
      await waitUntil(async () => (await statusOf("answered")) === "sent");
      expect(sentTexts().filter((t) => t.includes("具体内容见下一条消息"))).toHaveLength(1);
      expect(sentTexts().filter((t) => t.includes(answer))).toHaveLength(1);
    });

    it("holds a notification 25 hours after the citizen's last message with WECOM_KF_WINDOW_HOURS=24", async () => {
      await start({ WECOM_KF_WINDOW_HOURS: "24" });
      const no = await fileComplaint(citizen);
      await settled();
      const unit = service.app.directory.units[0]!;
      clock.advance(23 * HOUR);
      await service.app.caseActions.act(no, { type: "route", unitId: unit.id }, CLERK);
      await waitUntil(async () => (await statusOf("accepted")) === "sent");

      clock.advance(2 * HOUR);
      const sends = fake.callsOf("kf/send_msg").length;
      const handler = { kind: "handler", id: "handler-test", unitId: unit.id } as const;
      await service.app.caseActions.act(no, { type: "start" }, handler);
      await waitUntil(async () => (await statusOf("in_progress")) === "held");
      // Not even tried, though WeCom's own 48 hours would still allow it.
      expect(fake.callsOf("kf/send_msg")).toHaveLength(sends);
      expect(await casePage(no)).toMatchObject({
        citizenUnreachable: true,
        citizenReplyWindow: { hours: 24, messages: 5 },
      });

      const before = fake.kfSent("wmCITIZEN1").length;
      await citizen.say("你好");
      await waitUntil(async () => (await statusOf("in_progress")) === "sent");
      expect(fake.kfSent("wmCITIZEN1").slice(before).map(sentText).join("\n")).toContain(no);
      expect(await unreachable(no)).toBe(false);
    });
  });
});
