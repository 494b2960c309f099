/**
 * Adding to a complaint in the web chat (补充), over real HTTP against the whole service: after
 * filing about the dark street lamp, the citizen writes "补充一下：…" with what they saw since.
 * On their yes the words are kept with the case — a timeline entry holding them as data, through
 * the case actions as its citizen — the unit the case is with is told them (without the name or
 * phone the citizen wrote in), and the citizen's own history shows "您补充了：…" in the chat and
 * on the status page. A photo sent with the words is kept with them: attached to the case on the
 * yes, named in the timeline entry, counted in the unit's notice, captioned in the console. A
 * photo sent alone is added without words on 就补充照片. Nothing is stored before the yes. An
 * addition that tells of more households ("现在又多了二十多户") makes the case that group.
 * Words right after filing that only add a detail ("忘了说，是晚上十点以后") are suggested as an
 * addition (是，补充 / 不是，这是新的事); words of another kind keep both offers.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { renderOutboxPayload } from "../../../src/notifications/render.ts";
import { signedInClerk } from "../../console/console-world.ts";
import { expectErrorLogs } from "../../support/error-logs.ts";
import type { TestApp } from "../../support/test-app.ts";
import {
  additionsOf,
  PNG_BYTES,
  postForm,
  routeToUnitWithChat,
  startWithFiledComplaint,
  WebCitizen,
  type WebFiling,
} from "./web-citizen.ts";

const ADDITION = "我是王芳，电话13812345678。路灯旁边的井盖也松了，昨晚有人绊倒了";
const MASKED = "我是**，电话***********。路灯旁边的井盖也松了，昨晚有人绊倒了";

describe("adding to a complaint in the web chat", { timeout: 30_000 }, () => {
  let service: TestApp;
  let citizen: WebCitizen;
  let filed: WebFiling;

  const supplements = () => additionsOf(service, filed.trackingNo);

  beforeAll(async () => {
    ({ service, citizen, filed } = await startWithFiledComplaint());
    await routeToUnitWithChat(service, filed.trackingNo);
  });

  it("asks which case, with the words, before anything is stored", async () => {
    await citizen.say(`补充一下：${ADDITION}`);
    expect(citizen.text).toBe(
      `要把这段话补充到编号 ${filed.trackingNo}（市政市容）吗？\n“${ADDITION}”`,
    );
    expect(await supplements()).toEqual([]);
  });

  it("keeps the words with the case on a yes, and files nothing new", async () => {
    const before = await service.app.db.case.count();
    await citizen.tap("补充进去");
    expect(citizen.text).toContain(`已补充到编号 ${filed.trackingNo}，办理的工作人员会看到。`);
    const [entry, ...more] = await supplements();
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ actorKind: "citizen", note: null });
    expect(entry!.data).toEqual({ text: ADDITION });
    expect(await service.app.db.case.count()).toBe(before);
    expect(
      (await service.app.db.case.findFirstOrThrow({ where: { trackingNo: filed.trackingNo } }))
        .status,
    ).toBe("assigned");
  });

  it("tells the unit the case is with 【群众补充】, the name and phone masked", async () => {
    const row = await service.app.db.outboxMessage.findFirstOrThrow({
      where: { case: { trackingNo: filed.trackingNo }, kind: "supplemented" },
    });
    expect(row.audience).toBe("unit");
    const [notice] = renderOutboxPayload(row.payload, "unit");
    expect(notice?.text).toContain(`【群众补充】事项 ${filed.trackingNo} 的反映人补充了情况`);
    expect(notice?.text).toContain(`补充内容：${MASKED}`);
    expect(JSON.stringify(row.payload)).not.toContain("13812345678");
  });

  it("shows 您补充了 in the citizen's own history in the chat", async () => {
    await citizen.tap("查看我反映过的事");
    await citizen.tap(`查看 ${filed.trackingNo}`);
    expect(citizen.text).toContain(`您补充了：${ADDITION}`);
    expect(citizen.labels).toContain("补充到这件事");
  });

  it("adds from the case's page: the next message is the words", async () => {
    await citizen.tap("补充到这件事");
    expect(citizen.text).toBe(`请说要补充的内容（补充到编号 ${filed.trackingNo}）。`);
    await citizen.say("今天早上又看了一下，井盖还是松的");
    await citizen.say("对");
    expect(await supplements()).toHaveLength(2);
  });

  it("shows 您补充了 on the status page", async () => {
    const response = await citizen.fetch("/status", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ trackingNo: filed.trackingNo, queryCode: filed.code }).toString(),
    });
    const html = await response.text();
    expect(html).toContain("您补充了");
    expect(html).toContain("今天早上又看了一下，井盖还是松的");
  });

  it("keeps a photo sent with an addition with the case, only on the yes", async () => {
    const attachments = () =>
      service.app.db.attachment.findMany({ where: { case: { trackingNo: filed.trackingNo } } });
    const before = await attachments();
    await citizen.say("补充一下，井盖边上的坑我拍了照片");
    expect((await citizen.upload(PNG_BYTES, "hole.png", "image/png")).status).toBe(200);
    expect(citizen.text).toBe(
      `要把这段话和 1 张照片补充到编号 ${filed.trackingNo}（市政市容）吗？\n“井盖边上的坑我拍了照片”`,
    );
    expect(await attachments()).toHaveLength(before.length);

    await citizen.tap("补充进去");
    const earlier = new Set(before.map((attachment) => attachment.id));
    const added = (await attachments()).filter((attachment) => !earlier.has(attachment.id));
    expect(added).toEqual([
      expect.objectContaining({ channel: "web", mimeType: "image/png", ratingStage: null }),
    ]);
    const entry = (await supplements()).at(-1);
    expect(entry!.data).toEqual({ text: "井盖边上的坑我拍了照片", photoIds: [added[0]!.fileId] });

    const notices = await service.app.db.outboxMessage.findMany({
      where: { case: { trackingNo: filed.trackingNo }, kind: "supplemented" },
      orderBy: { createdAt: "asc" },
    });
    const [notice] = renderOutboxPayload(notices.at(-1)!.payload, "unit");
    expect(notice?.text).toContain("附照片 1 张，请在工作台查看。");

    const clerk = await signedInClerk(service.app.db, service.url);
    const detail = (await clerk.get(`/api/cases/${filed.trackingNo}`)).json;
    expect(detail.photoRefs).toContainEqual({
      id: added[0]!.id,
      mimeType: "image/png",
      stored: true,
      ratingStage: null,
      supplemented: true,
    });
    expect(detail.photoRefs.filter((p: { supplemented?: true }) => p.supplemented)).toHaveLength(1);
  });

  it("adds a photo sent alone without words on 就补充照片, and says so", async () => {
    await citizen.upload(PNG_BYTES, "alone.png", "image/png");
    expect(citizen.text).toContain("收到照片。是补充您正在办理的事吗？");
    await citizen.tap("就补充照片");
    expect(citizen.text).toContain(
      `已把 1 张照片补充到编号 ${filed.trackingNo}（没有文字说明），办理的工作人员会看到。`,
    );
    const entry = (await supplements()).at(-1);
    expect(entry!.data).toEqual({ text: null, photoIds: [expect.any(String)] });
    await citizen.say("查看我反映过的事");
    await citizen.tap(`查看 ${filed.trackingNo}`);
    expect(citizen.text).toContain("您补充了：照片 1 张（没有文字）");
  });

  it("writes one addition, photo and all, on a yes again after the storage failed", async () => {
    const attachments = () =>
      service.app.db.attachment.count({ where: { case: { trackingNo: filed.trackingNo } } });
    const [entriesBefore, photosBefore] = [(await supplements()).length, await attachments()];
    // The database refuses to keep the addition's photo once, as a full disk would.
    await service.app.db.$executeRawUnsafe(`CREATE TRIGGER refuse_photo BEFORE INSERT ON
      "Attachment" BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    await citizen.say("补充一下，坑越来越大了");
    await citizen.upload(PNG_BYTES, "bigger.png", "image/png");
    expectErrorLogs(/an addition to a case failed in the chat/);
    await citizen.tap("补充进去");
    await service.app.db.$executeRawUnsafe("DROP TRIGGER refuse_photo");
    expect(citizen.text).toContain("没能补充进去。请过一会儿再试。");

    await citizen.tap("补充进去");
    expect(citizen.text).toContain(`已补充到编号 ${filed.trackingNo}`);
    expect(await supplements()).toHaveLength(entriesBefore + 1);
    expect(await attachments()).toBe(photosBefore + 1);
  });

  it("keeps the larger group an addition tells of (群体诉求), and tells the citizen and the unit", async () => {
    await citizen.say("补充一下：现在又多了二十多户也这样");
    await citizen.tap("补充进去");
    expect(citizen.text).toContain("已按您补充的情况更新涉及人数：约 20 户以上。");
    const stored = await service.app.db.case.findUniqueOrThrow({
      where: { trackingNo: filed.trackingNo },
      select: { groupAtLeast: true, groupUnit: true, groupWhole: true },
    });
    expect(stored).toEqual({ groupAtLeast: 20, groupUnit: "households", groupWhole: null });
    const notices = await service.app.db.outboxMessage.findMany({
      where: { case: { trackingNo: filed.trackingNo }, kind: "supplemented" },
    });
    const texts = notices.map((row) => renderOutboxPayload(row.payload, "unit")[0]?.text);
    expect(texts.find((text) => text?.includes("现在又多了二十多户"))).toContain(
      "补充的情况涉及更多群众，本件现为群体诉求：约 20 户以上。",
    );
  });

  describe("on the status page, with the number and query code (as a withdrawal there)", () => {
    let csrf: string;
    const supplementForm = (fields: Record<string, string>) =>
      postForm(citizen, "/status/supplement", {
        trackingNo: filed.trackingNo,
        queryCode: filed.code,
        _csrf: csrf,
        ...fields,
      });

    beforeAll(async () => {
      const page = await postForm(citizen, "/status", {
        trackingNo: filed.trackingNo,
        queryCode: filed.code,
      });
      expect(page.html).toContain('action="/status/supplement"');
      csrf = /name="_csrf" value="([^"]+)"/.exec(page.html)![1]!;
    });

    it("adds nothing with a wrong query code, without the CSRF token or without words", async () => {
      const before = (await supplements()).length;
      const wrongCode = await supplementForm({ text: "坑更深了", queryCode: "000000" });
      expect(wrongCode.html).not.toContain("已补充到这件事");
      expect((await supplementForm({ text: "坑更深了", _csrf: "forged" })).status).toBe(403);
      expect((await supplementForm({ text: "   " })).status).toBe(400);
      expect(await supplements()).toHaveLength(before);
    });

    it("adds the words to the case, and says so", async () => {
      const page = await supplementForm({ text: "井盖边上的坑越来越深了" });
      expect(page.status).toBe(200);
      expect(page.html).toContain("已补充到这件事，办理的工作人员会看到。");
      expect((await supplements()).at(-1)?.data).toEqual({ text: "井盖边上的坑越来越深了" });
    });

    it("says so when the words make the case a larger group", async () => {
      const page = await supplementForm({ text: "现在我们这边三十多户都是这样" });
      expect(page.html).toContain("已按您补充的情况更新涉及人数：约 30 户以上。");
    });

    it("warns of a danger in the words as at filing, and the case becomes urgent", async () => {
      const page = await supplementForm({ text: "又有一个骑电动车的摔进去了" });
      expect(page.html).toContain("请马上打 120");
      const stored = await service.app.db.case.findUniqueOrThrow({
        where: { trackingNo: filed.trackingNo },
      });
      expect(stored.isEmergency).toBe(true);
    });
  });

  it("is never offered to another citizen for this case", async () => {
    const other = new WebCitizen(service.url);
    await other.open();
    await other.start();
    await other.say(`补充一下：${ADDITION}`);
    expect(other.text).toContain("您现在没有正在办理的事可以补充。");
  });
});

describe(
  "words right after filing in the web chat that only add a detail",
  { timeout: 30_000 },
  () => {
    let service: TestApp;
    let citizen: WebCitizen;
    let filed: WebFiling;

    beforeAll(async () => {
      ({ service, citizen, filed } = await startWithFiledComplaint());
    });

    it("suggests adding 忘了说，是晚上十点以后 to the case just filed, and adds it on 是，补充", async () => {
      await citizen.say("忘了说，是晚上十点以后");
      expect(citizen.text).toBe(
        `您说的是：“忘了说，是晚上十点以后”\n要把这句话补充到 ${filed.trackingNo}（市政市容）吗？`,
      );
      expect(citizen.labels).toEqual(["是，补充", "不是，这是新的事"]);
      await citizen.tap("是，补充");
      expect(citizen.text).toContain(`已补充到编号 ${filed.trackingNo}，办理的工作人员会看到。`);
      expect((await additionsOf(service, filed.trackingNo)).map((entry) => entry.data)).toEqual([
        { text: "忘了说，是晚上十点以后" },
      ]);
    });

    it.each(["还有，工地欠俺们工资仨月了", "还有，他家晚上放音乐声音特别大"])(
      "keeps both offers for words of another kind: %s",
      async (words) => {
        await citizen.say(words);
        expect(citizen.text).toContain("要作为一条新的反映，还是补充到您正在办理的事里？");
        expect(citizen.labels).toEqual([
          "作为新的反映",
          `补充到 ${filed.trackingNo}（市政市容）`,
          "不用了",
        ]);
        await citizen.tap("不用了");
      },
    );

    it("starts a new report with 对了 是楼上602的 on 不是，这是新的事", async () => {
      await citizen.say("对了 是楼上602的");
      await citizen.tap("不是，这是新的事");
      // A new report began: its kind is asked (a guess, or the closest kinds for a fragment).
      expect(citizen.text).toMatch(/我理解您反映的是|选一个最接近的/);
      expect(await additionsOf(service, filed.trackingNo)).toHaveLength(1);
    });
  },
);
