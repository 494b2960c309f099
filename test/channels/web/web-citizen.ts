/**
 * A citizen in the web chat, as the page talks to the service: a cookie jar,
 * the CSRF token, and the chat API over real HTTP.
 */
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { answerCase } from "../../support/answered-case.ts";
import { CLOSE_AFTER_ANSWER } from "../../support/local-http.ts";
import { deliver } from "../../support/outbox.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";

export interface ChatMessage {
  readonly id: number;
  readonly author: "citizen" | "service" | "notice";
  readonly turn: string | null;
  readonly kind: string;
  readonly text?: string;
  readonly photoUrl?: string;
  readonly audioUrl?: string;
  /** A unit's photos under a notice (signed links). */
  readonly photoUrls?: string[];
  readonly choices?: { id: string; label: string }[][];
  readonly request?: "location" | "contact";
  readonly receipt?: { trackingNo: string; queryCode: string; statusUrl: string };
}

export interface ApiAnswer {
  readonly status: number;
  readonly body: {
    messages?: ChatMessage[];
    locale?: string;
    error?: { code: string; message: string };
  };
}

export class WebCitizen {
  private readonly cookies = new Map<string, string>();
  csrfToken = "";
  /** Every message seen, by id. */
  readonly messages = new Map<number, ChatMessage>();

  constructor(readonly baseUrl: string) {}

  /** A cookie this client holds (to hand the session to a browser). */
  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** What the page does first: a session cookie and a CSRF token. */
  async open(): Promise<void> {
    const response = await this.fetch("/chat/session");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { csrfToken: string };
    this.csrfToken = body.csrfToken;
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("connection", CLOSE_AFTER_ANSWER.connection);
    if (this.cookies.size > 0) {
      headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    }
    const response = await fetch(new URL(path, this.baseUrl), { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      this.cookies.set(name!.trim(), value.join("="));
    }
    return response;
  }

  async post(event: object, eventId: string = randomUUID()): Promise<ApiAnswer> {
    const response = await this.fetch("/chat/events", {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": this.csrfToken },
      body: JSON.stringify({ eventId, event }),
    });
    return this.answer(response);
  }

  async upload(bytes: Buffer, filename: string, type: string): Promise<ApiAnswer> {
    const form = new FormData();
    form.append("photo", new Blob([new Uint8Array(bytes)], { type }), filename);
    const response = await this.fetch("/chat/photos", {
      method: "POST",
      headers: { "x-csrf-token": this.csrfToken, "x-chat-event-id": randomUUID() },
      body: form,
    });
    return this.answer(response);
  }

  /** A hold-to-talk recording, as the page posts it to /chat/voice. */
  async uploadVoice(
    bytes: Buffer,
    filename: string,
    type: string,
    eventId: string = randomUUID(),
  ): Promise<ApiAnswer> {
    const form = new FormData();
    form.append("voice", new Blob([new Uint8Array(bytes)], { type }), filename);
    const response = await this.fetch("/chat/voice", {
      method: "POST",
      headers: { "x-csrf-token": this.csrfToken, "x-chat-event-id": eventId },
      body: form,
    });
    return this.answer(response);
  }

  private async answer(response: Response): Promise<ApiAnswer> {
    const body = (await response.json()) as ApiAnswer["body"];
    for (const message of body.messages ?? []) this.messages.set(message.id, message);
    return { status: response.status, body };
  }

  async start(): Promise<void> {
    await this.ok({ type: "command", name: "start", args: "" });
  }

  async say(text: string): Promise<void> {
    await this.ok({ type: "text", text });
  }

  /** Presses the latest button whose label contains `label`. */
  async tap(label: string): Promise<void> {
    const button = [...this.messages.values()]
      .sort((a, b) => b.id - a.id)
      .flatMap((m) => m.choices?.flat() ?? [])
      .find((choice) => choice.label.includes(label));
    if (!button) throw new Error(`no button "${label}" in:\n${this.text}`);
    await this.ok({ type: "choice", id: button.id });
  }

  async ok(event: object): Promise<void> {
    const answer = await this.post(event);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }

  /**
   * A second filing of the same problem at the same place is first shown the open case
   * (附议): "不是，继续登记" files anew, as the tests of filing expect.
   */
  async fileAnywayIfOffered(): Promise<void> {
    if (this.text.includes("附近已经有人反映过同类的问题")) await this.tap("不是，继续登记");
  }

  /** The texts of the latest turn's service messages. */
  get text(): string {
    return this.latestTurn()
      .map((m) => m.text)
      .join("\n");
  }

  /** The button labels of the latest turn's service messages. */
  get labels(): string[] {
    return this.latestTurn()
      .flatMap((m) => m.choices?.flat() ?? [])
      .map((choice) => choice.label);
  }

  /** The service messages of the latest turn, in order. */
  private latestTurn(): ChatMessage[] {
    const all = [...this.messages.values()].sort((a, b) => a.id - b.id);
    const lastTurn = all.filter((m) => m.author === "service").at(-1)?.turn;
    return all.filter((m) => m.author === "service" && m.turn === lastTurn);
  }

  /** GET /chat/messages?after=… as the page polls it. */
  async poll(after = 0): Promise<{ messages: ChatMessage[]; locale: string }> {
    const response = await this.fetch(`/chat/messages?after=${after}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { messages: ChatMessage[]; locale: string };
    for (const message of body.messages) this.messages.set(message.id, message);
    return body;
  }
}

/** A small valid PNG (1×1). */
export const PNG_BYTES = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

/** From the first message to the summary of an anonymous complaint without photos. */
export async function reachAnonymousSummary(citizen: WebCitizen): Promise<void> {
  await reachContactQuestion(citizen);
  await citizen.tap("匿名反映");
  expect(citizen.text).toContain("请看一下，内容对不对");
}

/** From the first message to the contact question of a complaint without photos. */
export async function reachContactQuestion(citizen: WebCitizen): Promise<void> {
  await citizen.open();
  await citizen.start();
  await citizen.tap("我要反映问题");
  await citizen.say("我们小区门口的路灯坏了很久了，晚上很黑，老人走路不方便");
  await citizen.tap("对，就是这个");
  await citizen.say("川汇区七一路和八一路交叉口东边");
  await citizen.fileAnywayIfOffered();
  await citizen.say("前天下午");
  await citizen.tap("没有照片");
}

/** The tracking number and query code the latest answer showed. */
export function receiptOf(citizen: WebCitizen): { trackingNo: string; code: string } {
  const trackingNo = /您的编号是：(ZK-\d{8}-\d{4})/.exec(citizen.text)?.[1];
  const code = /您的查询码是：(\d{6})/.exec(citizen.text)?.[1];
  expect(trackingNo, citizen.text).toBeDefined();
  expect(code, citizen.text).toBeDefined();
  return { trackingNo: trackingNo!, code: code! };
}

/** Files a complaint through the API; returns the tracking number and query code shown. */
export async function fileComplaint(
  citizen: WebCitizen,
): Promise<{ trackingNo: string; code: string }> {
  await citizen.open();
  await citizen.start();
  expect(citizen.text).toContain("周口市群众诉求服务");
  await citizen.tap("我要反映问题");
  await citizen.say("我们小区门口的路灯坏了很久了，晚上很黑，老人走路不方便");
  await citizen.tap("对，就是这个");
  await citizen.say("川汇区七一路和八一路交叉口东边");
  await citizen.fileAnywayIfOffered();
  await citizen.say("前天下午");
  const photo = await citizen.upload(PNG_BYTES, "lamp.png", "image/png");
  expect(photo.status).toBe(200);
  await citizen.tap("照片发完了");
  await citizen.ok({ type: "contact", phone: "13812345678", name: "王芳" });
  expect(citizen.text).toContain("【类别】市政市容");
  await citizen.tap("提交");
  return receiptOf(citizen);
}

/** Files the street-light complaint in English, as a citizen who chose English at once does. */
export async function fileInEnglish(citizen: WebCitizen): Promise<WebFiling> {
  await citizen.open();
  await citizen.start();
  await citizen.say("/lang en");
  await citizen.tap("Report a problem");
  await citizen.say("我们小区门口的路灯坏了很久了，晚上很黑，老人走路不方便");
  await citizen.tap("Yes, that's right");
  await citizen.say("川汇区七一路和八一路交叉口东边");
  await citizen.say("3 days ago");
  await citizen.tap("No photos");
  await citizen.tap("Stay anonymous");
  await citizen.tap("Send");
  const receipt = [...citizen.messages.values()].find((m) => m.kind === "receipt")?.receipt;
  expect(receipt, citizen.text).toBeDefined();
  return { trackingNo: receipt!.trackingNo, code: receipt!.queryCode };
}

/** A complaint filed in the web chat: its tracking number and query code. */
export interface WebFiling {
  readonly trackingNo: string;
  readonly code: string;
}

/**
 * The whole service on a fresh database and a web citizen who has filed a complaint with
 * `file` (fileComplaint unless given): where the web chat's specifications start.
 */
export async function startWithFiledComplaint(
  file: (citizen: WebCitizen, service: TestApp) => Promise<WebFiling> = fileComplaint,
): Promise<{ service: TestApp; citizen: WebCitizen; filed: WebFiling }> {
  const service = await startTestApp();
  const citizen = new WebCitizen(service.url);
  return { service, citizen, filed: await file(citizen, service) };
}

/**
 * Files a complaint through the API and has its unit answer it; returns once the question
 * under the answer (解决了吗？) is in the chat, the last of the answer's notices.
 */
export async function fileAndReceiveAnswer(
  service: TestApp,
  citizen: WebCitizen,
): Promise<{ trackingNo: string; code: string }> {
  const filed = await fileComplaint(citizen);
  await answerCase(service.app, filed.trackingNo);
  await deliver(service);
  const notices = (await citizen.poll()).messages.filter((m) => m.author === "notice");
  expect(notices.at(-1)?.text).toBe("请告诉我们：您反映的问题解决了吗？");
  return filed;
}

/** A page's form posted as a browser posts it (fields as given, the CSRF token among them). */
export async function postForm(
  citizen: WebCitizen,
  path: string,
  fields: Record<string, string>,
): Promise<{ status: number; html: string }> {
  const response = await citizen.fetch(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, html: await response.text() };
}

/** The case's status page as its citizen looks it up, and the CSRF token of its forms. */
export async function statusPageOf(
  citizen: WebCitizen,
  filed: WebFiling,
): Promise<{ status: number; html: string; csrf: string }> {
  const page = await postForm(citizen, "/status", {
    trackingNo: filed.trackingNo,
    queryCode: filed.code,
  });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.html)?.[1];
  expect(csrf, page.html).toBeDefined();
  return { ...page, csrf: csrf! };
}

/** A photo a page's form posts: its bytes, the name and type the browser gives it. */
export interface FormPhoto {
  readonly bytes: Buffer;
  readonly name: string;
  readonly type: string;
}

/**
 * A page's multipart form posted as a browser posts it: the fields in the form's order, then the
 * photos chosen in its file input `fileField` (none chosen: one empty part, as browsers send).
 */
export async function postMultipartForm(
  citizen: WebCitizen,
  path: string,
  fields: Record<string, string>,
  fileField: string,
  photos: readonly FormPhoto[],
): Promise<{ status: number; html: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const chosen = photos.length > 0 ? photos : [{ bytes: Buffer.alloc(0), name: "", type: "" }];
  for (const photo of chosen) {
    const blob = new Blob([new Uint8Array(photo.bytes)], {
      type: photo.type || "application/octet-stream",
    });
    form.append(fileField, blob, photo.name);
  }
  const response = await citizen.fetch(path, { method: "POST", body: form });
  return { status: response.status, html: await response.text() };
}

/**
 * The case routed by a clerk to the directory's first unit, whose chat is set so that the unit's
 * notices are written (a test reads them; nothing sends them).
 */
export async function routeToUnitWithChat(service: TestApp, trackingNo: string): Promise<void> {
  const unitId = service.app.directory.units[0]!.id;
  await service.app.db.unit.update({ where: { id: unitId }, data: { telegramChatId: "-100700" } });
  await service.app.caseActions.act(
    trackingNo,
    { type: "route", unitId },
    { kind: "clerk", id: "clerk-li" },
  );
}

/** The case's additions (补充) in its history, oldest first. */
export function additionsOf(service: TestApp, trackingNo: string) {
  return service.app.db.timelineEntry.findMany({
    where: { case: { trackingNo }, kind: "supplemented" },
    orderBy: { at: "asc" },
  });
}
