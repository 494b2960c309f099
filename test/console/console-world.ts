/**
 * The whole service on a fresh SQLite database, with helpers for console
 * tests: file a citizen's complaint, add staff, and a small HTTP client that
 * keeps cookies and sends the CSRF token like the console's browser app.
 */
import { loadDuplicateScorer } from "../../src/classification/duplicate-scorer.ts";
import { loadCalendar } from "../../src/calendar/load-calendar.ts";
import { hashPassword } from "../../src/console/passwords.ts";
import type { ComplaintSubmission } from "../../src/domain/intake/ports.ts";
import { createOutboxStore } from "../../src/notifications/outbox-store.ts";
import { createAddressBook } from "../../src/storage/address-book.ts";
import { createComplaintSubmitter } from "../../src/storage/complaint-submitter.ts";
import { createIdentityStore } from "../../src/storage/identity-store.ts";
import type { Db } from "../../src/storage/database.ts";
import type { DatabaseProvider } from "../../src/storage/database-url.ts";
import { createConsoleStaffStore, type StaffIdentity } from "../../src/storage/staff-store.ts";
import { startTestApp, type TestApp, type TestAppOptions } from "../support/test-app.ts";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { launchChromium } from "../support/browser.ts";
import { signIn } from "../support/console-pages.ts";
import { afterAll, beforeAll, expect } from "vitest";
import { HOUR } from "../support/clock.ts";
import { CLOSE_AFTER_ANSWER } from "../support/local-http.ts";

export const PASSWORD = "correct horse battery";

export interface ConsoleWorld extends TestApp {
  /** Files a complaint as web citizen `citizen`; resolves with its tracking number. */
  file(citizen: string, overrides?: Partial<ComplaintSubmission>): Promise<string>;
  addStaff(
    username: string,
    role: "clerk" | "handler" | "admin",
    unitId?: string,
    displayName?: string,
  ): Promise<StaffIdentity>;
  /** A new client; `headers` go with each of its requests (a proxy's X-Forwarded-For, say). */
  client(headers?: Record<string, string>): ConsoleClient;
}

export async function startConsoleWorld(
  env: Record<string, string> = {},
  options: Omit<TestAppOptions, "env"> = {},
): Promise<ConsoleWorld> {
  const test = await startTestApp({ ...options, env });
  const { db, directory } = test.app;
  const calendar = await loadCalendar();
  const submitter = createComplaintSubmitter({
    db,
    directory,
    calendar: () => calendar,
    scorer: await loadDuplicateScorer(directory),
    notifications: {
      outbox: createOutboxStore(db, test.clock),
      directory,
      addresses: createAddressBook(db, {}),
    },
  });
  const identities = createIdentityStore(db);
  const staff = createConsoleStaffStore(db);
  let drafts = 0;
  return {
    ...test,
    async file(citizen, overrides = {}) {
      await identities.touch("web", citizen, citizen, test.clock.now());
      const receipt = await submitter.submit({
        idempotencyKey: `web:${citizen}#${++drafts}`,
        citizenRef: `web:${citizen}`,
        locale: "zh",
        description: "扶沟县城关镇建设路上的井盖丢了，晚上很危险",
        category: "municipal",
        classification: null,
        region: "fugou",
        regionSource: "text",
        address: "建设路与人民路交叉口",
        location: null,
        occurredAt: null,
        photos: [],
        contact: { kind: "named", name: "王大爷", phone: "13812345678" },
        isEmergency: false,
        startedAt: test.clock.now(),
        submittedAt: test.clock.now(),
        ...overrides,
      });
      return receipt.trackingNo;
    },
    async addStaff(username, role, unitId, displayName = username) {
      return staff.add({
        username,
        displayName,
        role,
        unitId: unitId ?? null,
        passwordHash: await hashPassword(PASSWORD),
      });
    },
    client: (headers) => new ConsoleClient(test.url, headers),
  };
}

/** A desktop screen: what a console page is looked at on unless a test says otherwise. */
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1366, height: 900 } };

/** What a page of `ConsoleScene.signedInPage` is opened on and its errors collected in. */
export interface PageOptions {
  /** 1366×900 desktop (`DESKTOP`) unless given. */
  readonly device?: BrowserContextOptions;
  /** A new list unless one is given, to watch several pages in one. */
  readonly errors?: string[];
  /** The console of another instance of the world (`world.another()`) instead of the world's. */
  readonly at?: string;
}

/** A member of staff a console test file starts with (password `PASSWORD`). */
export interface StaffMember {
  readonly username: string;
  readonly role: "clerk" | "handler" | "admin";
  readonly unitId?: string;
  readonly displayName?: string;
}

/** What a console test file starts with: the world's settings and its staff. */
export interface ConsoleWorldOptions {
  /** As for startConsoleWorld, or a function giving them when an earlier hook makes them. */
  readonly env?: Record<string, string> | (() => Record<string, string>);
  readonly staff?: readonly StaffMember[];
  /** The database the world runs on (SQLite unless given). */
  readonly provider?: DatabaseProvider;
}

/** The console world of a test file, read inside its tests and hooks. */
export interface ConsoleWorldScene {
  readonly world: ConsoleWorld;
  /** The identity of a member of the file's `staff`. */
  member(username: string): StaffIdentity;
  /** A new client signed in as `username` (password `PASSWORD`); the test fails otherwise. */
  signedIn(username: string): Promise<ConsoleClient>;
}

/** The console world and headless Chromium of a test file, read inside its tests and hooks. */
export interface ConsoleScene extends ConsoleWorldScene {
  readonly browser: Browser;
  /**
   * A page in a new context of the browser, signed in to the console as `username`; what the
   * page throws is collected in `errors`.
   */
  signedInPage(username: string, options?: PageOptions): Promise<{ page: Page; errors: string[] }>;
}

interface StartedWorld {
  readonly world: ConsoleWorld;
  readonly members: ReadonlyMap<string, StaffIdentity>;
}

/** A console world with the members of `staff` added. */
async function startWorldWithStaff({
  env = {},
  staff = [],
  provider,
}: ConsoleWorldOptions): Promise<StartedWorld> {
  const world = await startConsoleWorld(
    typeof env === "function" ? env() : env,
    provider ? { provider } : {},
  );
  const members = new Map<string, StaffIdentity>();
  for (const { username, role, unitId, displayName } of staff) {
    members.set(username, await world.addStaff(username, role, unitId, displayName));
  }
  return { world, members };
}

/** The scene of a world started (or not yet) by the file's hooks. */
function worldScene(started: () => StartedWorld | undefined): ConsoleWorldScene {
  const scene: ConsoleWorldScene = {
    get world() {
      const world = started()?.world;
      if (!world) throw new Error("the console world starts in the file's beforeAll");
      return world;
    },
    member(username) {
      const identity = started()?.members.get(username);
      if (!identity) throw new Error(`${username} is not among the file's staff`);
      return identity;
    },
    async signedIn(username) {
      const client = scene.world.client();
      expect((await client.signIn(username)).status).toBe(200);
      return client;
    },
  };
  return scene;
}

/**
 * Registers hooks where it is called (a test file, or a describe of one): before their tests
 * the console world starts, one for them all, and `staff` are added; after them it stops.
 * `world` throws when read before the hooks have run.
 */
export function useConsoleWorld(options: ConsoleWorldOptions = {}): ConsoleWorldScene {
  let started: StartedWorld | undefined;
  beforeAll(async () => {
    started = await startWorldWithStaff(options);
  });
  afterAll(async () => {
    await started?.world.stop();
  });
  return worldScene(() => started);
}

/**
 * As useConsoleWorld, with a headless Chromium started together with the world and closed
 * after the file's tests. `browser` throws when read before the hooks have run.
 */
export function useConsoleAndBrowser(options: ConsoleWorldOptions = {}): ConsoleScene {
  let started: StartedWorld | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [started, browser] = await Promise.all([startWorldWithStaff(options), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await started?.world.stop();
  });
  const worldOf = worldScene(() => started);
  const scene: ConsoleScene = {
    get world() {
      return worldOf.world;
    },
    member: worldOf.member,
    signedIn: worldOf.signedIn,
    get browser() {
      if (!browser) throw new Error("the browser starts in the file's beforeAll");
      return browser;
    },
    async signedInPage(username, { device = DESKTOP, errors = [], at = scene.world.url } = {}) {
      const page = await (await scene.browser.newContext(device)).newPage();
      // Where it was thrown too: a failure on a loaded machine is seldom seen twice.
      page.on("pageerror", (e) => errors.push(String(e.stack ?? e.message).slice(0, 1500)));
      await signIn(page, at, username, PASSWORD);
      return { page, errors };
    },
  };
  return scene;
}

/**
 * A case filed by web citizen `citizen`, routed to `unitId` by the clerk `li` and started there by
 * the handler `zhao` (both of the scene's staff), with zhao signed in.
 */
export async function startedAtUnit(
  scene: ConsoleWorldScene,
  citizen: string,
  unitId: string,
): Promise<{ no: string; zhao: ConsoleClient }> {
  const no = await scene.world.file(citizen);
  const li = await scene.signedIn("li");
  const zhao = await scene.signedIn("zhao");
  await li.send("POST", `/api/cases/${no}/actions`, { action: { type: "route", unitId } });
  await zhao.send("POST", `/api/cases/${no}/actions`, { action: { type: "start" } });
  return { no, zhao };
}

/** A clerk and a handler of one unit, signed in, and cases filed straight to that unit. */
export interface ClerkAndUnit {
  readonly clerk: ConsoleClient;
  readonly handler: ConsoleClient;
  /** Files a complaint and routes it to the unit, an hour after the one before (a list's order). */
  fileToUnit(citizen: string, overrides?: Partial<ComplaintSubmission>): Promise<string>;
}

/**
 * Clerk li and handler zhao of `unitId`, signed in: the scene of a search the unit could run
 * over every case filed through `fileToUnit` but for what it may not read.
 */
export async function clerkAndUnit(world: ConsoleWorld, unitId: string): Promise<ClerkAndUnit> {
  await world.addStaff("li", "clerk");
  await world.addStaff("zhao", "handler", unitId);
  const clerk = world.client();
  const handler = world.client();
  expect((await clerk.signIn("li")).status).toBe(200);
  expect((await handler.signIn("zhao")).status).toBe(200);
  const fileToUnit = async (citizen: string, overrides?: Partial<ComplaintSubmission>) => {
    const no = await world.file(citizen, overrides);
    await clerk.send("POST", `/api/cases/${no}/actions`, { action: { type: "route", unitId } });
    world.clock.advance(HOUR);
    return no;
  };
  return { clerk, handler, fileToUnit };
}

/** Adds clerk `username` to any running service's database and signs them in to its console. */
export function signedInClerk(db: Db, url: string, username = "li"): Promise<ConsoleClient> {
  return signedInStaff(db, url, username, null);
}

/**
 * Adds `username` to any running service's database — a handler of `unitId`, or a clerk when
 * it is null — and signs them in to its console.
 */
export async function signedInStaff(
  db: Db,
  url: string,
  username: string,
  unitId: string | null,
): Promise<ConsoleClient> {
  await createConsoleStaffStore(db).add({
    username,
    displayName: username,
    role: unitId === null ? "clerk" : "handler",
    unitId,
    passwordHash: await hashPassword(PASSWORD),
  });
  const staff = new ConsoleClient(url);
  const answer = await staff.signIn(username);
  if (answer.status !== 200) throw new Error(`sign-in of ${username}: ${answer.status}`);
  return staff;
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test convenience for reading JSON answers
  readonly json: any;
}

/** A staff member's browser, without the browser: cookies and the CSRF token. */
export class ConsoleClient {
  private readonly cookies = new Map<string, string>();
  private csrfToken: string | null = null;

  constructor(
    private readonly base: string,
    private readonly everyRequestHeaders: Record<string, string> = {},
  ) {}

  async signIn(username: string, password = PASSWORD): Promise<Answer> {
    return this.send("POST", "/api/session", { username, password });
  }

  /** The session's cookies as a Cookie header, for a raw fetch (binary content). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
    return this.send("GET", path, undefined, { headers });
  }

  /** A state-changing request; `csrf: false` leaves the token out. */
  async send(
    method: string,
    path: string,
    body?: unknown,
    options: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = {
      ...CLOSE_AFTER_ANSWER,
      ...this.everyRequestHeaders,
      ...options.headers,
    };
    if (method !== "GET" && options.csrf !== false) {
      headers["x-csrf-token"] = await this.token();
    }
    // A FormData body (an upload) sets its own multipart content type.
    const form = body instanceof FormData;
    if (body !== undefined && !form) headers["content-type"] = "application/json";
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    }
    const response = await fetch(this.base + path, {
      method,
      headers,
      ...(body !== undefined && { body: form ? body : JSON.stringify(body) }),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = (pair ?? "").split("=");
      if (!name) continue;
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join("="));
    }
    // ignoreBOM keeps a byte-order mark in the text, where a CSV test looks for it.
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  private async token(): Promise<string> {
    if (this.csrfToken === null) {
      const answer = await this.get("/api/csrf");
      this.csrfToken = (answer.json as { csrfToken: string }).csrfToken;
    }
    return this.csrfToken;
  }
}

/** The case list's page for `query` as a clerk reads it: the true total and the numbers, newest first. */
export async function listedCases(
  clerk: ConsoleClient,
  query: string,
): Promise<{ total: number; numbers: string[] }> {
  const page = (await clerk.get(`/api/cases?${query}`)).json;
  const numbers = page.items.map((i: { case: { trackingNo: string } }) => i.case.trackingNo);
  return { total: page.total, numbers };
}
