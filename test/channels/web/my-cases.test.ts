/**
 * 我的诉求 on any device: a citizen types the mobile number they left, gets a one-time code by
 * SMS (the real Tencent SDK against the fake Tencent), types it, and sees the cases filed with
 * that number in any channel, each opening as on the status page without the query code, and the
 * cases their citizen joined (附议), marked so and shown without the reporter; the support of a
 * running one is withdrawn there (撤回附议, in the list and on the case's page) after a
 * confirming page, as in the chat.
 * Codes are stored hashed, expire, sign in once and die after too many wrong tries; requests
 * are limited per phone and per address; an unknown number gets the same answer and no SMS.
 */
import { afterEach, describe, expect, it } from "vitest";
import { MY_CASES_COOKIE } from "../../../src/channels/web/my-cases-routes.ts";
import { createNearbyCases } from "../../../src/storage/case-supporters.ts";
import { MINUTE, MovableClock } from "../../support/clock.ts";
import { PROVIDERS } from "../../support/databases.ts";
import type { FakeTencentSms } from "../../support/fake-tencent-sms.ts";
import { fileDirectly } from "../../support/telegram-staff.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { waitUntil } from "../../support/wait.ts";
import { TEMPLATE_IDS } from "../sms/templates.ts";
import { settled, tencentFor } from "../sms/tencent-service.ts";
import { MyCasesVisitor } from "./my-visitor.ts";
import { fileComplaint, WebCitizen } from "./web-citizen.ts";

const PHONE = "13812345678";

let service: TestApp;
let tencent: FakeTencentSms;
/** Set by a test that stopped the service itself. */
let stopped = false;

afterEach(async () => {
  if (!stopped) await service?.stop();
  stopped = false;
  await tencent?.close();
});

async function start(provider: "sqlite" | "postgres" = "sqlite", env: Record<string, string> = {}) {
  const clock = new MovableClock();
  const sms = await tencentFor(clock);
  tencent = sms.fake;
  service = await startTestApp({
    provider,
    clock,
    env: { ...sms.env, ...env },
    overrides: sms.overrides,
  });
  return clock;
}

/**
 * Waits until the receipts of `cases` are settled (each one's SMS went or was kept back by the
 * phone's limit, and its notice is recorded), then lets the phone's minute pass: a code asked
 * for next is never held back by a receipt still on its way.
 */
async function receiptsSettled(clock: MovableClock, ...cases: string[]): Promise<void> {
  for (const no of cases) await settled(service, no, 30_000);
  clock.advance(2 * MINUTE);
}

/** The codes the fake Tencent took for `phone`, oldest first. */
function codesTo(phone: string): string[] {
  return tencent.sent
    .filter((sms) => sms.phone === `+86${phone}` && sms.templateId === TEMPLATE_IDS.login_code)
    .map((sms) => sms.params[0]!);
}

async function codeFor(phone: string, count = 1): Promise<string> {
  await waitUntil(() => codesTo(phone).length >= count);
  return codesTo(phone).at(-1)!;
}

/**
 * The phone's citizen (Telegram 4242) with a case of their own and one of 李四's they joined
 * (附议), signed in to 我的诉求 with that phone.
 */
async function signedInWithJoinedCase(provider: "sqlite" | "postgres") {
  const clock = await start(provider);
  const own = await fileDirectly(service, 4242);
  const joined = await fileDirectly(service, 4244, {
    contact: { kind: "named", name: "李四", phone: "13900001111" },
  });
  await receiptsSettled(clock, own, joined);
  const nearby = createNearbyCases(service.app.db, { radiusMetres: 300 }, service.clock);
  expect(await nearby.join("telegram:4242", joined, "zh")).toBe("joined");
  const visitor = new MyCasesVisitor(service.url);
  await visitor.askCode(PHONE);
  await visitor.post("/my/verify", { phone: PHONE, code: await codeFor(PHONE) });
  return { own, joined, visitor };
}

describe.each(PROVIDERS)("我的诉求 (%s)", { timeout: 90_000 }, (provider) => {
  it("lists the cases filed with the phone in any channel, each opened without its code", async () => {
    const clock = await start(provider);
    const web = await fileComplaint(new WebCitizen(service.url));
    const telegram = await fileDirectly(service, 4242);
    const anonymous = await fileDirectly(service, 4243, { contact: { kind: "anonymous" } });
    const someoneElse = await fileDirectly(service, 4244, {
      contact: { kind: "named", name: "李四", phone: "13900001111" },
    });
    await receiptsSettled(clock, web.trackingNo, telegram, anonymous, someoneElse);

    const visitor = new MyCasesVisitor(service.url);
    const asked = await visitor.askCode("138 1234 5678");
    expect(asked.status).toBe(200);
    expect(asked.html).toContain("138****5678");
    const code = await codeFor(PHONE);
    expect(code).toMatch(/^\d{6}$/);

    // Stored as keyed hashes only.
    const [row] = await service.app.db.phoneSignInCode.findMany();
    expect(JSON.stringify(row)).not.toContain(code);
    expect(JSON.stringify(row)).not.toContain(PHONE);

    const wrong = code === "000000" ? "111111" : "000000";
    const refused = await visitor.post("/my/verify", { phone: PHONE, code: wrong });
    expect(refused.status).toBe(401);
    expect(refused.html).toContain("验证码不对或已经失效");
    expect(visitor.cookie(MY_CASES_COOKIE)).toBeUndefined();

    const signedIn = await visitor.post("/my/verify", { phone: PHONE, code });
    expect(signedIn).toMatchObject({ status: 303, location: "/my" });
    expect(visitor.cookie(MY_CASES_COOKIE)).toBeTruthy();

    const list = await visitor.get("/my");
    expect(list.status).toBe(200);
    expect(list.html).toContain(web.trackingNo);
    expect(list.html).toContain(telegram);
    expect(list.html).not.toContain(anonymous);
    expect(list.html).not.toContain(someoneElse);
    expect(list.html).toContain(`href="/my/cases/${telegram}"`);

    const opened = await visitor.get(`/my/cases/${web.trackingNo}`);
    expect(opened.status).toBe(200);
    expect(opened.html).toContain("已收到，等待受理");
    // Its running case's page offers 催办 as the status page does, the phone standing for the code.
    expect(opened.html).toContain('action="/status/urge"');
    // Typed in lower case without dashes, as citizens do.
    const typed = await visitor.get(`/my/cases/${telegram.toLowerCase().replaceAll("-", "")}`);
    expect(typed.status).toBe(200);
    expect((await visitor.get(`/my/cases/${someoneElse}`)).status).toBe(404);
    expect((await visitor.get(`/my/cases/${anonymous}`)).status).toBe(404);

    // A code signs in once.
    const again = new MyCasesVisitor(service.url);
    await again.get("/my");
    expect((await again.post("/my/verify", { phone: PHONE, code })).status).toBe(401);

    // The sign-in lasts 30 minutes by default, by the service's clock.
    clock.advance(31 * MINUTE);
    const expired = await visitor.get("/my");
    expect(expired.html).toContain('action="/my/code"');
    expect(expired.html).not.toContain(web.trackingNo);
    expect((await visitor.get(`/my/cases/${web.trackingNo}`)).status).toBe(401);
  });

  it("lists a case the phone's citizen joined (附议) and opens it without its reporter or forms", async () => {
    const { own, joined, visitor } = await signedInWithJoinedCase(provider);
    const list = await visitor.get("/my");
    expect(list.html).toContain(own);
    expect(list.html).toMatch(
      new RegExp(
        `href="/my/cases/${joined}">${joined}</a>\\s*<span class="my-case-supported">附议</span>`,
      ),
    );

    const opened = await visitor.get(`/my/cases/${joined}`);
    expect(opened.status).toBe(200);
    expect(opened.html).toContain("这是您附议的事");
    expect(opened.html).toContain("已收到，等待受理");
    expect(opened.html).toContain("您附议了这件事");
    const reporters = [
      "李四",
      "13900001111",
      "井盖丢了",
      "您提交了反映",
      "/status/rate",
      "/status/urge",
    ];
    for (const reporter of reporters) {
      expect(opened.html).not.toContain(reporter);
    }
  });
});

describe.each(PROVIDERS)(
  "a case filed with a relative's number (%s)",
  { timeout: 90_000 },
  (provider) => {
    it("is listed to the number's holder, marked as someone else's, and its page says whose case it is", async () => {
      const clock = await start(provider);
      // 王 (Telegram 4245) left his son's number; the son's own case was filed with it too.
      const fathers = await fileDirectly(service, 4245, {
        contact: {
          kind: "named",
          name: "王",
          phone: PHONE,
          holder: { relation: "son", name: "李强" },
        },
      });
      const sons = await fileDirectly(service, 4242);
      await receiptsSettled(clock, fathers, sons);
      const visitor = new MyCasesVisitor(service.url);
      await visitor.askCode(PHONE);
      await visitor.post("/my/verify", { phone: PHONE, code: await codeFor(PHONE) });

      const list = await visitor.get("/my");
      expect(list.html).toMatch(
        new RegExp(
          `href="/my/cases/${fathers}">${fathers}</a>\\s*<span class="my-case-held-number">他人反映，留的您的号码</span>`,
        ),
      );
      expect(list.html).not.toMatch(
        new RegExp(`${sons}</a>\\s*<span class="my-case-held-number">`),
      );

      const held = await visitor.get(`/my/cases/${fathers}`);
      expect(held.status).toBe(200);
      expect(held.html).toContain(
        "这件事不是用您的名义反映的：反映人留了您的号码作联系电话（说是其儿子李强的电话），办理进展会发到这个号码。",
      );
      // Not "your son's number": the reader is the son.
      expect(held.html).not.toContain("您儿子");
      const heldEn = await visitor.get(`/my/cases/${fathers}?lang=en`);
      expect(heldEn.html).toContain(
        "This case was filed by someone else, who left your number as its contact (as the number of their son 李强)",
      );

      // With the query code on the status page, the reader is the reporter, whose son it is.
      const { queryCode } = await service.app.db.case.findUniqueOrThrow({
        where: { trackingNo: fathers },
        select: { queryCode: true },
      });
      const reporter = new MyCasesVisitor(service.url);
      const status = await reporter.post("/status", { trackingNo: fathers, queryCode, lang: "zh" });
      expect(status.html).toContain("<dt>联系电话</dt><dd>138****5678（您儿子李强的电话）</dd>");
      const statusEn = await reporter.post("/status", {
        trackingNo: fathers,
        queryCode,
        lang: "en",
      });
      expect(statusEn.html).toContain(
        "<dt>Contact phone</dt><dd>138****5678 (your son 李强&#39;s number)</dd>",
      );

      const own = await visitor.get(`/my/cases/${sons}`);
      expect(own.html).toMatch(/<dt>联系电话<\/dt><dd>138\*\*\*\*5678<\/dd>/);
      expect(own.html).not.toContain("不是用您的名义");
    });
  },
);

describe("撤回附议 on 我的诉求", { timeout: 90_000 }, () => {
  it("withdraws the support of a joined case from the list or its page, after a confirming page, CSRF-protected", async () => {
    const { own, joined, visitor } = await signedInWithJoinedCase("sqlite");
    const supporters = () =>
      service.app.db.caseSupporter.count({ where: { case: { trackingNo: joined } } });
    const list = await visitor.get("/my");
    const withdrawPath = `/my/cases/${joined}/withdraw-support`;
    expect(list.html).toContain(`href="${withdrawPath}">撤回附议</a>`);
    expect(list.html).not.toContain(`/my/cases/${own}/withdraw-support`);
    // The case's own page offers it too; an own case's page has its reporter's forms instead.
    const casePage = await visitor.get(`/my/cases/${joined}`);
    expect(casePage.html).toContain(`href="${withdrawPath}">撤回附议</a>`);
    expect((await visitor.get(`/my/cases/${own}`)).html).not.toContain("withdraw-support");

    const ask = await visitor.get(withdrawPath);
    expect(ask.status).toBe(200);
    expect(ask.html).toContain(`您附议了编号 ${joined}`);
    expect(ask.html).toContain("要撤回附议吗？");
    expect(ask.html).toContain('href="/my">返回我的诉求</a>');
    expect(await supporters()).toBe(1);

    const forged = await visitor.post(withdrawPath, { lang: "zh" }, "forged");
    expect(forged.status).toBe(403);
    expect(await supporters()).toBe(1);

    await visitor.get(withdrawPath);
    const done = await visitor.post(withdrawPath, { lang: "zh" });
    expect(done.status).toBe(200);
    expect(done.html).toContain(`已撤回您对编号 ${joined} 的附议，不再通知您这件事的进展。`);
    expect(await supporters()).toBe(0);
    const entry = await service.app.db.timelineEntry.findFirstOrThrow({
      where: { case: { trackingNo: joined }, kind: "support_withdrawn" },
    });
    expect(entry.data).toEqual({ supporters: 0 });

    const after = await visitor.get("/my");
    expect(after.html).not.toContain(joined);
    expect((await visitor.get(withdrawPath)).status).toBe(404);
    const again = await visitor.post(withdrawPath, { lang: "zh" });
    expect(again.status).toBe(409);
    expect(again.html).toContain(`编号 ${joined} 现在不能撤回了`);
  });

  it("offers no withdrawal to a visitor not signed in, nor for an own case", async () => {
    const clock = await start();
    const own = await fileDirectly(service, 4242);
    await receiptsSettled(clock, own);
    const stranger = new MyCasesVisitor(service.url);
    expect((await stranger.get(`/my/cases/${own}/withdraw-support`)).status).toBe(401);
    const visitor = new MyCasesVisitor(service.url);
    await visitor.askCode(PHONE);
    await visitor.post("/my/verify", { phone: PHONE, code: await codeFor(PHONE) });
    await visitor.get("/my");
    const refused = await visitor.post(`/my/cases/${own}/withdraw-support`, { lang: "zh" });
    expect(refused.status).toBe(409);
    expect(
      await service.app.db.case.findUniqueOrThrow({ where: { trackingNo: own } }),
    ).toMatchObject({ status: "submitted" });
  });
});

describe("the phone sign-in", { timeout: 90_000 }, () => {
  it("answers an unknown number as a known one, and sends it nothing", async () => {
    const clock = await start();
    await receiptsSettled(clock, await fileDirectly(service, 4242));
    const known = await new MyCasesVisitor(service.url).askCode(PHONE);
    const unknown = await new MyCasesVisitor(service.url).askCode("13900002222");
    expect(unknown.status).toBe(known.status);
    const shape = (html: string) =>
      html.replace(/name="_csrf" value="[^"]+"/, "").replace(/\d{3}\*{4}\d{4}|\d{11}/g, "PHONE");
    expect(shape(unknown.html)).toBe(shape(known.html));
    await codeFor(PHONE);
    // Stopping waits for the codes still being sent.
    await service.stop();
    stopped = true;
    expect(codesTo("13900002222")).toEqual([]);
  });

  it("refuses a number that is not a mainland mobile, with a clear answer", async () => {
    await start();
    const page = await new MyCasesVisitor(service.url).askCode("0394-8123456");
    expect(page.status).toBe(400);
    expect(page.html).toContain("请输入正确的 11 位手机号码");
  });

  it("kills a code after 5 wrong tries and after 5 minutes", async () => {
    const clock = await start();
    await receiptsSettled(clock, await fileDirectly(service, 4242));
    const visitor = new MyCasesVisitor(service.url);
    await visitor.askCode(PHONE);
    const code = await codeFor(PHONE);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) await visitor.post("/my/verify", { phone: PHONE, code: wrong });
    expect((await visitor.post("/my/verify", { phone: PHONE, code })).status).toBe(401);

    clock.advance(2 * MINUTE);
    await visitor.askCode(PHONE);
    const second = await codeFor(PHONE, 2);
    clock.advance(5 * MINUTE);
    expect((await visitor.post("/my/verify", { phone: PHONE, code: second })).status).toBe(401);
  });

  it("gives a phone one code a minute and 5 a day, and an address 20 an hour", async () => {
    const clock = await start("sqlite", { MY_CASES_CODES_PER_ADDRESS_PER_HOUR: "7" });
    const visitor = new MyCasesVisitor(service.url);
    expect((await visitor.askCode("13900002222")).status).toBe(200);
    const soon = await visitor.askCode("13900002222");
    expect(soon.status).toBe(429);
    expect(soon.html).toContain("获取验证码太频繁了");
    for (let i = 0; i < 4; i++) {
      clock.advance(2 * MINUTE);
      expect((await visitor.askCode("13900002222")).status).toBe(200);
    }
    clock.advance(2 * MINUTE);
    expect((await visitor.askCode("13900002222")).status).toBe(429);
    // The address had its 7 requests this hour (real time: the rate limit's own clock).
    expect((await visitor.askCode("13900003333")).status).toBe(429);
  });
});

describe("without an SMS provider", { timeout: 60_000 }, () => {
  it("says the sign-in is not available and points to the status page", async () => {
    service = await startTestApp();
    const page = await new MyCasesVisitor(service.url).get("/my");
    expect(page.status).toBe(200);
    expect(page.html).toContain("短信验证暂未开通");
    expect(page.html).toContain('href="/status"');
  });
});
