/**
 * 催办 on the status page: a citizen whose case runs presses 催办 with its number and query code
 * (the page's own proof, posted with its CSRF token). The case is urged through the chat's own
 * path (the case's `urge` as its citizen): counted at most once a Shanghai day, an `urged` entry
 * with its ordinal, the case's urgeCount, and the unit holding it told 【群众催办】市民催办（第N次）.
 * The page says which urge it was, that today's is counted already, or that the case no longer
 * runs, or (the storage failing) to try again later — a clear answer, never a server error. A
 * case the citizen withdrew offers no 催办.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { renderOutboxPayload } from "../../../src/notifications/render.ts";
import { DAY } from "../../support/clock.ts";
import { PROVIDERS } from "../../support/databases.ts";
import { expectErrorLogs } from "../../support/error-logs.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import {
  fileComplaint,
  postForm,
  routeToUnitWithChat,
  statusPageOf,
  WebCitizen,
  type WebFiling,
} from "./web-citizen.ts";

describe.each(PROVIDERS)("催办 on the status page (%s)", { timeout: 90_000 }, (provider) => {
  let service: TestApp;
  let citizen: WebCitizen;
  let filed: WebFiling;
  let csrf: string;

  const urgeForm = (fields: Record<string, string> = {}) =>
    postForm(citizen, "/status/urge", {
      trackingNo: filed.trackingNo,
      queryCode: filed.code,
      _csrf: csrf,
      ...fields,
    });
  const stored = () =>
    service.app.db.case.findUniqueOrThrow({
      where: { trackingNo: filed.trackingNo },
      select: { urgeCount: true, status: true },
    });
  const urgedEntries = () =>
    service.app.db.timelineEntry.findMany({
      where: { case: { trackingNo: filed.trackingNo }, kind: "urged" },
      orderBy: { at: "asc" },
    });
  const unitNotices = async () => {
    const rows = await service.app.db.outboxMessage.findMany({
      where: { case: { trackingNo: filed.trackingNo }, kind: "urged" },
      orderBy: { id: "asc" },
    });
    return rows.map((row) => renderOutboxPayload(row.payload, "unit")[0]?.text ?? "");
  };

  beforeAll(async () => {
    service = await startTestApp({ provider });
    citizen = new WebCitizen(service.url);
    filed = await fileComplaint(citizen);
    await routeToUnitWithChat(service, filed.trackingNo);
  });

  it("offers 催办 on a running case's page, saying what it does", async () => {
    const page = await statusPageOf(citizen, filed);
    expect(page.html).toContain('action="/status/urge"');
    expect(page.html).toContain("告诉承办单位您在等着");
    expect(page.html).toContain("每天最多算一次催办");
    csrf = page.csrf;
  });

  it("urges nothing without the form's token, with a wrong code or a form that does not parse", async () => {
    expect((await urgeForm({ _csrf: "forged" })).status).toBe(403);
    const wrongCode = await urgeForm({ queryCode: "000000" });
    expect(wrongCode.status).toBe(404);
    expect(wrongCode.html).not.toContain("催办，承办单位");
    const tooLong = await urgeForm({ queryCode: "1".repeat(50) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.html).toContain('class="alert"');
    expect((await stored()).urgeCount).toBe(0);
    expect(await urgedEntries()).toEqual([]);
  });

  it("counts the first urge, tells the unit holding the case, and says 第 1 次催办", async () => {
    const page = await urgeForm();
    expect(page.status).toBe(200);
    expect(page.html).toContain(
      `已为您催办，承办单位会尽快处理。（编号 ${filed.trackingNo}，第 1 次催办）`,
    );
    expect((await stored()).urgeCount).toBe(1);
    expect((await urgedEntries()).map((entry) => entry.data)).toEqual([{ ordinal: 1 }]);
    const [notice, ...more] = await unitNotices();
    expect(more).toEqual([]);
    expect(notice).toContain(`【群众催办】市民催办（第1次）：事项 ${filed.trackingNo}`);
    expect(page.html).toContain("您催办了这件事");
  });

  it("counts no second urge the same Shanghai day, and says today's is counted already", async () => {
    const page = await urgeForm();
    expect(page.status).toBe(200);
    expect(page.html).toContain(
      `编号 ${filed.trackingNo} 今天已经为您催办过了，承办单位会尽快处理。`,
    );
    expect((await stored()).urgeCount).toBe(1);
    expect(await urgedEntries()).toHaveLength(1);
    expect(await unitNotices()).toHaveLength(1);
  });

  it.runIf(provider === "sqlite")(
    "urges nothing when the storage fails, and asks to try again later",
    async () => {
      service.clock.advance(DAY);
      // The database refuses the urge's entry once, as a full disk would.
      await service.app.db.$executeRawUnsafe(`CREATE TRIGGER refuse_urge BEFORE INSERT ON
        "TimelineEntry" WHEN NEW."kind" = 'urged' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
      expectErrorLogs(/status page urge failed/);
      const page = await urgeForm();
      await service.app.db.$executeRawUnsafe("DROP TRIGGER refuse_urge");
      expect(page.status).toBe(503);
      expect(page.html).toContain("没能催办，请过一会儿再试。");
      expect((await stored()).urgeCount).toBe(1);
      expect(await unitNotices()).toHaveLength(1);
    },
  );

  it("counts the next day's urge as the second, in English on an English page", async () => {
    service.clock.advance(DAY);
    const page = await urgeForm({ lang: "en" });
    expect(page.status).toBe(200);
    expect(page.html).toContain(`We have urged no. ${filed.trackingNo} on for you (urge no. 2)`);
    expect(page.html).toContain("Urge it on");
    expect((await stored()).urgeCount).toBe(2);
    expect((await unitNotices()).at(-1)).toContain("【群众催办】市民催办（第2次）");
  });

  it("refuses to urge a case no longer running, saying so, and offers 催办 no more", async () => {
    const withdrawn = await postForm(citizen, "/status/withdraw", {
      trackingNo: filed.trackingNo,
      queryCode: filed.code,
      _csrf: csrf,
      confirm: "yes",
    });
    expect(withdrawn.html).not.toContain('action="/status/urge"');
    service.clock.advance(DAY);
    const page = await urgeForm();
    expect(page.status).toBe(409);
    expect(page.html).toContain("这件事已经答复、办结或撤回，不能再催办了。");
    expect(page.html).not.toContain('action="/status/urge"');
    expect(await stored()).toEqual({ urgeCount: 2, status: "withdrawn" });
    expect(await unitNotices()).toHaveLength(2);
  });
});
