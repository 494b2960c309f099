/**
 * A citizen who types in traditional characters (繁體) outside the conversation — the status
 * page's 补充情况 and rating forms, the reason typed after the rating buttons in the web chat,
 * words typed where the chat asks how satisfied — is kept as the conversation keeps them: in
 * simplified characters, the ones the staff read and search. Over real HTTP against the whole
 * service, with real storage.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerCase } from "../../support/answered-case.ts";
import type { TestApp } from "../../support/test-app.ts";
import {
  additionsOf,
  fileAndReceiveAnswer,
  postForm,
  postMultipartForm,
  startWithFiledComplaint,
  WebCitizen,
  type WebFiling,
} from "./web-citizen.ts";

/** The case's page on the status page, and the CSRF token of its forms. */
async function statusPage(citizen: WebCitizen, filed: WebFiling): Promise<string> {
  const page = await postForm(citizen, "/status", {
    trackingNo: filed.trackingNo,
    queryCode: filed.code,
  });
  return /name="_csrf" value="([^"]+)"/.exec(page.html)![1]!;
}

const latestRating = (service: TestApp, trackingNo: string) =>
  service.app.db.rating.findFirstOrThrow({
    where: { case: { trackingNo } },
    orderBy: { createdAt: "desc" },
  });

describe("words in traditional characters outside the conversation", { timeout: 60_000 }, () => {
  let service: TestApp;
  let citizen: WebCitizen;
  let filed: WebFiling;

  beforeAll(async () => {
    ({ service, citizen, filed } = await startWithFiledComplaint());
  });
  afterAll(() => service.stop());

  it("are kept in simplified ones when added on the status page (补充情况)", async () => {
    const csrf = await statusPage(citizen, filed);
    const page = await postMultipartForm(
      citizen,
      "/status/supplement",
      {
        trackingNo: filed.trackingNo,
        queryCode: filed.code,
        lang: "zh",
        _csrf: csrf,
        text: "坑邊上又塌了一塊，晚上過路的人看不見",
      },
      "photos",
      [],
    );
    expect(page.status).toBe(200);
    const [added] = await additionsOf(service, filed.trackingNo);
    expect(added?.data).toMatchObject({ text: "坑边上又塌了一块，晚上过路的人看不见" });
  });

  it("are kept in simplified ones as the reason of a rating on the status page", async () => {
    await answerCase(service.app, filed.trackingNo);
    const csrf = await statusPage(citizen, filed);
    const rated = await postForm(citizen, "/status/rate", {
      trackingNo: filed.trackingNo,
      queryCode: filed.code,
      _csrf: csrf,
      solved: "no",
      satisfaction: "dissatisfied",
      reason: "只填了一半，下雨又積水了，說好的護欄也沒裝",
    });
    expect(rated.status).toBe(200);
    expect(await latestRating(service, filed.trackingNo)).toMatchObject({
      solved: false,
      reason: "只填了一半，下雨又积水了，说好的护栏也没装",
    });
  });

  it("are kept in simplified ones as the reason typed after the web chat's rating buttons", async () => {
    const other = new WebCitizen(service.url);
    const answered = await fileAndReceiveAnswer(service, other);
    await other.tap("未解决");
    await other.tap("不满意");
    expect(other.text).toContain("哪里没有解决或不满意");
    await other.say("路燈只亮了一天又壞了，晚上還是黑的");
    expect(other.text).toContain("已记录您的意见");
    expect(await latestRating(service, answered.trackingNo)).toMatchObject({
      reason: "路灯只亮了一天又坏了，晚上还是黑的",
    });
  });

  it("are kept in simplified ones on the case when typed where the web chat asks how satisfied", async () => {
    const other = new WebCitizen(service.url);
    const answered = await fileAndReceiveAnswer(service, other);
    await other.tap("未解决");
    await other.say("燈是換了，可是晚上還是一會兒亮一會兒不亮");
    const commented = await service.app.db.timelineEntry.findFirstOrThrow({
      where: { case: { trackingNo: answered.trackingNo }, kind: "answer_commented" },
    });
    expect(commented.data).toEqual({ text: "灯是换了，可是晚上还是一会儿亮一会儿不亮" });
  });
});
