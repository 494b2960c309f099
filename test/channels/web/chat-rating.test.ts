/**
 * Rating an answer in the web chat, over real HTTP against the whole service:
 * the buttons under the answer notice, the reason typed after a negative
 * rating, the review request, and the rating on the status page. Words typed where it asks
 * how satisfied are recorded on the case at once (the console shows them, masked for the unit),
 * and go with a rating tapped after them as its reason.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerCase, answerReview } from "../../support/answered-case.ts";
import { signedInClerk, signedInStaff, type ConsoleClient } from "../../console/console-world.ts";
import { deliver } from "../../support/outbox.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import {
  PNG_BYTES,
  WebCitizen,
  fileAndReceiveAnswer,
  fileComplaint,
  postForm,
  startWithFiledComplaint,
  type WebFiling,
} from "./web-citizen.ts";

describe("rating an answer in the web chat", { timeout: 30_000 }, () => {
  let service: TestApp;
  let citizen: WebCitizen;
  let filed: WebFiling;

  beforeAll(async () => {
    ({ service, citizen, filed } = await startWithFiledComplaint());
    await answerCase(service.app, filed.trackingNo);
  });
  afterAll(() => service.stop());

  it("asks whether it was solved under the answer, then how satisfied", async () => {
    await deliver(service);
    const notices = (await citizen.poll()).messages.filter((m) => m.author === "notice");
    const question = notices.at(-1)!;
    expect(question.text).toBe("请告诉我们：您反映的问题解决了吗？");
    expect(question.choices?.flat().map((c) => c.label)).toEqual(["已解决", "未解决"]);
    expect(notices.map((m) => m.text).join("\n")).toContain("路灯已于今日修复");
    await citizen.tap("未解决");
    expect(citizen.text).toContain("您对这次办理满意吗");
    const own = [...citizen.messages.values()].filter((m) => m.author === "citizen").at(-1);
    expect(own).toMatchObject({ kind: "choice", text: "未解决" });
  });

  it("keeps another session's press out of the case", async () => {
    const stranger = new WebCitizen(service.url);
    await stranger.open();
    const button = [...citizen.messages.values()]
      .flatMap((m) => m.choices?.flat() ?? [])
      .find((c) => c.label === "不满意")!;
    await stranger.ok({ type: "choice", id: button.id });
    expect(stranger.text).toBe("操作没有成功，请稍后再试。");
    expect(await service.app.db.rating.count()).toBe(0);
  });

  it("records the rating, asks for a reason and offers a review", async () => {
    await citizen.tap("不满意");
    expect(citizen.text).toContain(`谢谢您的评价（编号 ${filed.trackingNo}）`);
    expect(citizen.text).toContain("哪里没有解决或不满意");
    const rating = await service.app.db.rating.findFirstOrThrow();
    expect(rating).toMatchObject({ solved: false, satisfaction: "dissatisfied", reason: null });

    await citizen.say("只修了一盏，另一盏还是不亮");
    expect(citizen.text).toContain("已记录您的意见");
    expect(await service.app.db.rating.findFirstOrThrow()).toMatchObject({
      reason: "只修了一盏，另一盏还是不亮",
    });

    await citizen.tap("不满意");
    expect(citizen.text).toBe("您已经评价过这次答复了。");
  });

  it("shows the rating on the status page", async () => {
    const response = await fetch(new URL("/status", service.url), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ trackingNo: filed.trackingNo, queryCode: filed.code }).toString(),
    });
    const html = await response.text();
    expect(html).toContain("您的评价");
    expect(html).toContain("未解决，不满意");
  });

  it("requests a review through the case actions", async () => {
    await citizen.tap("申请复查");
    const stored = await service.app.db.case.findUniqueOrThrow({
      where: { trackingNo: filed.trackingNo },
    });
    expect(stored.status).toBe("under_review");
    await citizen.tap("申请复查");
    expect(citizen.text).toContain("现在不能申请复查或复核");
  });

  it("offers the second review (复核), with its last day and who handles it, after an unsatisfied rating of the 复查 opinion", async () => {
    await answerReview(service.app, filed.trackingNo);
    await deliver(service);
    await citizen.poll();
    await citizen.tap("未解决");
    await citizen.tap("不满意");
    expect(citizen.text).toMatch(
      new RegExp(
        `如果您对编号 ${filed.trackingNo} 的复查意见仍然不服，可以在 \\d{4}年\\d{1,2}月\\d{1,2}日 前申请复核，由复查机关的上一级机关办理，30 天内给您复核意见，复核意见是最终意见：`,
      ),
    );
    expect(citizen.labels).toEqual(["申请复核"]);
    await citizen.say("复查了还是只修了一盏");
    expect(citizen.text).toContain("复查意见仍然不服");
    expect(citizen.labels).toEqual(["申请复核"]);

    await citizen.tap("申请复核");
    const own = [...citizen.messages.values()].filter((m) => m.author === "citizen").at(-1);
    expect(own).toMatchObject({ kind: "choice", text: "申请复核" });
    expect(
      await service.app.db.case.findUniqueOrThrow({
        where: { trackingNo: filed.trackingNo },
        select: { status: true, reviewStage: true },
      }),
    ).toEqual({ status: "under_review", reviewStage: 2 });
  });
});

describe("a reason typed in the web chat that reads as a new matter", { timeout: 30_000 }, () => {
  let service: TestApp;
  let citizen: WebCitizen;
  let filed: WebFiling;

  beforeAll(async () => {
    ({ service, citizen, filed } = await startWithFiledComplaint((citizen, service) =>
      fileAndReceiveAnswer(service, citizen),
    ));
  });
  afterAll(() => service.stop());

  it("is kept as the reason and offered for filing beside it", async () => {
    await citizen.tap("未解决");
    await citizen.tap("不满意");
    expect(citizen.text).toContain("哪里没有解决或不满意");

    const words = "我家楼下的下水道堵了，臭得很，在川汇区人民路";
    await citizen.say(words);
    expect(await service.app.db.rating.findFirstOrThrow()).toMatchObject({ reason: words });
    expect(citizen.text).toContain("已记录您的意见");
    expect(citizen.text).toContain("这听起来也像是一件新的事");
    expect(citizen.text).toContain("要把这件事作为一条新的反映吗？");
    const own = [...citizen.messages.values()].filter((m) => m.author === "citizen");
    expect(own.at(-1)).toMatchObject({ text: words });

    await citizen.tap("是，开始反映");
    const dialogues = await service.app.db.dialogueState.findMany({ where: { channel: "web" } });
    expect(
      dialogues.map((d) => (d.state as { draft?: { description?: string } }).draft),
    ).toContainEqual(expect.objectContaining({ description: words }));
    // The review stays in reach under the reason's thanks.
    await citizen.tap("申请复查");
    expect(
      (await service.app.db.case.findUniqueOrThrow({ where: { trackingNo: filed.trackingNo } }))
        .status,
    ).toBe("under_review");
  });
});

describe(
  "a reason typed in the web chat about a matter of another kind",
  { timeout: 30_000 },
  () => {
    let service: TestApp;
    let citizen: WebCitizen;

    beforeAll(async () => {
      ({ service, citizen } = await startWithFiledComplaint((citizen, service) =>
        fileAndReceiveAnswer(service, citizen),
      ));
    });
    afterAll(() => service.stop());

    it("is kept as the reason and offered for filing, though it names no place", async () => {
      await citizen.tap("未解决");
      await citizen.tap("不满意");

      // The case answered was a street light's; unpaid wages are another matter.
      const words = "还有个事，工地欠俺们工资仨月了，老板不露面";
      await citizen.say(words);
      expect(await service.app.db.rating.findFirstOrThrow()).toMatchObject({ reason: words });
      expect(citizen.text).toContain("已记录您的意见");
      expect(citizen.text).toContain("这听起来也像是一件新的事");
    });
  },
);

describe("words typed where the web chat asks how satisfied", { timeout: 30_000 }, () => {
  let service: TestApp;
  let citizen: WebCitizen;

  beforeAll(async () => {
    ({ service, citizen } = await startWithFiledComplaint((citizen, service) =>
      fileAndReceiveAnswer(service, citizen),
    ));
  });
  afterAll(() => service.stop());

  it("are recorded on the case, kept for the rating, the question asked again", async () => {
    await citizen.tap("未解决");
    const words = "灯是换了，可是晚上还是一会儿亮一会儿不亮，他们根本没来看过";
    await citizen.say(words);
    expect(citizen.text).toContain(
      "您说的话已经记在这件事上，工作人员看得到。您对这次办理满意吗？",
    );
    expect(citizen.text).toContain("您说的话也会作为评价的理由");
    expect(citizen.text).not.toContain("新的反映");
    expect(await service.app.db.rating.count()).toBe(0);

    await citizen.say("还有，修的人连个电话都没打");
    await citizen.tap("不满意");
    // Each message is on the case already: the rating does not copy them as its reason.
    expect(await service.app.db.rating.findFirstOrThrow()).toMatchObject({
      solved: false,
      satisfaction: "dissatisfied",
      reason: null,
    });
    const comments = await service.app.db.timelineEntry.findMany({
      where: { kind: "answer_commented" },
      orderBy: { at: "asc" },
    });
    expect(comments.map((e) => e.data)).toEqual([
      { text: words },
      { text: "还有，修的人连个电话都没打" },
    ]);
    expect(citizen.text).toContain("您说的情况已经和评价一起记下");
    expect(citizen.text).not.toContain("哪里没有解决");
    expect(citizen.labels).toContain("申请复查");
  });

  it("are offered for filing too when they read as a new matter", async () => {
    const other = new WebCitizen(service.url);
    await fileAndReceiveAnswer(service, other);
    await other.tap("未解决");
    const words = "我家楼下的下水道堵了，臭得很，在川汇区人民路";
    await other.say(words);
    expect(other.text).toContain("您说的话已经记在这件事上，工作人员看得到。您对这次办理满意吗？");
    expect(other.text).toContain("要把这件事作为一条新的反映吗？");
    await other.tap("是，开始反映");
    const dialogues = await service.app.db.dialogueState.findMany({ where: { channel: "web" } });
    expect(
      dialogues.map((d) => (d.state as { draft?: { description?: string } }).draft),
    ).toContainEqual(expect.objectContaining({ description: words }));
  });

  it("are never lost when no button is tapped: on the case for the clerk, masked for the unit", async () => {
    const other = new WebCitizen(service.url);
    const { trackingNo } = await fileAndReceiveAnswer(service, other);
    await other.tap("已解决");
    const words = "修是修了，我是王芳，电话13812345678，师傅态度不太好";
    await other.say(words);
    expect(await service.app.db.rating.count({ where: { case: { trackingNo } } })).toBe(0);

    const clerk = await signedInClerk(service.app.db, service.url);
    const entry = async (staff: ConsoleClient) =>
      (await staff.get(`/api/cases/${trackingNo}`)).json.timeline.find(
        (e: { kind: string }) => e.kind === "answer_commented",
      );
    expect(await entry(clerk)).toMatchObject({ actorKind: "citizen", data: { text: words } });
    const unitId = service.app.directory.units[0]!.id;
    const handler = await signedInStaff(service.app.db, service.url, "zhao", unitId);
    expect((await entry(handler)).data.text).toBe(
      "修是修了，我是**，电话***********，师傅态度不太好",
    );
  });

  it("rate when they say how satisfied, and the reason is asked as after the button", async () => {
    const other = new WebCitizen(service.url);
    await fileAndReceiveAnswer(service, other);
    await other.tap("未解决");
    await other.say("不太满意");
    const [, rating] = await service.app.db.rating.findMany({ orderBy: { createdAt: "asc" } });
    expect(rating).toMatchObject({ solved: false, satisfaction: "dissatisfied", reason: null });
    expect(other.text).toContain("哪里没有解决或不满意");
    await other.say("修的人没来");
    expect(
      (await service.app.db.rating.findUniqueOrThrow({ where: { id: rating!.id } })).reason,
    ).toBe("修的人没来");
  });

  it("show staff the reason typed after a rating, masked for the unit", async () => {
    const other = new WebCitizen(service.url);
    const { trackingNo } = await fileAndReceiveAnswer(service, other);
    await other.tap("未解决");
    await other.tap("不满意");
    const reason = "灯还是不亮，我是王芳，电话13812345678";
    await other.say(reason);
    expect(other.text).toContain("已记录您的意见");

    const clerk = await signedInClerk(service.app.db, service.url, "sun");
    expect((await clerk.get(`/api/cases/${trackingNo}`)).json.ratingReason).toBe(reason);
    const unitId = service.app.directory.units[0]!.id;
    const handler = await signedInStaff(service.app.db, service.url, "qian", unitId);
    expect((await handler.get(`/api/cases/${trackingNo}`)).json.ratingReason).toBe(
      "灯还是不亮，我是**，电话***********",
    );
  });
});

describe(
  "a question to the service typed at a rating question in the web chat",
  { timeout: 30_000 },
  () => {
    let service: TestApp;

    beforeAll(async () => {
      service = await startTestApp();
    });
    afterAll(() => service.stop());

    it("is answered at the satisfaction question, never recorded, and the buttons asked again", () =>
      answeredAtTheSatisfaction(service, "不满意怎么办", "天内可以申请复查"));

    it("is answered at the reason question, which stays open for the reason", async () => {
      const citizen = new WebCitizen(service.url);
      const { trackingNo } = await fileAndReceiveAnswer(service, citizen);
      await citizen.tap("未解决");
      await citizen.tap("不满意");
      await citizen.say("要花钱吗");
      expect(citizen.text).toContain("不收任何费用");
      expect(citizen.text).toContain("哪里没有解决或不满意");
      const reasonOf = async () =>
        (await service.app.db.rating.findFirstOrThrow({ where: { case: { trackingNo } } })).reason;
      expect(await reasonOf()).toBeNull();

      await citizen.say("修的人根本没来");
      expect(await reasonOf()).toBe("修的人根本没来");
    });
  },
);

describe(
  "a look at the citizen's cases typed where the web chat asks how satisfied",
  { timeout: 30_000 },
  () => {
    let service: TestApp;

    beforeAll(async () => {
      service = await startTestApp();
    });
    afterAll(() => service.stop());

    it.each([["我的事办得怎么样了"], ["查看我反映过的事"], ["/status"]])(
      "answers %s with the cases, records nothing, and asks the buttons again",
      (words) => answeredAtTheSatisfaction(service, words, null),
    );
  },
);

/**
 * `words` typed after 未解决 are answered (with `answered`, or null: the citizen's cases, the
 * case's number in them), never recorded, and the satisfaction buttons asked again, which then rate.
 */
async function answeredAtTheSatisfaction(
  service: TestApp,
  words: string,
  answered: string | null,
): Promise<void> {
  const citizen = new WebCitizen(service.url);
  const { trackingNo } = await fileAndReceiveAnswer(service, citizen);
  await citizen.tap("未解决");
  await citizen.say(words);
  expect(citizen.text).toContain(answered ?? trackingNo);
  expect(citizen.text).toContain("您对这次办理满意吗？");
  expect(citizen.labels).toEqual(expect.arrayContaining(["满意", "基本满意", "不满意"]));
  const comments = await service.app.db.timelineEntry.count({
    where: { case: { trackingNo }, kind: "answer_commented" },
  });
  expect(comments).toBe(0);

  await citizen.tap("不满意");
  const rating = await service.app.db.rating.findFirstOrThrow({
    where: { case: { trackingNo } },
  });
  expect(rating).toMatchObject({ solved: false, satisfaction: "dissatisfied", reason: null });
  expect(citizen.text).toContain("哪里没有解决或不满意");
}

describe("the citizen's own words about the answer in their history", { timeout: 30_000 }, () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp();
  });
  afterAll(() => service.stop());

  it("shows them back, unmasked, in the chat's case history and on the status page", async () => {
    const citizen = new WebCitizen(service.url);
    const { trackingNo, code } = await fileAndReceiveAnswer(service, citizen);
    await citizen.tap("已解决");
    const words = "修是修了，我是王芳，师傅态度不太好";
    await citizen.say(words);
    await citizen.tap("基本满意");

    await citizen.say("查看我反映过的事");
    await citizen.tap(`查看 ${trackingNo}`);
    expect(citizen.text).toContain(`您对答复的意见：${words}`);
    const { html } = await postForm(citizen, "/status", { trackingNo, queryCode: code });
    expect(html).toContain("您对答复的意见");
    expect(html).toContain(words);
  });

  it("shows them once on the console's case page, on the case and not copied into the rating tapped after them", async () => {
    const citizen = new WebCitizen(service.url);
    const { trackingNo } = await fileAndReceiveAnswer(service, citizen);
    await citizen.tap("未解决");
    const words = "灯还是一会儿亮一会儿不亮，他们根本没来看过";
    await citizen.say(words);
    await citizen.tap("不满意");
    expect(
      (await service.app.db.rating.findFirstOrThrow({ where: { case: { trackingNo } } })).reason,
    ).toBeNull();

    const clerk = await signedInClerk(service.app.db, service.url);
    const page = JSON.stringify((await clerk.get(`/api/cases/${trackingNo}`)).json);
    expect(page.split(words)).toHaveLength(2);
  });
});

describe("a rating button of a case not answered yet", { timeout: 30_000 }, () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp();
  });
  afterAll(() => service.stop());

  /** A citizen's complaint filed, and nothing answered yet. */
  async function filedNotAnswered() {
    const citizen = new WebCitizen(service.url);
    return { citizen, filed: await fileComplaint(citizen) };
  }

  it("tells the citizen it can be rated once there is an answer, and rates nothing", async () => {
    const { citizen, filed } = await filedNotAnswered();
    // A button as a stale or forged page would send it: the case has no answer to rate.
    await citizen.ok({ type: "choice", id: `k:sf:${filed.trackingNo}:0:d` });
    expect(citizen.text).toBe("这件事现在不能评价：有了新的答复以后，才能评价。");
    expect(await service.app.db.rating.count()).toBe(0);
  });

  it("refuses 已解决 at once, asks nothing, and takes the words after it as any words", async () => {
    const { citizen, filed } = await filedNotAnswered();
    await citizen.ok({ type: "choice", id: `k:sv:${filed.trackingNo}:1` });
    expect(citizen.text).toBe("这件事现在不能评价：有了新的答复以后，才能评价。");
    expect(citizen.labels).not.toContain("满意");

    // No satisfaction question was left open: words are not kept as a comment on an answer.
    await citizen.say("修好了没有啊");
    expect(citizen.text).not.toContain("您说的话已经记在这件事上");
    expect(await service.app.db.rating.count()).toBe(0);
  });
});

describe("a photo sent where the web chat asks about the answer", { timeout: 30_000 }, () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp();
  });
  afterAll(() => service.stop());

  /** The photos kept about the answer (the complaint's own photo aside). */
  const attachmentsOf = (trackingNo: string) =>
    service.app.db.attachment.findMany({
      where: { case: { trackingNo }, ratingStage: { not: null } },
    });

  it("is recorded on the case where it asks how satisfied, and the buttons asked again", async () => {
    const citizen = new WebCitizen(service.url);
    const { trackingNo } = await fileAndReceiveAnswer(service, citizen);
    await citizen.tap("未解决");
    expect((await citizen.upload(PNG_BYTES, "still-dark.png", "image/png")).status).toBe(200);
    expect(citizen.text).toBe(
      "照片已经记在这件事上，工作人员看得到。您对这次办理满意吗？请点下面的按钮：",
    );
    expect(citizen.labels).toEqual(["满意", "基本满意", "不满意"]);
    const [attached] = await attachmentsOf(trackingNo);
    expect(attached).toMatchObject({ ratingStage: 0, mimeType: "image/png" });
    const comment = await service.app.db.timelineEntry.findFirstOrThrow({
      where: { case: { trackingNo }, kind: "answer_commented" },
    });
    expect(comment.data).toEqual({ text: null, photoIds: [attached!.fileId] });

    const clerk = await signedInClerk(service.app.db, service.url);
    const detail = (await clerk.get(`/api/cases/${trackingNo}`)).json;
    expect(detail.photoRefs).toContainEqual(
      expect.objectContaining({ id: attached!.id, ratingStage: 0 }),
    );

    // A photo says no words: what was wrong is still asked after the rating.
    await citizen.tap("不满意");
    expect(await service.app.db.rating.count({ where: { case: { trackingNo } } })).toBe(1);
    expect(citizen.text).toContain("哪里没有解决或不满意");
  });

  it("is kept with the rating where it asks what was wrong, which is asked again", async () => {
    const citizen = new WebCitizen(service.url);
    const { trackingNo } = await fileAndReceiveAnswer(service, citizen);
    await citizen.tap("未解决");
    await citizen.tap("不满意");
    expect((await citizen.upload(PNG_BYTES, "still-dark.png", "image/png")).status).toBe(200);
    expect(citizen.text).toContain("1 张照片已经跟您的评价一起保存，工作人员看得到。");
    expect(citizen.text).toContain("哪里没有解决或不满意");
    expect(citizen.text).not.toContain("请先用文字");
    expect((await attachmentsOf(trackingNo)).map((a) => a.ratingStage)).toEqual([0]);

    await citizen.say("晚上去看了，灯还是不亮");
    const rating = await service.app.db.rating.findFirstOrThrow({
      where: { case: { trackingNo } },
    });
    expect(rating.reason).toBe("晚上去看了，灯还是不亮");
  });
});
