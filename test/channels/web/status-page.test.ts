/**
 * The public status page over real HTTP against the whole service: a citizen finds
 * their case with the number and query code however they type them, reads the
 * office's answer and the deadlines, rates the answer once and asks for 复查 then 复核
 * within 30 days of each answer — through the same case actions as the chat, and only
 * with the right code.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { answerCase, answerReview } from "../../support/answered-case.ts";
import { DAY } from "../../support/clock.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { WebCitizen, fileComplaint } from "./web-citizen.ts";
import { deliver } from "../../support/outbox.ts";

const clerk = { kind: "clerk", id: "clerk-li" } as const;

/** A visitor of the status page: a browser's cookie jar, no chat session needed. */
class StatusVisitor {
  private readonly browser: WebCitizen;
  /** The CSRF token of the forms on the latest page. */
  csrf = "";

  constructor(baseUrl: string) {
    this.browser = new WebCitizen(baseUrl);
  }

  async post(path: string, fields: Record<string, string>) {
    const response = await this.browser.fetch(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
    const html = await response.text();
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? this.csrf;
    return { status: response.status, html };
  }

  lookUp(trackingNo: string, queryCode: string, lang = "zh") {
    return this.post("/status", { trackingNo, queryCode, lang });
  }

  rate(trackingNo: string, queryCode: string, fields: Record<string, string>) {
    return this.post("/status/rate", { trackingNo, queryCode, _csrf: this.csrf, ...fields });
  }

  review(trackingNo: string, queryCode: string) {
    return this.post("/status/review", { trackingNo, queryCode, _csrf: this.csrf });
  }
}

/** Plain text of a page, tags removed, for reading it as a citizen does. */
function words(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

describe("the status page", { timeout: 60_000 }, () => {
  let service: TestApp;
  let filed: { trackingNo: string; code: string };
  let handler: { kind: "handler"; id: string; unitId: string };

  beforeAll(async () => {
    service = await startTestApp();
    filed = await fileComplaint(new WebCitizen(service.url));
    const unitId = service.app.directory.units[0]!.id;
    handler = { kind: "handler", id: "handler-zhao", unitId };
  });

  it("finds the case however the number and code are typed", async () => {
    const visitor = new StatusVisitor(service.url);
    const [, date, serial] = /^ZK-(\d{8})-(\d{4})$/.exec(filed.trackingNo)!;
    const fullWidthCode = [...filed.code]
      .map((d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))
      .join("");
    // Each page costs one of the ten look-ups a client may make per minute.
    for (const [typed, code] of [
      [`zk${date}${serial}`, fullWidthCode],
      [` Zk ${date} ${serial} `, `${filed.code.slice(0, 3)} ${filed.code.slice(3)}`],
    ] as const) {
      const page = await visitor.lookUp(typed, code);
      expect(page.status, typed).toBe(200);
      expect(page.html).toContain(`<h2 id="result-heading">${filed.trackingNo}</h2>`);
    }
  });

  it("opens with the number filled in from a notice's link", async () => {
    const response = await fetch(
      new URL(`/status?no=${filed.trackingNo.toLowerCase()}&lang=en`, service.url),
    );
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain(`value="${filed.trackingNo}"`);
    expect(html).toContain("Check progress");
  });

  it("shows the acceptance deadline before a decision, and no rating yet", async () => {
    const page = await new StatusVisitor(service.url).lookUp(filed.trackingNo, filed.code);
    const text = words(page.html);
    expect(text).toContain("办理期限 决定是否受理 2026年12月14日");
    expect(page.html).not.toContain('action="/status/rate"');
    expect(page.html).not.toContain('action="/status/review"');
  });

  it("shows the office's answer in full, with the rating and review forms", async () => {
    await service.app.caseActions.act(
      filed.trackingNo,
      { type: "route", unitId: handler.unitId },
      clerk,
    );
    await service.app.caseActions.act(filed.trackingNo, { type: "start" }, handler);
    await service.app.caseActions.act(
      filed.trackingNo,
      {
        type: "answer",
        outcome: "support",
        text: "路灯已于今日修复。\n如仍有问题请拨打 0394-8123456 或 12345。",
      },
      handler,
    );
    const page = await new StatusVisitor(service.url).lookUp(filed.trackingNo, filed.code);
    const text = words(page.html);
    expect(text).toContain("目前状态：已答复");
    expect(text).toContain("办理单位的答复");
    // The numbers in the answer are one tap away on a phone.
    expect(page.html).toContain(
      '<p>路灯已于今日修复。</p><p>如仍有问题请拨打 <a class="tel" href="tel:0394-8123456">0394-8123456</a>' +
        ' 或 <a class="tel" href="tel:12345">12345</a>。</p>',
    );
    expect(text).toContain("请在下面评价这次答复");
    expect(text).toContain("评价这次答复 您反映的问题解决了吗？ 已解决 未解决");
    expect(text).toContain("满意 基本满意 不满意");
    expect(text).toContain("如果您对答复不服，可以在 2026年12月28日 前申请复查");
    expect(text).toContain("申请复查、复核截止 2026年12月28日");
  });

  it("refuses a rating without the form's token", async () => {
    const visitor = new StatusVisitor(service.url);
    const page = await visitor.rate(filed.trackingNo, filed.code, {
      solved: "yes",
      satisfaction: "satisfied",
    });
    expect(page.status).toBe(403);
    expect(page.html).toContain("页面已过期");
    expect(await service.app.db.rating.count()).toBe(0);
  });

  it("counts a rating with a wrong code as a wrong guess, and records nothing", async () => {
    const visitor = new StatusVisitor(service.url);
    await visitor.lookUp(filed.trackingNo, filed.code);
    const wrong = filed.code === "000000" ? "000001" : "000000";
    const page = await visitor.rate(filed.trackingNo, wrong, {
      solved: "yes",
      satisfaction: "satisfied",
    });
    expect(page.status).toBe(404);
    expect(page.html).toContain("没有找到这件事");
    expect(await service.app.db.rating.count()).toBe(0);
    const guesses = await service.app.db.guessCounter.findUniqueOrThrow({
      where: { key: `query-code:${filed.trackingNo}` },
    });
    expect(guesses.failures).toBe(1);
  });

  it("records a rating with its reason once, through the case actions, and shows both", async () => {
    const visitor = new StatusVisitor(service.url);
    await visitor.lookUp(filed.trackingNo, filed.code);
    const rated = await visitor.rate(filed.trackingNo, filed.code, {
      solved: "no",
      satisfaction: "dissatisfied",
      reason: "只修了一盏，另一盏还是不亮",
    });
    expect(rated.status).toBe(200);
    const text = words(rated.html);
    expect(text).toContain("谢谢您的评价，已经记下了。");
    expect(text).toContain("您的评价 未解决，不满意");
    expect(text).toContain("您的意见 只修了一盏，另一盏还是不亮");
    expect(rated.html).not.toContain('action="/status/rate"');
    expect(await service.app.db.rating.findFirstOrThrow()).toMatchObject({
      solved: false,
      satisfaction: "dissatisfied",
      reason: "只修了一盏，另一盏还是不亮",
    });
    const entry = await service.app.db.timelineEntry.findFirstOrThrow({ where: { kind: "rated" } });
    expect(entry.actorKind).toBe("citizen");

    const again = await visitor.rate(filed.trackingNo, filed.code, {
      solved: "yes",
      satisfaction: "satisfied",
    });
    expect(again.status).toBe(409);
    expect(words(again.html)).toContain("您已经评价过这次答复了。");
    expect(await service.app.db.rating.count()).toBe(1);
  });

  it("takes a 复查 request within 30 days of the answer, then offers 复核 after its opinion", async () => {
    const visitor = new StatusVisitor(service.url);
    await visitor.lookUp(filed.trackingNo, filed.code);
    service.clock.advance(20 * DAY);
    const requested = await visitor.review(filed.trackingNo, filed.code);
    expect(requested.status).toBe(200);
    const text = words(requested.html);
    expect(text).toContain("已收到您的申请");
    expect(text).toContain("目前状态：正在复查");
    expect(text).toContain("复查结果会在 2027年1月18日 前答复您。");
    expect(text).toContain("办理单位的答复");
    expect(text).toContain("复查、复核答复 2027年1月18日");
    const stored = await service.app.db.case.findUniqueOrThrow({
      where: { trackingNo: filed.trackingNo },
    });
    expect(stored).toMatchObject({ status: "under_review", reviewStage: 1 });

    await service.app.caseActions.act(
      filed.trackingNo,
      { type: "answer", outcome: "explain", text: "经复查，另一盏路灯已列入本月维修计划。" },
      handler,
    );
    const reviewed = await visitor.lookUp(filed.trackingNo, filed.code);
    const after = words(reviewed.html);
    expect(after).toContain("复查意见");
    expect(after).toContain("经复查，另一盏路灯已列入本月维修计划。");
    expect(after).toContain("评价这次答复");
    expect(after).toContain("请在下面评价这次复查意见；如仍然不服，可以申请复核。");
    expect(after).toContain("申请复核");
  });

  it("refuses a review once 30 days after the answer have passed", async () => {
    const visitor = new StatusVisitor(service.url);
    const before = await visitor.lookUp(filed.trackingNo, filed.code);
    expect(before.html).toContain('action="/status/review"');
    service.clock.advance(40 * DAY);
    const late = await visitor.review(filed.trackingNo, filed.code);
    expect(late.status).toBe(409);
    const text = words(late.html);
    expect(text).toContain("现在不能申请复查");
    expect(text).toContain("申请复查、复核的期限已过");
    expect(late.html).not.toContain('action="/status/review"');
    const stored = await service.app.db.case.findUniqueOrThrow({
      where: { trackingNo: filed.trackingNo },
    });
    expect(stored.status).toBe("answered");
  });

  it("speaks English when asked", async () => {
    const page = await new StatusVisitor(service.url).lookUp(filed.trackingNo, filed.code, "en");
    const text = words(page.html);
    expect(text).toContain("Review opinion");
    expect(text).toContain("Rate this answer");
    expect(text).toContain("The time to ask for a review has passed.");
    // The office in the case's history by its English name.
    expect(text).toContain("Zhoukou City Urban Management Bureau");
    expect(text).not.toContain("周口市城市管理局");
  });
});

describe("the status page of a case under its second review (复核)", { timeout: 60_000 }, () => {
  it("says 正在复核 and by when the 复核 is answered, not the 复查's words", async () => {
    const service = await startTestApp();
    try {
      const filed = await fileComplaint(new WebCitizen(service.url));
      await answerCase(service.app, filed.trackingNo);
      const visitor = new StatusVisitor(service.url);
      await visitor.lookUp(filed.trackingNo, filed.code);
      await visitor.review(filed.trackingNo, filed.code);
      await answerReview(service.app, filed.trackingNo);
      await visitor.lookUp(filed.trackingNo, filed.code);
      const page = words((await visitor.review(filed.trackingNo, filed.code)).html);
      expect(page).toContain("目前状态：正在复核");
      expect(page).toMatch(/复核结果会在 \d{4}年\d{1,2}月\d{1,2}日 前答复您。/u);
      expect(page).not.toContain("复查结果会在");
    } finally {
      await service.stop();
    }
  });
});

describe("the web chat leads to the status page", { timeout: 60_000 }, () => {
  const publicUrl = "https://12345.zhoukou.gov.cn";
  let service: TestApp;
  let citizen: WebCitizen;
  let filed: { trackingNo: string; code: string };

  beforeAll(async () => {
    service = await startTestApp({ env: { PUBLIC_URL: publicUrl } });
    citizen = new WebCitizen(service.url);
    filed = await fileComplaint(citizen);
  });

  it("gives the number and code to copy and the status page, never a slash command", () => {
    const receipt = [...citizen.messages.values()].find((m) => m.kind === "receipt");
    expect(receipt?.receipt).toEqual({
      trackingNo: filed.trackingNo,
      queryCode: filed.code,
      statusUrl: `/status?no=${filed.trackingNo}`,
    });
    expect(citizen.text).toContain("“查询进度”页面");
    expect(citizen.text).not.toContain("/status");
  });

  it("lists in its help what the status page can do, without chat-app commands", async () => {
    await citizen.tap("帮助");
    expect(citizen.text).toContain("在“查询进度”页面输入编号和查询码");
    expect(citizen.text).toContain("评价答复：满意、基本满意或不满意");
    expect(citizen.text).toContain("30 天内申请复查");
    expect(citizen.text).toContain("可以催办，承办单位会收到提醒（每天算一次）");
    expect(citizen.text).not.toMatch(/\/(start|cancel|lang|status)/);
  });

  it("ends every notice with the link to the case's status page", async () => {
    const unitId = service.app.directory.units[0]!.id;
    await service.app.caseActions.act(filed.trackingNo, { type: "route", unitId }, clerk);
    await deliver(service);
    const notice = (await citizen.poll()).messages.find((m) => m.author === "notice");
    expect(notice?.text).toContain(
      `查看进度、评价答复（需要查询码）：${publicUrl}/status?no=${filed.trackingNo}`,
    );
  });
});

describe("a look-up with a field left empty", { timeout: 60_000 }, () => {
  let service: TestApp;
  let filed: { trackingNo: string; code: string };

  beforeAll(async () => {
    service = await startTestApp();
    filed = await fileComplaint(new WebCitizen(service.url));
  });

  it("asks for the tracking number, keeping the code typed", async () => {
    const page = await new StatusVisitor(service.url).lookUp(" ", "123 456");
    expect(page.status).toBe(400);
    expect(words(page.html)).toContain("请填写受理编号");
    expect(page.html).not.toContain("请填写查询码");
    expect(page.html).not.toContain("没有找到这件事");
    expect(page.html).toMatch(/id="trackingNo"[^>]*aria-invalid="true"/);
    expect(page.html).toMatch(/id="queryCode"[^>]*value="123456"/);
  });

  it("asks for the query code, keeping the number typed, and counts no wrong guess", async () => {
    const page = await new StatusVisitor(service.url).lookUp(filed.trackingNo.toLowerCase(), "");
    expect(page.status).toBe(400);
    expect(words(page.html)).toContain("请填写查询码");
    expect(page.html).not.toContain("请填写受理编号");
    expect(page.html).toContain(`value="${filed.trackingNo}"`);
    expect(page.html).toMatch(/id="queryCode"[^>]*aria-invalid="true"/);
    const guesses = await service.app.db.guessCounter.findUnique({
      where: { key: `query-code:${filed.trackingNo}` },
    });
    expect(guesses).toBeNull();
  });

  it("asks for both in English on an English page", async () => {
    const page = await new StatusVisitor(service.url).lookUp("", "", "en");
    expect(page.status).toBe(400);
    const text = words(page.html);
    expect(text).toContain("Please enter the tracking number");
    expect(text).toContain("Please enter the query code");
    expect(text).not.toContain("Nothing was found");
  });

  it("does not count an empty look-up among the ten a client may make per minute", async () => {
    const visitor = new StatusVisitor(service.url);
    for (let i = 0; i < 12; i++) {
      expect((await visitor.lookUp(filed.trackingNo, "")).status).toBe(400);
    }
    const page = await visitor.lookUp(filed.trackingNo, filed.code);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`<h2 id="result-heading">${filed.trackingNo}</h2>`);
  });
});

describe("a look-up pasted from the receipt", { timeout: 60_000 }, () => {
  let service: TestApp;
  let filed: { trackingNo: string; code: string };

  beforeAll(async () => {
    service = await startTestApp();
    filed = await fileComplaint(new WebCitizen(service.url));
  });

  it("finds the case from its number and code pasted with their words, stop and unseen marks", async () => {
    const visitor = new StatusVisitor(service.url);
    const [, date, serial] = /^ZK-(\d{8})-(\d{4})$/.exec(filed.trackingNo)!;
    const page = await visitor.lookUp(
      `您的编号是：\u200bZK-${date}-${Number(serial)}。`,
      `查询码：${filed.code}\u200b。`,
    );
    expect(page.status).toBe(200);
    expect(page.html).toContain(`<h2 id="result-heading">${filed.trackingNo}</h2>`);
  });
});

describe("the numbers in an answer", { timeout: 60_000 }, () => {
  it("links an emergency number, never a number that counts (第110条, 120元)", async () => {
    const service = await startTestApp();
    try {
      const filed = await fileComplaint(new WebCitizen(service.url));
      await answerCase(
        service.app,
        filed.trackingNo,
        "依据第110条，已罚款120元。再有险情请拨打110。",
      );
      const page = await new StatusVisitor(service.url).lookUp(filed.trackingNo, filed.code);
      expect(page.html).toContain(
        '<p>依据第110条，已罚款120元。再有险情请拨打<a class="tel" href="tel:110">110</a>。</p>',
      );
    } finally {
      await service.stop();
    }
  });
});
