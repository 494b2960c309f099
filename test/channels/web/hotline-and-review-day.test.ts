/**
 * The hotline and the review's last day, over real HTTP against the whole service. An operator
 * who sets SERVICE_PHONE has its number told to a citizen who asks "能打电话吗" and shown, one
 * tap away, in the pages' footer (the chat page, the status page, 我的诉求, a page not found) as
 * they are served, for a reader without script too; the chat page's script is told it with its
 * session, to make it a call in the messages. A citizen whose case was answered and who asks "不满意怎么办" is told
 * the last day to ask for 复查 — the day the status page shows as 申请复查、复核截止, by the
 * working calendar — and once that day is past, that it has passed.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { DAY } from "../../support/clock.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { fileAndReceiveAnswer, WebCitizen } from "./web-citizen.ts";

const HOTLINE = "0394-12345";
const CALL = `<a class="tel" href="tel:${HOTLINE}">${HOTLINE}</a>`;

describe("the hotline and the review's last day", { timeout: 60_000 }, () => {
  let service: TestApp;
  let citizen: WebCitizen;
  let filed: { trackingNo: string; code: string };

  beforeAll(async () => {
    service = await startTestApp({ env: { SERVICE_PHONE: HOTLINE } });
    citizen = new WebCitizen(service.url);
    filed = await fileAndReceiveAnswer(service, citizen);
  });

  /** A page as a browser asks for it. */
  const page = async (path: string) =>
    (await citizen.fetch(path, { headers: { accept: "text/html" } })).text();
  const footerOf = (html: string) => /<footer class="site-footer">.*<\/footer>/s.exec(html)?.[0];

  it("tells the hotline to a citizen who asks whether they can phone, in Chinese and English", async () => {
    await citizen.say("能打电话吗？");
    expect(citizen.text).toContain(`可以打 ${HOTLINE} 热线电话反映。在这里直接用文字说也一样`);
    expect(citizen.text).toContain("遇到危险请直接打电话：报警 110，火警 119，急救 120。");
    expect(citizen.text).not.toContain("不能打电话");
    await citizen.say("Can I call you instead?");
    expect(citizen.text).toContain(`Yes: you can also call the hotline, ${HOTLINE}.`);
    await citizen.say("/lang zh");
  });

  it("tells a citizen who asks for a person that none chats here, and the hotline to call", async () => {
    await citizen.say("我要找人工");
    expect(citizen.text).toContain("这里是自动回复的助手，不能转人工聊天。");
    expect(citizen.text).toContain(`想直接和工作人员说，请打 ${HOTLINE} 热线电话。`);
    expect(citizen.text).not.toContain("要把这件事作为一条新的反映吗");
  });

  it("gives the chat page the hotline with its session, to show it one tap away", async () => {
    const session = (await (await citizen.fetch("/chat/session")).json()) as {
      servicePhone: string | null;
      text: Record<"zh" | "en", { serviceName: string; footer: string }>;
    };
    expect(session.servicePhone).toBe(HOTLINE);
    // With the city's brand, from the directory in service.
    expect(session.text.zh.serviceName).toBe("周口市群众诉求服务平台");
    expect(session.text.en.footer).toBe(
      "Zhoukou Municipal People's Government · 12345 Citizen Service Platform",
    );
  });

  it("shows the hotline as a call in the footer of the chat page, the status page, 我的诉求 and a page not found", async () => {
    for (const path of ["/", "/status", "/my", "/no-such-page"]) {
      expect(footerOf(await page(path))).toContain(CALL);
    }
    // The chat page's label is its script's to put in the session's language.
    expect(await page("/")).toContain(`<p><span data-text="hotline">热线电话：</span>${CALL}</p>`);
    expect(await page("/status")).toContain(`<p>热线电话：${CALL}</p>`);
    expect(await page("/status?lang=en")).toContain(`<p>Hotline: ${CALL}</p>`);
  });

  it("tells an answered case's last day to ask for 复查: the status page's", async () => {
    const status = await citizen.fetch("/status", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ trackingNo: filed.trackingNo, queryCode: filed.code }).toString(),
    });
    const lastDay = /<dt>申请复查、复核截止<\/dt><dd><time[^>]*>([^<]+)<\/time>/.exec(
      await status.text(),
    )?.[1];
    expect(lastDay).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);

    await citizen.say("不满意怎么办");
    expect(citizen.text).toContain(
      `您的事（编号 ${filed.trackingNo}）已经答复了，可以在答复消息下面评价；对答复不服的，最晚 ${lastDay} 前可以申请复查。`,
    );
    expect(citizen.text).toContain("答复后 30 天内可以申请复查");

    // Past the window's last day, the citizen is told it has passed.
    service.clock.advance(40 * DAY);
    await citizen.say("不满意怎么办");
    expect(citizen.text).toContain(`申请复查的期限（${lastDay}）已经过了。`);
    expect(citizen.text).not.toContain("前可以申请复查");
  });
});

describe("without a hotline set", { timeout: 60_000 }, () => {
  it("says the chat takes no calls, and shows no hotline", async () => {
    const service = await startTestApp();
    const citizen = new WebCitizen(service.url);
    await citizen.open();
    await citizen.say("能打电话吗");
    expect(citizen.text).toContain("这里是在网上反映，不能打电话");
    const session = (await (await citizen.fetch("/chat/session")).json()) as {
      servicePhone: string | null;
    };
    expect(session.servicePhone).toBeNull();
    for (const path of ["/", "/status"]) {
      const html = await (await citizen.fetch(path)).text();
      expect(html).not.toContain('href="tel:');
      expect(html).not.toContain("热线电话");
    }
  });
});
