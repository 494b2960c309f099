/**
 * Clerks decide new cases from WeCom template cards (self-built app): the press acts through
 * the case actions as the clerk whose wecomUserId pressed, anyone else is refused, and the
 * card shows who decided. Units with WeCom userids get their cases without the citizen's
 * identity.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MovableClock } from "../../support/clock.ts";
import {
  startFakeWeCom,
  type AppSent,
  type FakeWeCom,
  type WeComCallbackSender,
} from "../../support/fake-wecom.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import {
  CALLBACK_PATH,
  deliver,
  fileComplaint,
  WeComCitizen,
  weComSetup,
} from "./wecom-citizen.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(50);
  }
}

type Card = { task_id: string; button_list: Array<{ text: string; key: string }> };

describe("WeCom staff cards", { timeout: 60_000 }, () => {
  let fake: FakeWeCom;
  let service: TestApp;
  let sender: WeComCallbackSender;
  let citizen: WeComCitizen;

  beforeEach(async () => {
    const clock = new MovableClock();
    fake = await startFakeWeCom({ clock: () => clock.now().getTime() });
    const setup = weComSetup(fake, clock);
    sender = setup.sender;
    service = await startTestApp({
      wecom: setup.wecom,
      clock,
      env: { WECOM_AGENT_ID: String(fake.agentId), WECOM_AGENT_SECRET: fake.agentSecret },
    });
    await service.app.db.staffMember.create({
      data: { username: "zhangsan", displayName: "张三", role: "clerk", wecomUserId: "zhangsan" },
    });
    await service.app.db.unit.updateMany({ data: { wecomUserIds: "unit-handler-1" } });
    const current = () => ({ url: service.url, db: service.app.db });
    citizen = new WeComCitizen(fake, sender, current, clock, "wmCITIZEN1");
  });
  afterEach(async () => {
    await service.stop();
    await fake.close();
  });

  const cardsTo = (userId: string): AppSent[] =>
    fake
      .appSent()
      .filter(
        (m) => m.body.msgtype === "template_card" && m.body.touser.split("|").includes(userId),
      );
  const status = async (no: string) =>
    (await service.app.db.case.findUniqueOrThrow({ where: { trackingNo: no } })).status;
  const press = async (xml: string) => {
    const answer = await deliver(service.url, sender.post(CALLBACK_PATH, xml));
    expect(answer.status).toBe(200);
  };
  const replaceNames = () =>
    fake
      .cardUpdates()
      .map((u) => (u as { button?: { replace_name: string } }).button?.replace_name);

  async function newCaseCard(): Promise<{ no: string; card: Card }> {
    const no = await fileComplaint(citizen);
    await waitUntil(() => cardsTo("zhangsan").length > 0);
    const card = cardsTo("zhangsan")[0]!.body.template_card as Card;
    expect(card.button_list[0]?.key).toBe(`ok|${no}`);
    expect(card.button_list.some((b) => b.key.startsWith(`nt|${no}|`))).toBe(true);
    return { no, card };
  }

  it("lets a clerk confirm the suggested unit from the card; the unit gets the case without identity", async () => {
    const { no, card } = await newCaseCard();
    const { xml } = fake.pressCardButton("zhangsan", card.task_id, `ok|${no}`);
    await press(xml);
    await waitUntil(async () => (await status(no)) !== "submitted");
    expect(await status(no)).toBe("assigned");
    const decision = await service.app.db.timelineEntry.findFirst({
      where: { case: { trackingNo: no }, actorKind: "clerk" },
    });
    const clerk = await service.app.db.staffMember.findUniqueOrThrow({
      where: { username: "zhangsan" },
    });
    expect(decision?.actorId).toBe(clerk.id);
    await waitUntil(() => replaceNames().length > 0);
    expect(replaceNames()).toEqual(["已由 张三 确认"]);

    await waitUntil(() =>
      fake.appSent().some((m) => m.body.touser.split("|").includes("unit-handler-1")),
    );
    const toUnit = JSON.stringify(
      fake.appSent().filter((m) => m.body.touser.split("|").includes("unit-handler-1")),
    );
    expect(toUnit).toContain(no);
    expect(toUnit).not.toContain("张秀英");
    expect(toUnit).not.toContain("13812345678");
  });

  it("refuses a press from a userid that is no clerk", async () => {
    const { no, card } = await newCaseCard();
    const { xml } = fake.pressCardButton("zhangsan", card.task_id, `ok|${no}`);
    await press(xml.replace("<![CDATA[zhangsan]]>", "<![CDATA[stranger]]>"));
    await sleep(500);
    expect(await status(no)).toBe("submitted");
    expect(fake.cardUpdates()).toHaveLength(0);
  });

  it("answers a second press after the decision with who decided", async () => {
    const { no, card } = await newCaseCard();
    await press(fake.pressCardButton("zhangsan", card.task_id, `ok|${no}`).xml);
    await waitUntil(() => replaceNames().length === 1);
    const reason = card.button_list.find((b) => b.key.startsWith("nt|"))!.key;
    await press(fake.pressCardButton("zhangsan", card.task_id, reason).xml);
    await waitUntil(() => replaceNames().length === 2);
    expect(replaceNames()[1]).toBe("已由 张三 处理");
    expect(await status(no)).toBe("assigned");
  });
});
