import { expect } from "vitest";
import type { AppSent, CardShape, FakeWeCom } from "../../support/fake-wecom.ts";
import type { TestApp } from "../../support/test-app.ts";
import { waitUntil } from "../../support/wait.ts";
import {
  CALLBACK_PATH,
  deliver,
  fileComplaint,
  startWeComCitizenWorld,
  WeComCitizen,
} from "./wecom-citizen.ts";

/**
 * The service with WeCom on: clerk 张三 (WeCom userid `zhangsan`) in the self-built app, every
 * unit handled by the WeCom userid `handler`, and a citizen writing to customer service. A file
 * may share one world among its tests: cards are then found by their case's number (the fake
 * keeps every test's messages), and each test files its own cases as its own citizen.
 */
export interface WeComStaffWorld {
  readonly fake: FakeWeCom;
  readonly service: TestApp;
  /** The WeChat citizen `wmCITIZEN1`, who files the cases unless a test names another. */
  readonly citizen: WeComCitizen;
  /** Another WeChat citizen, new to the service (`wmCITIZEN2`, `wmCITIZEN3`, …). */
  newCitizen(): WeComCitizen;
  /** Posts a callback (a button press, an app message) as WeCom does; WeCom gets 200. */
  post(xml: string): Promise<void>;
  /** What the app sent `userId` of one message type, in order. */
  appSentTo(userId: string, msgtype: string): AppSent[];
  /** The cards the app sent `userId` about case `trackingNo`, in order. */
  cardsAbout(userId: string, trackingNo: string): CardShape[];
  /** The texts the app sent `userId`, in order. */
  textsTo(userId: string): string[];
  /** Posts `xml` and waits for the app's next text to `userId`; that text. */
  answerTo(userId: string, xml: string): Promise<string>;
  /** A complaint filed by `citizen` (the world's citizen unless given), and its card to 张三. */
  newCaseCard(citizen?: WeComCitizen): Promise<{ no: string; card: CardShape }>;
  /**
   * A new case filed by `citizen` (as for newCaseCard) that 张三 routes to its suggested unit in
   * one tap, with the unit's handler 王五 (the world's handler userid) registered once; the
   * unit's card.
   */
  assignedCase(citizen?: WeComCitizen): Promise<{ no: string; card: CardShape; unitId: string }>;
  /** Registers 赵六 (WeCom userid `userId`) as a handler of a unit other than `unitId`. */
  handlerOfAnotherUnit(unitId: string, userId: string): Promise<void>;
  /** The case's status now. */
  status(trackingNo: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startWeComStaffWorld(handler: string): Promise<WeComStaffWorld> {
  const { fake, service, sender, clock, citizen, stop } = await startWeComCitizenWorld((fake) => ({
    WECOM_AGENT_ID: String(fake.agentId),
    WECOM_AGENT_SECRET: fake.agentSecret,
  }));
  await service.app.db.staffMember.create({
    data: { username: "zhangsan", displayName: "张三", role: "clerk", wecomUserId: "zhangsan" },
  });
  await service.app.db.unit.updateMany({ data: { wecomUserIds: handler } });
  const appSentTo = (userId: string, msgtype: string) =>
    fake
      .appSent()
      .filter((m) => m.body.msgtype === msgtype && m.body.touser.split("|").includes(userId));
  const cardsAbout = (userId: string, trackingNo: string) =>
    appSentTo(userId, "template_card")
      .map((m) => m.body.template_card as CardShape)
      .filter((card) => card.main_title?.title?.includes(trackingNo));
  const textsTo = (userId: string) =>
    appSentTo(userId, "text").map((m) => (m.body.text as { content: string }).content);
  async function post(xml: string): Promise<void> {
    const answer = await deliver(service.url, sender.post(CALLBACK_PATH, xml));
    expect(answer.status).toBe(200);
  }
  async function newCaseCard(by = citizen) {
    const no = await fileComplaint(by);
    await waitUntil(() => cardsAbout("zhangsan", no).length > 0);
    return { no, card: cardsAbout("zhangsan", no)[0]! };
  }
  let citizens = 1;
  const current = () => ({ url: service.url, db: service.app.db });
  return {
    fake,
    service,
    citizen,
    newCitizen: () => new WeComCitizen(fake, sender, current, clock, `wmCITIZEN${++citizens}`),
    post,
    appSentTo,
    cardsAbout,
    textsTo,
    async answerTo(userId, xml) {
      const before = textsTo(userId).length;
      await post(xml);
      await waitUntil(() => textsTo(userId).length > before);
      return textsTo(userId).at(-1)!;
    },
    newCaseCard,
    async assignedCase(by) {
      const { no, card } = await newCaseCard(by);
      await post(fake.pressCardButton("zhangsan", card.task_id, `ok|${no}`).xml);
      await waitUntil(() => cardsAbout(handler, no).length > 0);
      const { unitId } = await service.app.db.case.findUniqueOrThrow({ where: { trackingNo: no } });
      // The world's complaints all go to one unit: its handler, registered by the first case.
      const wangwu = await service.app.db.staffMember.upsert({
        where: { username: "wangwu" },
        create: {
          username: "wangwu",
          displayName: "王五",
          role: "handler",
          unitId,
          wecomUserId: handler,
        },
        update: {},
      });
      expect(wangwu.unitId).toBe(unitId);
      return { no, card: cardsAbout(handler, no)[0]!, unitId: unitId! };
    },
    async handlerOfAnotherUnit(unitId, userId) {
      const other = await service.app.db.unit.findFirstOrThrow({ where: { id: { not: unitId } } });
      await service.app.db.staffMember.create({
        data: {
          username: "zhaoliu",
          displayName: "赵六",
          role: "handler",
          unitId: other.id,
          wecomUserId: userId,
        },
      });
    },
    status: async (trackingNo) =>
      (await service.app.db.case.findUniqueOrThrow({ where: { trackingNo } })).status,
    stop,
  };
}
