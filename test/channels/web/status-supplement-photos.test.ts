/**
 * 补充情况 with photos on the status page, over real HTTP against the whole service: with the
 * case's number and query code, the petitioner adds words and up to five photos (JPEG, PNG,
 * WebP or HEIC by their bytes, at most 5 MB each) to their running case. The photos go with the
 * words as a chat addition's do: attached to the case, named in the addition's timeline entry,
 * counted in the unit's notice, captioned 群众补充的照片 in the console. Photos may go alone,
 * without words: said so on the page, in the notice and the console. Photos refused (not
 * pictures, too large, too many) and a storage that fails answer the case's page saying why,
 * with the words still in the form, and keep nothing of the addition.
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
  postMultipartForm,
  routeToUnitWithChat,
  startWithFiledComplaint,
  type FormPhoto,
  type WebCitizen,
  type WebFiling,
} from "./web-citizen.ts";

const photo = (name: string, bytes: Buffer = PNG_BYTES): FormPhoto => ({
  bytes,
  name,
  type: "image/png",
});

describe("adding words and photos on the status page", { timeout: 30_000 }, () => {
  let service: TestApp;
  let citizen: WebCitizen;
  let filed: WebFiling;
  let csrf: string;

  const supplements = () => additionsOf(service, filed.trackingNo);
  const attachments = () =>
    service.app.db.attachment.findMany({
      where: { case: { trackingNo: filed.trackingNo } },
      orderBy: { createdAt: "asc" },
    });
  const add = (text: string, photos: readonly FormPhoto[]) =>
    postMultipartForm(
      citizen,
      "/status/supplement",
      { trackingNo: filed.trackingNo, queryCode: filed.code, lang: "zh", _csrf: csrf, text },
      "photos",
      photos,
    );
  /** The words in the page's addition form. */
  const wordsInForm = (html: string) =>
    /<textarea id="text" name="text"[^>]*>([^<]*)<\/textarea>/.exec(html)?.[1];

  beforeAll(async () => {
    ({ service, citizen, filed } = await startWithFiledComplaint());
    await routeToUnitWithChat(service, filed.trackingNo);
    const page = await postForm(citizen, "/status", {
      trackingNo: filed.trackingNo,
      queryCode: filed.code,
    });
    csrf = /name="_csrf" value="([^"]+)"/.exec(page.html)![1]!;
  });

  it("offers a photo picker in the addition form, which posts multipart", async () => {
    const page = await postForm(citizen, "/status", {
      trackingNo: filed.trackingNo,
      queryCode: filed.code,
    });
    expect(page.html).toContain('action="/status/supplement" enctype="multipart/form-data"');
    expect(page.html).toContain("照片（可以不选，最多 5 张）");
    expect(page.html).toMatch(/<input id="photos" name="photos" type="file" multiple/);
  });

  it("keeps the words and the photos with the case, as a chat addition's", async () => {
    const before = await attachments();
    const page = await add("坑边上又塌了一块，拍了两张", [photo("a.png"), photo("b.png")]);
    expect(page.status).toBe(200);
    expect(page.html).toContain("已补充到这件事，办理的工作人员会看到。");

    const earlier = new Set(before.map((attachment) => attachment.id));
    const added = (await attachments()).filter((attachment) => !earlier.has(attachment.id));
    expect(added).toEqual([
      expect.objectContaining({ channel: "web", mimeType: "image/png", ratingStage: null }),
      expect.objectContaining({ channel: "web", mimeType: "image/png", ratingStage: null }),
    ]);
    const [entry, ...more] = await supplements();
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ actorKind: "citizen" });
    expect(entry!.data).toEqual({
      text: "坑边上又塌了一块，拍了两张",
      photoIds: expect.arrayContaining(added.map((attachment) => attachment.fileId)),
    });

    const notice = await service.app.db.outboxMessage.findFirstOrThrow({
      where: { case: { trackingNo: filed.trackingNo }, kind: "supplemented" },
    });
    const [text] = renderOutboxPayload(notice.payload, "unit");
    expect(text?.text).toContain("补充内容：坑边上又塌了一块，拍了两张");
    expect(text?.text).toContain("附照片 2 张，请在工作台查看。");

    const clerk = await signedInClerk(service.app.db, service.url);
    const detail = (await clerk.get(`/api/cases/${filed.trackingNo}`)).json;
    const supplemented = detail.photoRefs.filter((p: { supplemented?: true }) => p.supplemented);
    expect(supplemented.map((p: { id: string }) => p.id).sort()).toEqual(
      added.map((attachment) => attachment.id).sort(),
    );
  });

  it("takes words alone as before: the photo picker may be left empty", async () => {
    const page = await add("今天早上井盖还是松的", []);
    expect(page.status).toBe(200);
    expect(page.html).toContain("已补充到这件事");
    expect((await supplements()).at(-1)?.data).toEqual({ text: "今天早上井盖还是松的" });
  });

  it("takes photos alone, without words: the entry holds no text, and every page says so", async () => {
    const page = await add("", [photo("c.png")]);
    expect(page.status).toBe(200);
    expect(page.html).toContain(
      "已把 1 张照片补充到这件事（没有文字说明），办理的工作人员会看到。",
    );
    expect(page.html).toContain("您补充了：照片 1 张（没有文字）");
    const entry = (await supplements()).at(-1);
    expect(entry!.data).toEqual({ text: null, photoIds: [expect.any(String)] });

    const notices = await service.app.db.outboxMessage.findMany({
      where: { case: { trackingNo: filed.trackingNo }, kind: "supplemented" },
      orderBy: { createdAt: "asc" },
    });
    const [notice] = renderOutboxPayload(notices.at(-1)!.payload, "unit");
    expect(notice?.text).toContain("补充了照片 1 张（没有文字说明），请在工作台查看。");

    const clerk = await signedInClerk(service.app.db, service.url, "zhou");
    const detail = (await clerk.get(`/api/cases/${filed.trackingNo}`)).json;
    const shown = detail.timeline.filter((e: { kind: string }) => e.kind === "supplemented");
    expect(shown.at(-1).data).toEqual({ text: null, photoIds: [expect.any(String)] });
  });

  it("adds nothing without words or photos, and asks for either", async () => {
    const before = (await supplements()).length;
    const page = await add("  ", []);
    expect(page.status).toBe(400);
    expect(page.html).toContain("请写几句要补充的话，或者选几张照片，再点“补充”。");
    expect(await supplements()).toHaveLength(before);
  });

  describe("refuses photos it does not take, keeping the words and nothing of the addition", () => {
    const refusals = [
      {
        what: "a file that is not a picture",
        photos: [photo("a.png"), photo("notes.png", Buffer.from("not a picture at all"))],
        status: 415,
        says: "只能上传 JPG、PNG、WebP 或 HEIC 格式的照片。",
      },
      {
        what: "a photo over 5 MB",
        photos: [photo("huge.png", Buffer.concat([PNG_BYTES, Buffer.alloc(5 * 1024 * 1024)]))],
        status: 413,
        says: "照片太大了，每张不能超过 5 MB。",
      },
      {
        what: "more than five photos",
        photos: ["1", "2", "3", "4", "5", "6"].map((n) => photo(`${n}.png`)),
        status: 400,
        says: "一次最多补充 5 张照片。",
      },
    ];

    it.each(refusals)("$what", async ({ photos, status, says }) => {
      const [entriesBefore, photosBefore] = [(await supplements()).length, await attachments()];
      const page = await add("坑越来越大了", photos);
      expect(page.status).toBe(status);
      expect(page.html).toContain(`${says}您写的内容还在下面，请重新选择照片后再提交。`);
      expect(wordsInForm(page.html)).toBe("坑越来越大了");
      expect(await supplements()).toHaveLength(entriesBefore);
      expect(await attachments()).toHaveLength(photosBefore.length);
    });
  });

  it.each([
    { what: "its photos", table: "Attachment" },
    { what: "its history entry", table: "TimelineEntry" },
  ])(
    "writes nothing of the addition when the storage refuses $what, and keeps the words",
    async ({ table }) => {
      const [entriesBefore, photosBefore] = [(await supplements()).length, await attachments()];
      // The database refuses the write, as a full disk would.
      await service.app.db.$executeRawUnsafe(`CREATE TRIGGER refuse_write BEFORE INSERT ON
        "${table}" BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
      expectErrorLogs(/status page addition failed/);
      const page = await add("坑里积水了", [photo("water.png")]);
      await service.app.db.$executeRawUnsafe("DROP TRIGGER refuse_write");
      expect(page.status).toBe(503);
      expect(page.html).toContain("没能补充进去，请过一会儿再试。您写的内容还在下面");
      expect(wordsInForm(page.html)).toBe("坑里积水了");
      expect(await supplements()).toHaveLength(entriesBefore);
      expect(await attachments()).toHaveLength(photosBefore.length);
    },
  );
});
