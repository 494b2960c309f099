/**
 * A question about a public matter in the web chat, over real HTTP against the whole service on
 * real SQLite: "请问今年新农合一年交多少钱，在哪交" is no complaint. The citizen is asked whether
 * they want to consult (the competent unit answers) or to report a problem; a consultation asks
 * only the county (to route it to the unit of the right level) and the contact — no place, time
 * or photos —, shows as 咨询 on the summary, and is stored as a consultation.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { answerCase } from "../../support/answered-case.ts";
import { deliver } from "../../support/outbox.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { postForm, receiptOf, WebCitizen, type WebFiling } from "./web-citizen.ts";

/** What calls the citizen's own matter a 反映 or a complaint (a new 反映 may still be offered). */
const SAID_OF_A_COMPLAINT = /您反映|您的反映|感谢您的反映|的反映是|投诉|提交了反映/u;

describe("a consultation in the web chat", { timeout: 30_000 }, () => {
  let service: TestApp;
  let citizen: WebCitizen;
  let filed: WebFiling;

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
    filed = receiptOf(citizen);
    const { trackingNo } = filed;
    const stored = await service.app.db.case.findUniqueOrThrow({ where: { trackingNo } });
    expect(stored).toMatchObject({
      requestKind: "consultation",
      categoryCode: "health",
      regionCode: "dancheng",
      occurredAt: null,
      occurredText: null,
    });
  });

  it("speaks of the question in every notice up to the rating question, never of a 反映", async () => {
    await answerCase(service.app, filed.trackingNo, "每人每年380元，在村卫生室交。");
    await deliver(service);
    const notices = (await citizen.poll()).messages.filter((m) => m.author === "notice");

    expect(notices.map((n) => n.text).join("\n")).not.toMatch(SAID_OF_A_COMPLAINT);
    expect(notices.at(0)?.text).toContain(`您的咨询（编号 ${filed.trackingNo}）已受理`);
    expect(notices.at(-1)?.text).toBe("请告诉我们：您咨询的问题解决了吗？");
  });

  it("shows the question asked in the chat's case view", async () => {
    await citizen.say(`查看 ${filed.trackingNo}`);

    expect(citizen.text).toContain("您提交了咨询");
    expect(citizen.text).not.toMatch(SAID_OF_A_COMPLAINT);
  });

  it("shows the question asked on the status page, and asks whether the answer settled it", async () => {
    const page = await postForm(citizen, "/status", { ...asStatusForm(filed), lang: "zh" });
    const words = page.html.replace(/<[^>]+>/g, " ");

    expect(words).toContain("您提交了咨询");
    expect(words).toContain("您咨询的问题解决了吗？");
    expect(words).not.toMatch(SAID_OF_A_COMPLAINT);
  });
});

describe("a consultation's kind of matter, chosen by the citizen", { timeout: 30_000 }, () => {
  it("is asked of the question, and so is the list after 不对，我自己选", async () => {
    const service = await startTestApp();
    const citizen = new WebCitizen(service.url);
    await citizen.open();
    await citizen.start();
    await citizen.say("办居住证需要啥手续");
    await citizen.tap("咨询");
    expect(citizen.text).toMatch(/^我理解您问的是【.+】方面的事/u);

    await citizen.tap("不对，我自己选");

    expect(citizen.text).toBe("您问的是哪方面的事？请选一个最接近的：");
  });
});

/** The fields the status page's look-up form posts. */
function asStatusForm({ trackingNo, code }: WebFiling) {
  return { trackingNo, queryCode: code };
}

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

describe("a question asked without a name or phone", { timeout: 30_000 }, () => {
  it("is asked anonymously (匿名咨询), and the receipt says the answer comes only in this chat", async () => {
    const service = await startTestApp();
    const citizen = new WebCitizen(service.url);
    await citizen.open();
    await citizen.start();
    await citizen.say("请问今年新农合一年交多少钱，在哪交");
    await citizen.tap("咨询");
    await citizen.tap("医院服务、医疗纠纷、无证诊所、疫苗、医保报销等");
    await citizen.tap("郸城县");
    expect(citizen.text).toContain("不想留也可以点“匿名咨询”。答复同样会在这里告诉您。");
    expect(citizen.labels).toContain("匿名咨询");
    expect(citizen.labels).not.toContain("匿名反映");

    await citizen.say("没有电话");
    expect(citizen.text).toContain("没有电话也能咨询");

    await citizen.tap("匿名咨询");
    await citizen.tap("提交");
    expect(citizen.text).toContain(
      "3. 您是匿名咨询的，答复只在这个对话里通知，请不要删掉这个对话。",
    );
  });
});
