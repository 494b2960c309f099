/**
 * Questions to the service on WeChat (微信客服), with the real WeCom client against the fake WeCom
 * server: after filing about the street lamp the citizen asks who handles it, whether they may
 * stay anonymous and what to do if not satisfied — each answered with the product's facts and
 * their case, nothing offered for filing; in the middle of a second filing a question is
 * answered and the draft's question asked again; a question-shaped complaint is offered for filing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileComplaint, startWeComCitizenWorld, type WeComCitizenWorld } from "./wecom-citizen.ts";

describe("questions to the service on WeChat", { timeout: 60_000 }, () => {
  let world: WeComCitizenWorld;
  let trackingNo: string;

  // Filing over WeCom is a dozen callbacks and replies: on a busy machine, over a minute.
  beforeAll(async () => {
    world = await startWeComCitizenWorld();
    trackingNo = await fileComplaint(world.citizen);
  }, 120_000);
  afterAll(() => world.stop());

  it("answers who handles the case, with the case not yet routed", async () => {
    await world.citizen.say("谁来处理我的事？");
    expect(world.citizen.text).toContain("按属地管理、分级负责转给负责的部门办理");
    expect(world.citizen.text).toContain(`您的事（编号 ${trackingNo}）还没有转给办理单位。`);
    expect(world.citizen.text).not.toContain("新的反映");
  });

  it("answers whether one may stay anonymous and what follows an unsatisfying answer", async () => {
    await world.citizen.say("可以匿名吗");
    expect(world.citizen.text).toContain("问到联系方式时点“匿名反映”就行");
    await world.citizen.say("不满意怎么办");
    expect(world.citizen.text).toContain("答复后 30 天内可以申请复查");
    expect(world.citizen.text).not.toContain("新的反映");
  });

  it("answers in the middle of filing and asks the draft's question again", async () => {
    await world.citizen.click("我要反映问题");
    await world.citizen.say("人民路菜市场门口的井盖松了，一踩就响");
    await world.citizen.say("能打电话吗");
    expect(world.citizen.text).toContain("不能打电话");
    expect(world.citizen.text).toContain("【市政市容】");
  });

  it("offers a complaint that looks like a question for filing", async () => {
    await world.citizen.say("取消");
    await world.citizen.click("确定，不提交了");
    await world.citizen.say("为什么路灯一直不修?");
    expect(world.citizen.text).toContain("新的反映");
    expect(world.citizen.text).not.toContain("按《信访工作条例》");
  });
});
