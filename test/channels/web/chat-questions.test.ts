/**
 * Questions to the service in the web chat, over real HTTP against the whole service: a citizen
 * who filed about the dark street lamp asks how long it takes, which department has it, whether
 * others must file too, whether it costs anything. The answers are the product's facts with
 * their own case — its number, the unit the clerk routed it to, the day its answer is due, read
 * from the database — and nothing is filed or offered; "还要等多久？", "咋还没人来修" are
 * answered with the case the same way. In the middle of a second filing a
 * question is answered and the draft's question asked again; a complaint that looks like a
 * question is offered for filing as ever.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { formatDate } from "../../../src/i18n/format.ts";
import type { TestApp } from "../../support/test-app.ts";
import {
  routeToUnitWithChat,
  startWithFiledComplaint,
  type WebCitizen,
  type WebFiling,
} from "./web-citizen.ts";

describe("questions to the service in the web chat", { timeout: 30_000 }, () => {
  let service: TestApp;
  let citizen: WebCitizen;
  let filed: WebFiling;

  const cases = () => service.app.db.case.count();

  beforeAll(async () => {
    ({ service, citizen, filed } = await startWithFiledComplaint());
  });

  it("tells how long a received case takes, with the day acceptance is decided by", async () => {
    const row = await service.app.db.case.findUniqueOrThrow({
      where: { trackingNo: filed.trackingNo },
    });
    await citizen.say("要多久才有结果？");
    expect(citizen.text).toContain("收到后 15 天内决定是否受理；受理后 60 天内办结并答复");
    expect(citizen.text).toContain(
      `您的事（编号 ${filed.trackingNo}）正在等待受理，最晚 ${formatDate("zh", row.acceptanceDueAt)} 前决定是否受理。`,
    );
    expect(citizen.text).not.toContain("新的反映");
    expect(citizen.labels).toContain("我要反映问题");
  });

  it("names the unit the clerk routed the case to, and the day its answer is due", async () => {
    await routeToUnitWithChat(service, filed.trackingNo);
    const row = await service.app.db.case.findUniqueOrThrow({
      where: { trackingNo: filed.trackingNo },
      include: { unit: true },
    });
    await citizen.say("转给哪个部门了");
    expect(citizen.text).toContain(
      `您的事（编号 ${filed.trackingNo}）现在由${row.unit!.name}办理。`,
    );
    await citizen.say("多久能处理");
    expect(citizen.text).toContain(
      `（办理单位：${row.unit!.name}）正在办理，最晚 ${formatDate("zh", row.handlingDueAt!)} 前答复。`,
    );
  });

  it.each(["还要等多久？", "咋还没人来修"])(
    "answers %s with the case's unit and the day its answer is due, offering nothing to file",
    async (question) => {
      const row = await service.app.db.case.findUniqueOrThrow({
        where: { trackingNo: filed.trackingNo },
        include: { unit: true },
      });
      const before = await cases();
      await citizen.say(question);
      expect(citizen.text).toContain(
        `您的事（编号 ${filed.trackingNo}）（办理单位：${row.unit!.name}）正在办理，最晚 ${formatDate("zh", row.handlingDueAt!)} 前答复。`,
      );
      expect(citizen.labels).toEqual([`查看 ${filed.trackingNo}`]);
      expect(citizen.text).not.toContain("新的反映");
      expect(await cases()).toBe(before);
    },
  );

  it("tells a citizen whose neighbours have the same matter that they may join the case (附议)", async () => {
    const before = await cases();
    await citizen.say("我们楼里好几家都是一个小区的，他们也要登记吗");
    expect(citizen.text).toContain("是同一个问题（附议）");
    expect(citizen.text).toContain(`您这件事的编号是 ${filed.trackingNo}`);
    expect(citizen.text).not.toContain("新的反映");
    expect(await cases()).toBe(before);
  });

  it("answers whether it costs anything and whether one may stay anonymous", async () => {
    await citizen.say("要花钱吗");
    expect(citizen.text).toBe("不收任何费用。在这里反映、查进度、评价和申请复查，都是免费的。");
    await citizen.say("会不会泄露我的信息");
    expect(citizen.text).toContain("您的姓名、电话、身份证号都会遮住");
  });

  it("answers in the middle of filing, then asks the draft's question again with the draft kept", async () => {
    await citizen.tap("我要反映问题");
    await citizen.say("人民路菜市场门口的井盖松了，一踩就响");
    await citizen.tap("对，就是这个");
    await citizen.say("能不能不留名字");
    expect(citizen.text).toContain("问到联系方式时点“匿名反映”就行");
    expect(citizen.text).toContain("在哪里");
    await citizen.say("川汇区人民路菜市场门口");
    await citizen.fileAnywayIfOffered();
    expect(citizen.text).toContain("什么时候");
  });

  it("offers a complaint that looks like a question for filing", async () => {
    await citizen.say("取消");
    await citizen.tap("确定，不提交了");
    await citizen.say("为什么路灯一直不修?");
    expect(citizen.text).toContain("为什么路灯一直不修?");
    expect(citizen.text).toContain("新的反映");
    expect(citizen.text).not.toContain("按《信访工作条例》");
  });
});
