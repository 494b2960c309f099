/**
 * The web chat's API over real HTTP against the whole service on a real
 * database: a filing from the first message to a tracking number and query
 * code, who may see what, the status page, and what the API refuses.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dataDirectoryOf } from "../../../src/storage/database-url.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { PNG_BYTES, startWithFiledComplaint, WebCitizen, type WebFiling } from "./web-citizen.ts";
import { deliver } from "../../support/outbox.ts";

const clerk = { kind: "clerk", id: "clerk-li" } as const;

async function lookUp(service: TestApp, trackingNo: string, queryCode: string) {
  const response = await fetch(new URL("/status", service.url), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ trackingNo, queryCode, lang: "zh" }).toString(),
  });
  return { status: response.status, html: await response.text() };
}

describe("the web chat API", { timeout: 30_000 }, () => {
  let service: TestApp;
  let citizen: WebCitizen;
  let filed: WebFiling;

  beforeAll(async () => {
    ({ service, citizen, filed } = await startWithFiledComplaint());
  });

  it("files a whole complaint to a tracking number and a query code", async () => {
    const stored = await service.app.db.case.findUniqueOrThrow({
      where: { trackingNo: filed.trackingNo },
      include: { attachments: true, identity: true },
    });
    expect(stored).toMatchObject({
      channel: "web",
      categoryCode: "municipal",
      address: "川汇区七一路和八一路交叉口东边",
      contactPhone: "13812345678",
      queryCode: filed.code,
    });
    expect(stored.identity).toMatchObject({ channel: "web" });
    // The database holds a hash of the session cookie, never the cookie itself.
    expect(stored.identity!.externalId).toMatch(/^[0-9a-f]{64}$/);
    const [attachment] = stored.attachments;
    expect(attachment).toMatchObject({ channel: "web", mimeType: "image/png" });
    const dataDir = dataDirectoryOf(
      (await import("../../../src/storage/database-url.ts")).parseDatabaseUrl(
        `file:${(await service.app.db.$queryRawUnsafe<{ file: string }[]>("PRAGMA database_list"))[0]!.file}`,
      )!,
    );
    expect(await readFile(path.join(dataDir, attachment!.storagePath!))).toEqual(PNG_BYTES);
  });

  it("shows the history again after a reload, in order", async () => {
    const { messages, locale } = await citizen.poll();
    expect(locale).toBe("zh");
    expect(messages.map((m) => m.id)).toEqual([...messages.map((m) => m.id)].sort((a, b) => a - b));
    expect(messages.find((m) => m.author === "citizen" && m.kind === "choice")?.text).toBe(
      "我要反映问题",
    );
    expect(messages.some((m) => m.kind === "photo")).toBe(true);
    const later = await citizen.poll(messages.at(-1)!.id);
    expect(later.messages).toEqual([]);
  });

  it("answers words sent at once on one session each in a turn of its own, stored with its answer", async () => {
    const sender = new WebCitizen(service.url);
    await sender.open();
    await sender.start();
    await sender.tap("我要反映问题");
    const said = ["光明路的路灯坏了", "在光明路和七一路路口", "已经坏了一个星期", "晚上很黑"];
    const answers = await Promise.all(said.map((text) => sender.post({ type: "text", text })));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    const { messages } = await sender.poll();
    for (const text of said) {
      const words = messages.find((m) => m.author === "citizen" && m.text === text);
      const turn = messages.filter((m) => m.turn === words?.turn);
      expect(turn[0], text).toBe(words);
      expect(
        turn.slice(1).some((m) => m.author === "service"),
        text,
      ).toBe(true);
    }
    // Each turn is whole: no other turn's message lies between its words and its answer.
    const turnOrder = messages.map((m) => m.turn).filter((turn, i, all) => turn !== all[i - 1]);
    expect(new Set(turnOrder).size).toBe(turnOrder.length);
  });

  it("answers a retried event once", async () => {
    const before = (await citizen.poll()).messages.length;
    const first = await citizen.post({ type: "text", text: "/help" }, "retry-event-0001");
    const again = await citizen.post({ type: "text", text: "/help" }, "retry-event-0001");
    expect(again.body.messages).toEqual(first.body.messages);
    expect((await citizen.poll()).messages.length).toBe(before + first.body.messages!.length);
  });

  it("shows the case on the status page with the right query code", async () => {
    const { status, html } = await lookUp(service, filed.trackingNo, filed.code);
    expect(status).toBe(200);
    expect(html).toContain(filed.trackingNo);
    expect(html).toContain("已收到，等待受理");
    expect(html).toContain("您提交了反映");
    expect(html).toContain("市政市容");
  });

  it("answers a wrong query code exactly like an unknown number", async () => {
    const wrongCode = String((Number(filed.code) + 1) % 1_000_000).padStart(6, "0");
    const wrong = await lookUp(service, filed.trackingNo, wrongCode);
    const unknown = await lookUp(service, "ZK-20261128-9999", filed.code);
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.html).toContain("没有找到这件事");
    expect(wrong.html.replace(filed.trackingNo, "X")).toBe(
      unknown.html.replace("ZK-20261128-9999", "X"),
    );
    expect(wrong.html).not.toContain("已收到");
  });

  it("keeps a citizen out of another citizen's case, photo and messages", async () => {
    const other = new WebCitizen(service.url);
    await other.open();
    await other.say(`/status ${filed.trackingNo}`);
    expect(other.text).toContain(`没有找到您反映的编号为 ${filed.trackingNo} 的事`);
    await other.say(`帮我查一下${filed.trackingNo}`);
    expect(other.text).toContain(`没有找到您反映的编号为 ${filed.trackingNo} 的事`);
    // The web page takes no slash commands: its button is named instead.
    expect(other.text).toContain("点“查看我反映过的事”看全部");
    // A case filed on another phone is found with its query code, never here.
    expect(other.text).toContain("请到上面的“查询进度”页面，输入编号和查询码查看");
    // With no case of its own, the page tells where a case filed by phone or in WeChat is read.
    await other.tap("查看我反映过的事");
    expect(other.text).toContain("在这里还没有您反映过的事");
    expect(other.text).toContain("留过手机号的，可以在“我的诉求”里用手机号查看");

    const photoUrl = (await citizen.poll()).messages.find((m) => m.kind === "photo")!.photoUrl!;
    expect((await citizen.fetch(photoUrl)).status).toBe(200);
    const stolen = await other.fetch(photoUrl);
    expect(stolen.status).toBe(404);
    expect(await stolen.json()).toEqual({
      error: { code: "not_found", message: "No such photo." },
    });
    expect((await fetch(new URL(photoUrl, service.url))).status).toBe(404);

    const seen = (await other.poll()).messages;
    expect(seen.every((m) => !m.text?.includes("路灯"))).toBe(true);
  });

  it("brings status updates of the case into the chat", async () => {
    await service.app.caseActions.act(filed.trackingNo, { type: "accept" }, clerk);
    await deliver(service);
    const notices = (await citizen.poll()).messages.filter((m) => m.author === "notice");
    expect(notices.map((m) => m.text).join("\n")).toContain(filed.trackingNo);
  });

  it("accepts JPEG, PNG, WebP and HEIC photos by their bytes", async () => {
    const other = new WebCitizen(service.url);
    await other.open();
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]);
    const webp = Buffer.concat([Buffer.from("RIFF\0\0\0\0WEBPVP8 "), Buffer.alloc(64)]);
    const heic = Buffer.concat([Buffer.from("\0\0\0\x18ftypheic\0\0\0\0"), Buffer.alloc(64)]);
    for (const [bytes, name] of [
      [jpeg, "a.jpg"],
      [PNG_BYTES, "b.png"],
      [webp, "c.webp"],
      [heic, "d.heic"],
    ] as const) {
      expect((await other.upload(bytes, name, "application/octet-stream")).status).toBe(200);
    }
  });

  it("refuses a file that only pretends to be a photo, and one over 5 MB", async () => {
    const other = new WebCitizen(service.url);
    await other.open();
    const fake = await other.upload(Buffer.from("<html>not a photo</html>"), "x.jpg", "image/jpeg");
    expect(fake.status).toBe(415);
    expect(fake.body.error?.code).toBe("photo_type");

    const huge = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
      Buffer.alloc(5 * 1024 * 1024),
    ]);
    const big = await other.upload(huge, "big.jpg", "image/jpeg");
    expect(big.status, JSON.stringify(big.body)).toBe(413);
    expect(big.body.error?.code).toBe("photo_size");
    expect(await service.app.db.webUpload.count({ where: { size: { gt: 5 * 1024 * 1024 } } })).toBe(
      0,
    );
  });

  it("refuses a request without the CSRF token or without a session", async () => {
    const noToken = await citizen.fetch("/chat/events", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ eventId: "no-token-0001", event: { type: "text", text: "你好" } }),
    });
    expect(noToken.status).toBe(403);
    expect(((await noToken.json()) as { error: { code: string } }).error.code).toBe("csrf");

    const stranger = await fetch(new URL("/chat/events", service.url), {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": citizen.csrfToken },
      body: JSON.stringify({ eventId: "stranger-0001", event: { type: "text", text: "你好" } }),
    });
    expect(stranger.status).toBe(403);
  });

  it("answers bad JSON, a bad event and a too large body with a clear message and no stack", async () => {
    const post = (body: string) =>
      citizen.fetch("/chat/events", {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": citizen.csrfToken },
        body,
      });
    const badJson = await post("{not json");
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toEqual({
      error: { code: "bad_json", message: "The request body is not valid JSON." },
    });

    const badEvent = await post(
      JSON.stringify({ eventId: "bad-event-0001", event: { type: "x" } }),
    );
    expect(badEvent.status).toBe(400);
    const answer = (await badEvent.json()) as { error: { code: string; message: string } };
    expect(answer.error.code).toBe("invalid_request");
    expect(answer.error.message).toMatch(/^Invalid event: event\.type/);

    const tooLarge = await post(
      JSON.stringify({
        eventId: "big-event-0001",
        event: { type: "text", text: "字".repeat(600_000) },
      }),
    );
    expect(tooLarge.status).toBe(413);
    const text = await tooLarge.text();
    expect(text).not.toMatch(/\bat \w|node_modules|stack/);
  });

  it("serves the page and its files with a strict content security policy", async () => {
    const page = await fetch(new URL("/", service.url));
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<script src="/static/chat.js" defer></script>');
    expect(html).not.toMatch(/https?:\/\//);
    for (const file of ["chat.js", "styles.css", "favicon.svg"]) {
      expect((await fetch(new URL(`/static/${file}`, service.url))).status).toBe(200);
    }
    expect((await fetch(new URL("/static/..%2Fapp.ts", service.url))).status).toBe(404);
  });

  it("has the browser revalidate the page's files on every load, so that a release shows at once", async () => {
    const script = await fetch(new URL("/static/chat.js", service.url));
    expect(script.headers.get("content-type")).toMatch(/^(text|application)\/javascript/);
    expect(script.headers.get("cache-control")).toBe("no-cache");
    const etag = script.headers.get("etag");
    expect(etag).toBeTruthy();
    // As a browser revalidates (fetch() itself would add "cache-control: no-cache", a reload).
    const again = await fetch(new URL("/static/chat.js", service.url), {
      headers: { "if-none-match": etag!, "cache-control": "max-age=0" },
    });
    expect(again.status).toBe(304);
    const page = await fetch(new URL("/", service.url));
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.headers.get("cache-control")).toBe("no-cache");
  });
});

describe("words of no matter in the web chat", { timeout: 30_000 }, () => {
  it("answers markup or script alone in plain words, asking what happened, and files nothing", async () => {
    const service = await startTestApp();
    const citizen = new WebCitizen(service.url);
    await citizen.open();
    const response = await citizen.fetch("/chat/events", {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": citizen.csrfToken },
      body: JSON.stringify({
        eventId: "e-script",
        event: { type: "text", text: "<script>alert(1)</script>" },
      }),
    });
    expect(response.status).toBe(200);
    // Data for the page, which shows every text as text (never as HTML).
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const { messages } = (await response.json()) as {
      messages: { author: string; text: string }[];
    };
    const replies = messages.filter((m) => m.author === "service").map((m) => m.text);
    expect(replies.join("\n")).toContain("直接用文字说说是什么事");
    for (const reply of replies) expect(reply).not.toMatch(/[<>]|script|alert/);
    await citizen.say("<img src=x onerror=alert(1)>");
    expect(citizen.text).toContain("直接用文字说说是什么事");
    expect(citizen.labels).not.toContain("提交");
    expect(await service.app.db.case.count()).toBe(0);
    await service.stop();
  });
});

describe("the status page", { timeout: 30_000 }, () => {
  it("limits look-ups per client", async () => {
    const service = await startTestApp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await lookUp(service, "ZK-20261128-0001", "000000")).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses[10]).toBe(429);
    await service.stop();
  });
});
