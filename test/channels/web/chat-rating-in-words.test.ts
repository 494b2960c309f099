/**
 * Rating an answer by typing in the web chat, over real HTTP against the whole service: an
 * elderly citizen writes "还是没修好" instead of tapping the buttons under the answer, says
 * yes to the rating offered, and the rating is stored as the buttons store it (the case's
 * rating row, once), with the review offered and the reason asked after it. Words that say more
 * than a positive rating ("师傅人很好") are kept with it as its remark, which staff read where
 * they read a negative rating's reason.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { signedInClerk } from "../../console/console-world.ts";
import type { TestApp } from "../../support/test-app.ts";
import {
  fileAndReceiveAnswer,
  startWithFiledComplaint,
  WebCitizen,
  type WebFiling,
} from "./web-citizen.ts";

describe("rating an answer in words in the web chat", { timeout: 30_000 }, () => {
  let service: TestApp;
  let citizen: WebCitizen;
  let filed: WebFiling;

  beforeAll(async () => {
    ({ service, citizen, filed } = await startWithFiledComplaint((citizen, service) =>
      fileAndReceiveAnswer(service, citizen),
    ));
  });

  it("offers the words as a rating and stores nothing before a yes", async () => {
    await citizen.say("还是没修好");
    expect(citizen.text).toBe(`要把诉求 ${filed.trackingNo} 的答复评为「未解决，不满意」吗？`);
    expect(await service.app.db.rating.count()).toBe(0);
  });

  it("stores the rating on a typed yes, as the buttons would, and offers a review", async () => {
    await citizen.say("是");
    expect(citizen.text).toContain(`谢谢您的评价（编号 ${filed.trackingNo}）`);
    expect(await service.app.db.rating.findFirstOrThrow()).toMatchObject({
      solved: false,
      satisfaction: "dissatisfied",
      reviewStage: 0,
    });
    const timeline = await service.app.db.timelineEntry.findMany({
      where: { case: { trackingNo: filed.trackingNo }, kind: "rated" },
    });
    expect(timeline).toHaveLength(1);
    expect(citizen.text).toContain(
      `请直接回复，说说编号 ${filed.trackingNo} 哪里没有解决或不满意，我们会认真改进：`,
    );
  });

  it("keeps the citizen's next words as the rating's reason, as after the buttons", async () => {
    await citizen.say("路灯晚上还是不亮，根本没人来修过");
    expect(citizen.text).toContain("已记录您的意见，谢谢。");
    expect(await service.app.db.rating.findFirstOrThrow()).toMatchObject({
      reason: "路灯晚上还是不亮，根本没人来修过",
    });
  });

  it("keeps to one rating: the buttons under the answer are refused afterwards", async () => {
    // Refused at the first tap: the satisfaction is not asked.
    await citizen.tap("未解决");
    expect(citizen.text).toBe("您已经评价过这次答复了。");
    expect(citizen.labels).not.toContain("满意");
    await citizen.say("不满意");
    expect(citizen.text).toContain(`您是在说 ${filed.trackingNo} 的答复吧`);
    expect(await service.app.db.rating.count()).toBe(1);
  });

  it("requests the review through the case actions", async () => {
    await citizen.tap("申请复查");
    const stored = await service.app.db.case.findUniqueOrThrow({
      where: { trackingNo: filed.trackingNo },
    });
    expect(stored.status).toBe("under_review");
    expect(citizen.text).toContain(`已为编号 ${filed.trackingNo} 申请复查`);
  });

  it("keeps a positive rating's words as its remark, shown to the clerk under the rating", async () => {
    const other = new WebCitizen(service.url);
    const { trackingNo } = await fileAndReceiveAnswer(service, other);
    const words = "修好了，师傅人很好，谢谢你们";
    await other.say(words);
    expect(other.text).toBe(`要把诉求 ${trackingNo} 的答复评为「已解决，满意」吗？`);
    await other.say("是");
    expect(other.text).toContain("您说的情况已经和评价一起记下，工作人员会看到。");
    expect(other.text).not.toContain("哪里没有解决");
    const rating = await service.app.db.rating.findFirstOrThrow({
      where: { case: { trackingNo } },
    });
    expect(rating).toMatchObject({ solved: true, satisfaction: "satisfied", reason: words });
    const clerk = await signedInClerk(service.app.db, service.url, "sun");
    expect((await clerk.get(`/api/cases/${trackingNo}`)).json.ratingReason).toBe(words);
  });
});

describe("asking for a review in words in the web chat", { timeout: 30_000 }, () => {
  let service: TestApp;
  let citizen: WebCitizen;
  let filed: WebFiling;

  beforeAll(async () => {
    ({ service, citizen, filed } = await startWithFiledComplaint((citizen, service) =>
      fileAndReceiveAnswer(service, citizen),
    ));
  });

  it("offers the review with its last day, not a new complaint, and asks for it on the tap", async () => {
    await citizen.say("我要申请复查");
    expect(citizen.text).toContain(`对编号 ${filed.trackingNo} 的答复不服的，可以申请复查，最晚`);
    expect(citizen.text).not.toContain("新的反映");
    await citizen.tap("申请复查");
    const stored = await service.app.db.case.findUniqueOrThrow({
      where: { trackingNo: filed.trackingNo },
    });
    expect(stored.status).toBe("under_review");
    expect(citizen.text).toContain(`已为编号 ${filed.trackingNo} 申请复查`);
  });

  it("then shows the case as under review (复查), with the day its opinion is due", async () => {
    await citizen.say(`${filed.trackingNo}怎么样了`);
    expect(citizen.text).toMatch(/现在：正在复查\n最晚 \d{4}年\d{1,2}月\d{1,2}日 前给您意见。/);
  });
});
