/**
 * A citizen who opens the 微信客服 chat is welcomed before typing anything: WeCom's
 * enter_session event carries a welcome_code, good once and for 20 seconds, and the service
 * answers it through kf/send_msg_on_event with the conversation's own welcome — the one
 * Telegram and the web chat give — and its menu. A code that can no longer be used costs the
 * citizen nothing but the welcome; a citizen who reopens the chat keeps the draft they began.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MovableClock } from "../../support/clock.ts";
import { startFakeWeCom, type FakeWeCom } from "../../support/fake-wecom.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { waitUntil } from "../../support/wait.ts";
import { menuItems, sentText, WeComCitizen, weComSetup } from "./wecom-citizen.ts";

describe("opening the WeChat customer-service chat", { timeout: 60_000 }, () => {
  let fake: FakeWeCom;
  let service: TestApp;
  let clock: MovableClock;
  let citizen: WeComCitizen;
  let logLines: string[];

  beforeEach(async () => {
    clock = new MovableClock();
    logLines = [];
    fake = await startFakeWeCom({ clock: () => clock.now().getTime() });
    const setup = weComSetup(fake, clock);
    service = await startTestApp({ wecom: setup.wecom, clock, logLines });
    const current = () => ({ url: service.url, db: service.app.db });
    citizen = new WeComCitizen(fake, setup.sender, current, clock, "wmCITIZEN1");
  });
  afterEach(async () => {
    await service.stop();
    await fake.close();
  });

  const welcomes = () => fake.kfWelcomes(citizen.id);
  const welcomeCalls = () => fake.callsOf("kf/send_msg_on_event");

  /** The citizen opens the chat; resolves once the service answered the event's code. */
  async function openChat(): Promise<void> {
    const calls = welcomeCalls().length;
    citizen.user.enterSession();
    await citizen.signal();
    await waitUntil(() => welcomeCalls().length > calls);
  }

  it("welcomes the citizen with the conversation's welcome and menu, using the event's code", async () => {
    await openChat();
    const [welcome] = welcomes();
    expect(welcomes()).toHaveLength(1);
    expect(sentText(welcome!)).toContain("您好！这里是周口市群众诉求服务（12345）");
    expect(menuItems(welcome!).map((item) => item.content)).toContain("1. 我要反映问题");
    // The welcome is no kf/send_msg: it leaves WeCom's 5 replies of the citizen's window alone.
    expect(fake.kfSent(citizen.id)).toEqual([]);

    const filing = menuItems(welcome!).find((item) => item.content.includes("我要反映问题"))!;
    citizen.pause();
    await citizen.act(citizen.user.clickMenu(filing.id, filing.content));
    expect(citizen.text).toContain("请用文字说一说遇到了什么事");
  });

  it("logs a code WeCom no longer takes, without the citizen's words, and answers their next message as ever", async () => {
    citizen.user.enterSession();
    clock.advance(25_000); // past the code's 20 seconds
    await citizen.signal();
    await waitUntil(() => welcomeCalls().length === 1);
    expect(welcomeCalls()[0]!.errcode).not.toBe(0);
    expect(welcomes()).toEqual([]);
    await waitUntil(() => logLines.some((line) => line.includes("kf welcome not sent")));
    const logged = logLines.filter((line) => line.includes("kf welcome not sent"));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(citizen.id);

    await citizen.say("小区门口的路灯坏了一个星期了，晚上很黑");
    expect(citizen.text).toContain("路灯");
    expect(logLines.filter((line) => line.includes("kf welcome not sent"))).toHaveLength(1);
    expect(logLines.some((line) => line.includes("小区门口的路灯坏了"))).toBe(false);
  });

  it("keeps the draft in progress when the citizen opens the chat again, and asks its question again", async () => {
    await openChat();
    const filing = menuItems(welcomes()[0]!).find((item) => item.content.includes("我要反映问题"))!;
    citizen.pause();
    await citizen.act(citizen.user.clickMenu(filing.id, filing.content));
    await citizen.say("小区门口的路灯坏了一个星期了，晚上很黑");
    const question = citizen.text;
    expect(question).toContain("对吗");

    await openChat();
    const again = sentText(welcomes()[1]!);
    expect(again).toContain("您好！这里是周口市群众诉求服务（12345）");
    expect(again).toContain("您有一件事还没填完，我们接着来：");
    expect(again).toContain("对吗");
    await citizen.click("对，就是这个");
    expect(citizen.text).toContain("在哪里");
  });
});
