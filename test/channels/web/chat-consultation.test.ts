/**
 * A question about a public matter in the web chat, over real HTTP against the whole service on
 * real SQLite: "请问今年新农合一年交多少钱，在哪交" is no complaint. The citizen is asked whether
 * they want to consult (the competent unit answers) or to report a problem; a consultation asks
 * only the county (to route it to the unit of the right level) and the contact — no place, time
 * or photos —, shows as 咨询 on the summary, and is stored as a consultation.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { receiptOf, WebCitizen } from "./web-citizen.ts";

describe("a consultation in the web chat", { timeout: 30_000 }, () => {
  let service: TestApp;
  let citizen: WebCitizen;

  beforeAll(async () => {
    service = await startTestApp();
    citizen = new WebCitizen(service.url);
    await citizen.open();
    await citizen.start();
  });

  it("asks whether the question is a consultation or a complaint", async () => {
    await citizen.say("请问今年新农合一年交多少钱，在哪交");
    expect(citizen.text).toBe("您是想咨询（由主管部门答复您），还是要反映问题？");
    expect(citizen.labels).toEqual(["咨询", "反映问题"]);
  });

  it("asks the county, then the contact: no place, time or photos", async () => {
    await citizen.tap("咨询");
    // The category is still chosen: it decides the unit that answers.
    await citizen.tap("医院服务、医疗纠纷、无证诊所、疫苗、医保报销等");
    expect(citizen.text).toBe("您问的是哪个县区的事？请点一下，好转给那里的主管部门答复您：");
    await citizen.tap("郸城县");
    expect(citizen.text).toContain("请留下您的姓名和电话");
    await citizen.ok({ type: "contact", phone: "13812345678", name: "王大爷" });
    expect(citizen.text).toBe(
      [
        "请看一下，内容对不对：",
        "",
        "【什么事】请问今年新农合一年交多少钱，在哪交",
        "【类型】咨询（由主管部门答复您）",
        "【类别】卫生健康",
        "【县区】郸城县",
        "【联系方式】王大爷，13812345678",
        "",
        "没问题就点“提交”。",
      ].join("\n"),
    );
  });

  it("files a consultation, answered within 5 working days once accepted", async () => {
    await citizen.tap("提交");
    expect(citizen.text).toContain("2. 受理后，由主管部门在 5 个工作日内答复您的咨询");
    const { trackingNo } = receiptOf(citizen);
    const stored = await service.app.db.case.findUniqueOrThrow({ where: { trackingNo } });
    expect(stored).toMatchObject({
      requestKind: "consultation",
      categoryCode: "health",
      regionCode: "dancheng",
      occurredAt: null,
      occurredText: null,
    });
  });
});

describe("a question the citizen files as a complaint after all", { timeout: 30_000 }, () => {
  it("goes on as any complaint: the place is asked", async () => {
    const service = await startTestApp();
    const citizen = new WebCitizen(service.url);
    await citizen.open();
    await citizen.start();
    await citizen.say("办居住证需要啥手续");
    await citizen.tap("反映问题");
    await citizen.tap("对，就是这个");
    expect(citizen.text).toContain("这件事发生在哪里？");
  });
});
