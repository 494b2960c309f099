import { expect } from "vitest";
import { MovableClock } from "../../support/clock.ts";
import { startFakeWeCom, type AppSent, type FakeWeCom } from "../../support/fake-wecom.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { CALLBACK_PATH, deliver, WeComCitizen, weComSetup } from "./wecom-citizen.ts";

/**
 * The service with WeCom on: clerk 张三 (WeCom userid `zhangsan`) in the self-built app, every
 * unit handled by the WeCom userid `handler`, and a citizen writing to customer service.
 */
export interface WeComStaffWorld {
  readonly fake: FakeWeCom;
  readonly service: TestApp;
  readonly citizen: WeComCitizen;
  /** Posts a callback (a button press, an app message) as WeCom does; WeCom gets 200. */
  post(xml: string): Promise<void>;
  /** What the app sent `userId` of one message type, in order. */
  appSentTo(userId: string, msgtype: string): AppSent[];
  /** The texts the app sent `userId`, in order. */
  textsTo(userId: string): string[];
  /** The case's status now. */
  status(trackingNo: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startWeComStaffWorld(handler: string): Promise<WeComStaffWorld> {
  const clock = new MovableClock();
  const fake = await startFakeWeCom({ clock: () => clock.now().getTime() });
  const { wecom, sender } = weComSetup(fake, clock);
  const service = await startTestApp({
    wecom,
    clock,
    env: { WECOM_AGENT_ID: String(fake.agentId), WECOM_AGENT_SECRET: fake.agentSecret },
  });
  await service.app.db.staffMember.create({
    data: { username: "zhangsan", displayName: "张三", role: "clerk", wecomUserId: "zhangsan" },
  });
  await service.app.db.unit.updateMany({ data: { wecomUserIds: handler } });
  const current = () => ({ url: service.url, db: service.app.db });
  const appSentTo = (userId: string, msgtype: string) =>
    fake
      .appSent()
      .filter((m) => m.body.msgtype === msgtype && m.body.touser.split("|").includes(userId));
  return {
    fake,
    service,
    citizen: new WeComCitizen(fake, sender, current, clock, "wmCITIZEN1"),
    async post(xml) {
      const answer = await deliver(service.url, sender.post(CALLBACK_PATH, xml));
      expect(answer.status).toBe(200);
    },
    appSentTo,
    textsTo: (userId) =>
      appSentTo(userId, "text").map((m) => (m.body.text as { content: string }).content),
    status: async (trackingNo) =>
      (await service.app.db.case.findUniqueOrThrow({ where: { trackingNo } })).status,
    async stop() {
      await service.stop();
      await fake.close();
    },
  };
}
