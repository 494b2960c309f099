/**
 * The console's JSON API over real HTTP on a real database: sign-in, CSRF,
 * who may see what, every action through the case actions, conflicts
 * between two clerks, and the CSV export.
 */
import { describe, expect, it } from "vitest";
import type { NumberHolder } from "../../src/domain/holder-relations.ts";
import { createCaseCardStore } from "../../src/storage/case-card-store.ts";
import { useConsoleWorld, type ConsoleClient } from "./console-world.ts";
import { UNSURE_CABLE, UNSURE_FILING, UNSURE_UNITS } from "../support/unsure-classification.ts";

const FUGOU = "urban_management.fugou";
/** Where the sign-in limit test's guesses come from, through the proxy in front of the console. */
const GUESSER = "203.0.113.7";
/** The unit's office, through the same proxy. */
const UNIT_OFFICE = "203.0.113.8";

const scene = useConsoleWorld({
  // A reverse proxy on this host: its X-Forwarded-For names the client; without one the client
  // is the connection's address, as for every other request here.
  env: { TRUST_PROXY: "127.0.0.1" },
  staff: [
    { username: "li", role: "clerk" },
    { username: "zhao", role: "handler", unitId: FUGOU },
    { username: "wang", role: "clerk" },
    { username: "qian", role: "handler", unitId: "urban_management.chuanhui" },
    { username: "sun", role: "clerk" },
  ],
});

let clerkClient: Promise<ConsoleClient> | undefined;
/** One session of clerk li for the tests that only read (sign-ins are rate limited). */
const clerkSession = () => (clerkClient ??= scene.signedIn("li"));

describe("console sign-in", () => {
  it("refuses a wrong password and an unknown user with the same message", async () => {
    const client = scene.world.client();
    const wrong = await client.signIn("li", "not the password");
    const unknown = await client.signIn("nobody", "not the password");

    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json.error.message).toBe("用户名或密码不正确。");
    expect(unknown.json.error.message).toBe(wrong.json.error.message);
    expect((await client.get("/api/session")).status).toBe(401);
  });

  it("sets an httpOnly session cookie and ends it on sign-out", async () => {
    const client = scene.world.client();
    const answer = await client.signIn("li");
    const cookie = answer.headers.getSetCookie().find((c) => c.startsWith("console_session="));

    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect((await client.get("/api/session")).json.staff).toMatchObject({
      id: scene.member("li").id,
    });
    expect((await client.send("DELETE", "/api/session")).status).toBe(204);
    expect((await client.get("/api/session")).status).toBe(401);
  });

  it("limits sign-in attempts per address, whatever the username", async () => {
    // (Guessing one username from many addresses: test/http/abuse.test.ts.)
    const guesser = scene.world.client({ "x-forwarded-for": GUESSER });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      statuses.push((await guesser.signIn(`nobody${i}`, `guess ${i}`)).status);
    }

    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    const limited = await guesser.signIn("sun");
    expect(limited.status).toBe(429);
    expect(limited.json.error.message).toContain("登录尝试次数过多");
    // Another address is not held back by the guesser's attempts.
    expect((await scene.world.client().signIn("sun")).status).toBe(200);
  });

  it("refuses a state-changing request without the CSRF token", async () => {
    const client = await scene.signedIn("li");
    const no = await scene.world.file("csrf-1");

    const signIn = await scene.world
      .client()
      .send("POST", "/api/session", { username: "li", password: "x" }, { csrf: false });
    const action = await client.send(
      "POST",
      `/api/cases/${no}/actions`,
      { action: { type: "route", unitId: FUGOU } },
      { csrf: false },
    );
    const forged = await client.send(
      "POST",
      `/api/cases/${no}/actions`,
      { action: { type: "route", unitId: FUGOU } },
      { csrf: false, headers: { "x-csrf-token": "forged" } },
    );

    expect(signIn.status).toBe(403);
    expect(action.status).toBe(403);
    expect(forged.status).toBe(403);
    expect(action.json.error.code).toBe("csrf.invalid");
    expect((await client.get(`/api/cases/${no}`)).json.case.status).toBe("submitted");
  });
});

describe("console authorisation", () => {
  it("shows a clerk the citizen's identity and a handler of the unit only the matter", async () => {
    const no = await scene.world.file("auth-1");
    const li = await scene.signedIn("li");
    await li.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "route", unitId: FUGOU },
      expectedStatus: "submitted",
    });

    const byClerk = await li.get(`/api/cases/${no}`);
    const byHandler = await (await scene.signedIn("zhao")).get(`/api/cases/${no}`);
    const byOtherUnit = await (await scene.signedIn("qian")).get(`/api/cases/${no}`);

    expect(byClerk.json.contact).toEqual({ name: "王大爷", phone: "13812345678", holder: null });
    expect(byClerk.json.contactHolder).toBeNull();
    expect(byClerk.json.contactName).toEqual({ zh: "王大爷", en: "王大爷" });
    expect(byHandler.status).toBe(200);
    expect(byHandler.json.contact).toBeNull();
    expect(byHandler.text).not.toContain("13812345678");
    expect(byHandler.text).not.toContain("王大爷");
    expect(byHandler.text).not.toContain("web:auth-1");
    expect(byHandler.json.allowed).toEqual(["start", "report_progress", "return", "extend"]);
    expect(byOtherUnit.status).toBe(404);
  });

  it("masks the name and numbers the citizen wrote into the complaint for the unit, not for the clerk", async () => {
    const description =
      "扶沟县建设路井盖丢了，我是王大爷，电话13812345678，身份证411621195001011234";
    const no = await scene.world.file("auth-words", { description });
    const li = await scene.signedIn("li");
    await li.send("POST", `/api/cases/${no}/actions`, { action: { type: "route", unitId: FUGOU } });
    const zhao = await scene.signedIn("zhao");

    const masked = "扶沟县建设路井盖丢了，我是***，电话***********，身份证******************";
    expect((await li.get(`/api/cases/${no}`)).json.description).toBe(description);
    expect((await zhao.get(`/api/cases/${no}`)).json.description).toBe(masked);
    const listed = (await zhao.get("/api/cases")).json.items.find(
      (i: { case: { trackingNo: string } }) => i.case.trackingNo === no,
    );
    expect(listed.description).toBe(masked);
    const exported = (await zhao.get("/api/export.csv")).text;
    expect(exported).toContain(masked);
    expect(exported).not.toContain("13812345678");

    // Nor may the unit find out by searching for a number it suspects.
    const found = async (session: typeof li, q: string) =>
      (await session.get(`/api/cases?q=${q}`)).json.items.map(
        (i: { case: { trackingNo: string } }) => i.case.trackingNo,
      );
    expect(await found(li, "13812345678")).toContain(no);
    expect(await found(zhao, "13812345678")).toEqual([]);
    expect(await found(zhao, "411621195001011234")).toEqual([]);
    expect(await found(zhao, "%E5%BB%BA%E8%AE%BE%E8%B7%AF")).toContain(no);
    // Nor by the name it reads masked: 王大爷 finds the case for the clerk only.
    const name = encodeURIComponent("王大爷");
    expect(await found(li, name)).toContain(no);
    expect(await found(zhao, name)).not.toContain(no);
    expect(await found(zhao, encodeURIComponent("井盖"))).toContain(no);
  });

  it("shows the citizen's addition (补充) in the history, masked for the unit as the description is", async () => {
    const no = await scene.world.file("auth-addition");
    const li = await scene.signedIn("li");
    await li.send("POST", `/api/cases/${no}/actions`, { action: { type: "route", unitId: FUGOU } });
    const addition = "我是王大爷，电话13812345678，井盖旁边还有个大坑";
    await scene.world.app.caseActions.act(
      no,
      { type: "supplement", text: addition },
      { kind: "citizen", id: "web:auth-addition" },
    );
    const zhao = await scene.signedIn("zhao");

    const entry = async (session: typeof li) =>
      (await session.get(`/api/cases/${no}`)).json.timeline.find(
        (e: { kind: string }) => e.kind === "supplemented",
      );
    expect(await entry(li)).toMatchObject({ actorKind: "citizen", data: { text: addition } });
    expect(await entry(zhao)).toMatchObject({
      data: { text: "我是***，电话***********，井盖旁边还有个大坑" },
      actorName: null,
    });
  });

  it("keeps the routing queue and other units' lists from handlers", async () => {
    const no = await scene.world.file("auth-2");
    const qian = await scene.signedIn("qian");

    expect((await qian.get("/api/queue")).status).toBe(403);
    const list = await qian.get("/api/cases");
    expect(
      list.json.items.map((i: { case: { trackingNo: string } }) => i.case.trackingNo),
    ).not.toContain(no);
    const acting = await qian.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "route", unitId: "urban_management.chuanhui" },
    });
    expect(acting.status).toBe(404);
  });

  it("asks for a session everywhere", async () => {
    const anonymous = scene.world.client();
    for (const path of [
      "/api/queue",
      "/api/cases",
      "/api/dashboard",
      "/api/export.csv",
      "/api/reference",
    ]) {
      expect((await anonymous.get(path)).status).toBe(401);
    }
  });
});

describe("a citizen's new phone number for their running case (电话换了)", () => {
  const changeTo = (no: string, citizen: string, phone: string, holder?: NumberHolder) =>
    scene.world.app.caseActions.act(
      no,
      { type: "change_contact", phone, holder },
      { kind: "citizen", id: `web:${citizen}` },
    );

  it("is the case's contact a clerk sees, name kept, on the page and the card; a unit sees neither", async () => {
    const no = await scene.world.file("phone-1");
    await scene.world.app.caseActions.act(
      no,
      { type: "route", unitId: FUGOU },
      { kind: "clerk", id: scene.member("li").id },
    );
    await changeTo(no, "phone-1", "137 1234 5678");

    // Sign-ins are rate limited: the file's one session of li reads.
    const byClerk = (await (await clerkSession()).get(`/api/cases/${no}`)).json;
    expect(byClerk.contact).toEqual({ name: "王大爷", phone: "13712345678", holder: null });
    expect(byClerk.timeline.at(-1)).toMatchObject({ kind: "contact_changed", data: null });
    // The staff cards read the same contact (a clerk's card shows it unless anonymous).
    expect(await createCaseCardStore(scene.world.app.db).matter(no)).toMatchObject({
      anonymous: false,
      contact: { name: "王大爷", phone: "13712345678" },
    });
    // From an address of its own behind the proxy: the file's sign-ins from this host are many.
    const handler = scene.world.client({ "x-forwarded-for": UNIT_OFFICE });
    expect((await handler.signIn("zhao")).status).toBe(200);
    const byHandler = await handler.get(`/api/cases/${no}`);
    expect(byHandler.json.contact).toBeNull();
    expect(byHandler.text).not.toContain("13712345678");
  });

  it("tells the clerk whose the new number is when it is a relative's", async () => {
    const no = await scene.world.file("phone-5");
    await changeTo(no, "phone-5", "15812345678", { relation: "daughter", name: null });
    const byClerk = (await (await clerkSession()).get(`/api/cases/${no}`)).json;
    expect(byClerk.contact).toEqual({
      name: "王大爷",
      phone: "15812345678",
      holder: { relation: "daughter", name: null },
    });
  });

  it("makes an anonymous case's citizen reachable to the clerks, with no name", async () => {
    const no = await scene.world.file("phone-2", { contact: { kind: "anonymous" } });
    await changeTo(no, "phone-2", "13712345678");
    const byClerk = (await (await clerkSession()).get(`/api/cases/${no}`)).json;
    expect(byClerk.contact).toEqual({ name: null, phone: "13712345678", holder: null });
    expect(await createCaseCardStore(scene.world.app.db).matter(no)).toMatchObject({
      anonymous: false,
      contact: { name: null, phone: "13712345678" },
    });
  });

  it("is refused for a case no longer running, and for someone else's", async () => {
    const no = await scene.world.file("phone-3");
    await scene.world.app.caseActions.act(
      no,
      { type: "withdraw" },
      { kind: "citizen", id: "web:phone-3" },
    );
    await expect(changeTo(no, "phone-3", "13712345678")).rejects.toMatchObject({
      code: "case.illegal_transition",
    });
    const other = await scene.world.file("phone-4");
    await expect(changeTo(other, "phone-3", "13712345678")).rejects.toMatchObject({
      code: "case.not_found",
    });
    const byClerk = (await (await clerkSession()).get(`/api/cases/${no}`)).json;
    expect(byClerk.contact).toEqual({ name: "王大爷", phone: "13812345678", holder: null });
  });
});

describe("a name given as a surname alone", () => {
  it("is kept as said and shown to a clerk as a surname (赵（只留了姓）)", async () => {
    const no = await scene.world.file("surname-1", {
      contact: { kind: "named", name: "赵", phone: "13812345678" },
    });
    const detail = (await (await scene.signedIn("li")).get(`/api/cases/${no}`)).json;
    expect(detail.contact).toEqual({ name: "赵", phone: "13812345678", holder: null });
    expect(detail.contactName).toEqual({ zh: "赵（只留了姓）", en: "赵 (surname only)" });
  });

  it("is exported as the console shows it, in the export's language", async () => {
    const no = await scene.world.file("surname-2", {
      contact: { kind: "named", name: "赵", phone: "13812345678" },
    });
    const li = await scene.signedIn("li");
    const rowOf = async (language: string) =>
      (await li.get("/api/export.csv", { "accept-language": language })).text
        .split("\r\n")
        .find((r) => r.startsWith(no))!;

    expect(await rowOf("zh")).toContain(",赵（只留了姓）,13812345678,");
    expect(await rowOf("en")).toContain(",赵 (surname only),13812345678,");
  });
});

describe("the day a case's matter happened", () => {
  it("is written for the console in both languages, no more precisely than the words said it", async () => {
    const on = (text: string, date: string, precision: "day" | "month" | "season" | "year") =>
      scene.world.file(`occurred-${precision}`, {
        occurredAt: { text, date, time: null, approximate: precision !== "day", precision },
      });
    const li = await scene.signedIn("li");
    const dayOf = async (no: string) => (await li.get(`/api/cases/${no}`)).json.occurredDay;

    expect(await dayOf(await on("一个星期前", "2026-11-20", "day"))).toEqual({
      zh: "2026-11-20",
      en: "2026-11-20",
    });
    expect(await dayOf(await on("三个月前", "2026-08-15", "month"))).toEqual({
      zh: "约 2026-08",
      en: "about 2026-08",
    });
    expect(await dayOf(await on("去年夏天", "2025-07-15", "season"))).toEqual({
      zh: "约 2025年夏天",
      en: "about summer 2025",
    });
    expect(await dayOf(await on("去年", "2025-07-01", "year"))).toEqual({
      zh: "约 2025年",
      en: "about 2025",
    });
    const noDay = await scene.world.file("occurred-none", {
      occurredAt: { text: "打我搬来就这样", date: null, ongoing: false },
    });
    expect(await dayOf(noDay)).toBeNull();
  });
});

type ClerkSession = Awaited<ReturnType<typeof clerkSession>>;

/** What a clerk sees of case `n`: its page, its row in the list and in the queue, a column exported. */
function clerkViews(li: ClerkSession, column: string) {
  const itemOf = async (path: string, n: string) =>
    (await li.get(path)).json.items.find(
      (item: { case: { trackingNo: string } }) => item.case.trackingNo === n,
    );
  return {
    detail: async (n: string) => (await li.get(`/api/cases/${n}`)).json,
    listed: (n: string) => itemOf(`/api/cases?q=${n}`, n),
    queued: (n: string) => itemOf("/api/queue", n),
    exported: async (n: string) => {
      const [header, ...rows] = (await li.get("/api/export.csv")).text.split("\r\n");
      const at = header!.split(",").indexOf(column);
      return rows.find((r) => r.startsWith(n))!.split(",")[at];
    },
  };
}

describe("a phone that is a relative's (打俺儿子电话…，他叫李强)", () => {
  it("is shown to clerks beside the number on the case and in the export; a unit sees neither", async () => {
    const no = await scene.world.file("holder-1", {
      description: "楼下饭店油烟太大，有事找俺儿子李强",
      contact: {
        kind: "named",
        name: "王",
        phone: "13838281234",
        holder: { relation: "son", name: "李强" },
      },
    });
    const own = await scene.world.file("holder-2");
    const { detail, exported } = clerkViews(await clerkSession(), "电话机主");

    expect(await detail(no)).toMatchObject({
      contact: { phone: "13838281234", holder: { relation: "son", name: "李强" } },
      contactHolder: { zh: "（儿子李强的电话）", en: " (the number of: son 李强)" },
    });
    expect(await exported(no)).toBe("儿子李强");
    expect(await exported(own)).toBe("");
    await (
      await clerkSession()
    ).send("POST", `/api/cases/${no}/actions`, {
      action: { type: "route", unitId: FUGOU },
      expectedStatus: "submitted",
    });
    const handler = scene.world.client({ "x-forwarded-for": UNIT_OFFICE });
    expect((await handler.signIn("zhao")).status).toBe(200);
    const byHandler = await handler.get(`/api/cases/${no}`);
    expect(byHandler.json).toMatchObject({ contact: null, contactHolder: null });
    expect(byHandler.text).not.toContain("李强");
    expect(byHandler.text).not.toContain("13838281234");
  });
});

describe("a complaint made for many (群体诉求)", () => {
  it("is shown to clerks on the case, in the queue and in the export, with how many it speaks for", async () => {
    const no = await scene.world.file("group-1", {
      description: "俺们工地一共三十多个农民工，老板欠了三个月工资，过年回不了家",
    });
    const alone = await scene.world.file("group-2");
    const { detail, queued, exported } = clerkViews(await clerkSession(), "群体诉求");

    const group = { count: { atLeast: 30, unit: "people" }, whole: null };
    expect((await detail(no)).group).toEqual(group);
    expect((await queued(no)).group).toEqual(group);
    expect((await detail(alone)).group).toBeNull();
    expect(await exported(no)).toBe("约 30 人以上");
    expect(await exported(alone)).toBe("");
  });
});

describe("a consultation (咨询)", () => {
  it("is shown to clerks as one on the case, in the queue, in the list and in the export", async () => {
    const no = await scene.world.file("consult-1", {
      description: "请问今年新农合一年交多少钱，在哪交",
      requestKind: "consultation",
    });
    const complaint = await scene.world.file("consult-2");
    const { detail, listed, queued, exported } = clerkViews(await clerkSession(), "诉求类型");
    const kindOf = (item: { case: { requestKind: string } } | undefined) => item?.case.requestKind;

    expect(kindOf(await detail(no))).toBe("consultation");
    expect(kindOf(await listed(no))).toBe("consultation");
    expect(kindOf(await queued(no))).toBe("consultation");
    expect(kindOf(await detail(complaint))).toBe("complaint");
    expect(await exported(no)).toBe("咨询");
    expect(await exported(complaint)).toBe("反映");
  });
});

describe("the reference data", () => {
  it("gives signed-in staff the one label table, so the console copies no list", async () => {
    const li = await scene.signedIn("li");
    const { labels } = (await li.get("/api/reference")).json;
    expect(labels.caseClass.suggestion).toEqual({ zh: "建议意见", en: "Suggestion" });
    expect(labels.outcome.explain.zh).toBe("解释说明");
    expect(Object.keys(labels.status)).toContain("under_review");
    expect(labels.method.citizen.zh).toBe("群众自选类别");
    // The history's entries are named as on the staff cards.
    expect(labels.timeline.made_urgent).toEqual({ zh: "标为紧急", en: "Marked urgent" });
  });
});

describe("console actions", () => {
  it("go through the case actions: the timeline names the staff member", async () => {
    const no = await scene.world.file("act-1");
    const li = await scene.signedIn("li");
    const zhao = await scene.signedIn("zhao");

    const routed = await li.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "route", unitId: FUGOU },
      expectedStatus: "submitted",
    });
    await zhao.send("POST", `/api/cases/${no}/actions`, { action: { type: "start" } });
    const answered = await zhao.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "answer", outcome: "support", text: "井盖已更换。" },
      expectedStatus: "in_progress",
    });

    expect(routed.status).toBe(200);
    expect(answered.json.case).toMatchObject({ status: "answered", answerOutcome: "support" });
    const entries = await scene.world.app.db.timelineEntry.findMany({
      where: { case: { trackingNo: no } },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    });
    expect(entries.map((e) => [e.kind, e.actorKind, e.actorId])).toEqual([
      ["submitted", "citizen", "web:act-1"],
      ["accepted", "clerk", scene.member("li").id],
      ["assigned", "clerk", scene.member("li").id],
      ["started", "handler", scene.member("zhao").id],
      ["answered", "handler", scene.member("zhao").id],
    ]);
    expect(answered.json.timeline.at(-1)).toMatchObject({ kind: "answered", actorName: "zhao" });
    // Each entry carries its facts as data of its kind; notes are for a person's words only.
    expect(
      answered.json.timeline.map((e: { kind: string; data: unknown; note: unknown }) => [
        e.kind,
        e.data,
        e.note,
      ]),
    ).toEqual([
      ["submitted", null, null],
      ["accepted", null, null],
      ["assigned", { unitId: FUGOU }, null],
      ["started", null, null],
      ["answered", { outcome: "support" }, null],
    ]);
  });

  it("let one of two clerks confirm; the second gets 409 with a clear message", async () => {
    const no = await scene.world.file("race-1");
    const [li, wang] = await Promise.all([scene.signedIn("li"), scene.signedIn("wang")]);
    const body = { action: { type: "route", unitId: FUGOU }, expectedStatus: "submitted" };

    const answers = await Promise.all([
      li.send("POST", `/api/cases/${no}/actions`, body),
      wang.send("POST", `/api/cases/${no}/actions`, body),
    ]);

    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const refused = answers.find((a) => a.status === 409)!;
    expect(refused.json.error).toMatchObject({
      code: "case.already_decided",
      message: "该案件已由其他工作人员处理，请刷新后查看最新状态。",
      status: "assigned",
    });
    const assigned = await scene.world.app.db.timelineEntry.count({
      where: { case: { trackingNo: no }, kind: "assigned" },
    });
    expect(assigned).toBe(1);
  });

  it("let a handler report progress, which starts the case and tells the citizen; not a clerk", async () => {
    const no = await scene.world.file("progress-1");
    const li = await scene.signedIn("li");
    const zhao = await scene.signedIn("zhao");
    await li.send("POST", `/api/cases/${no}/actions`, { action: { type: "route", unitId: FUGOU } });
    const note = "已派人现场查看，预计周五前修复。";

    const offered = await zhao.get(`/api/cases/${no}`);
    const byClerk = await li.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "report_progress", note },
    });
    const empty = await zhao.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "report_progress", note: "  " },
    });
    const reported = await zhao.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "report_progress", note },
      expectedStatus: "assigned",
    });

    expect(offered.json.allowed).toContain("report_progress");
    expect((await li.get(`/api/cases/${no}`)).json.allowed).not.toContain("report_progress");
    expect(byClerk.status).toBe(403);
    expect(empty.status).toBe(400);
    expect(reported.status).toBe(200);
    expect(reported.json.case.status).toBe("in_progress");
    expect(reported.json.allowed).toEqual(
      expect.arrayContaining(["report_progress", "answer", "extend", "return"]),
    );
    expect(reported.json.timeline.slice(-2)).toMatchObject([
      { kind: "started", actorName: "zhao" },
      { kind: "progress", actorName: "zhao", note },
    ]);
    const told = await scene.world.app.db.outboxMessage.findMany({
      where: { case: { trackingNo: no }, audience: "citizen", kind: "progress" },
    });
    expect(told).toHaveLength(1);
    expect(told[0]!.payload).toMatchObject({
      status: "in_progress",
      details: { progressNote: note },
    });
  });

  it("tell the citizen which unit has the case once a unit returned it and a clerk gave it to another", async () => {
    const no = await scene.world.file("returned-1");
    const li = await clerkSession();
    const zhao = await scene.signedIn("zhao");
    const act = (client: ConsoleClient, action: object) =>
      client.send("POST", `/api/cases/${no}/actions`, { action });
    await act(li, { type: "route", unitId: FUGOU });
    await act(zhao, { type: "return", reason: "不在本单位辖区，请改派川汇区。" });
    const assigned = await act(li, { type: "assign", unitId: "urban_management.chuanhui" });

    expect(assigned.status).toBe(200);
    const told = await scene.world.app.db.outboxMessage.findMany({
      where: { case: { trackingNo: no }, audience: "citizen" },
      orderBy: { id: "asc" },
    });
    // Told of its acceptance by 扶沟县城市管理局, then who has it now; the return itself is
    // between the staff.
    expect(told.map((m) => m.kind)).toEqual(["accepted", "transferred"]);
    expect(told[1]!.payload).toMatchObject({
      unitName: "川汇区城市管理局",
      details: { unitId: "urban_management.chuanhui" },
    });
  });

  it("offer a unit no second extension, and tell until when the citizen may ask for review", async () => {
    // Filed and answered on Saturday 28 November 2026 (the world's clock).
    const no = await scene.world.file("extend-once");
    const li = await clerkSession();
    const zhao = await scene.signedIn("zhao");
    const act = (action: object) => zhao.send("POST", `/api/cases/${no}/actions`, { action });
    await li.send("POST", `/api/cases/${no}/actions`, { action: { type: "route", unitId: FUGOU } });
    await act({ type: "start" });

    const before = await zhao.get(`/api/cases/${no}`);
    const extended = await act({ type: "extend", days: 10, reason: "需要与供水公司现场核查" });
    const answered = await act({ type: "answer", outcome: "support", text: "井盖已更换。" });
    await scene.world.app.caseActions.act(
      no,
      { type: "request_review" },
      { kind: "citizen", id: "web:extend-once" },
    );
    const listed = (await li.get(`/api/cases?q=${no}`)).json.items[0];
    const underReview = await li.get(`/api/cases/${no}`);

    expect(before.json.allowed).toContain("extend");
    expect(extended.json.allowed).not.toContain("extend");
    expect(extended.json.allowed).toEqual(expect.arrayContaining(["answer", "return"]));
    // 30 days after the answer end on Monday 28 December.
    expect(answered.json.reviewOffer).toEqual({
      stage: 1,
      until: "2026-12-28T15:59:59.999Z",
    });
    expect(before.json.reviewOffer).toBeNull();
    // Under review the list's deadline is the review's (30 days), not the handling one.
    expect(listed.case.status).toBe("under_review");
    expect(listed.dueAt).toBe(listed.case.reviewDueAt);
    expect(listed.dueAt).toBe("2026-12-28T15:59:59.999Z");
    // The 复查 is proposed to the next higher organ, not to the unit that answered.
    expect(underReview.json.case.unitId).toBe(FUGOU);
    expect(underReview.json.review).toEqual({
      stage: 1,
      unitId: "urban_management.city",
      unitName: "周口市城市管理局",
    });
    // The units it may be reassigned to: the proposed organ first, never the unit that
    // answered (the lifecycle refuses it).
    expect(underReview.json.reassignTo[0]).toBe("urban_management.city");
    expect(underReview.json.reassignTo).not.toContain(FUGOU);
    expect(underReview.json.reassignTo.length).toBeGreaterThan(1);
  });

  it("let a clerk mark a routed case urgent and lift the mark, with a reason; the unit is told, the citizen not", async () => {
    const no = await scene.world.file("urgency-1");
    const li = await clerkSession();
    const zhao = await scene.signedIn("zhao");
    const urgency = (client: ConsoleClient, urgent: boolean, reason: string, lang = "zh") =>
      client.send(
        "POST",
        `/api/cases/${no}/actions`,
        { action: { type: "set_urgency", urgent, reason }, expectedStatus: "assigned" },
        { headers: { "accept-language": lang } },
      );
    // The unit's chat, for its notices to be written at all.
    await scene.world.app.db.unit.update({
      where: { id: FUGOU },
      data: { telegramChatId: "-100700" },
    });
    await li.send("POST", `/api/cases/${no}/actions`, { action: { type: "route", unitId: FUGOU } });
    const told = (audience: string) =>
      scene.world.app.db.outboxMessage.findMany({
        where: { case: { trackingNo: no }, audience },
        orderBy: { id: "asc" },
      });
    const citizenBefore = (await told("citizen")).length;
    const missed = "电话核实：路口那个坑有半米深，天黑根本看不见";
    const falseAlarm = "电话核实：邻居做饭的味道";

    const offered = await li.get(`/api/cases/${no}`);
    const byHandler = await urgency(zhao, true, missed);
    const noReason = await urgency(li, true, " ");
    const marked = await urgency(li, true, missed);
    const again = await urgency(li, true, missed);
    const lifted = await urgency(li, false, falseAlarm);
    const liftedAgain = await urgency(li, false, falseAlarm, "en");

    expect(offered.json.allowed).toContain("set_urgency");
    expect((await zhao.get(`/api/cases/${no}`)).json.allowed).not.toContain("set_urgency");
    expect(byHandler.status).toBe(403);
    expect(noReason.status).toBe(400);
    expect(marked.status).toBe(200);
    expect(marked.json.case.isEmergency).toBe(true);
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({
      code: "case.already_urgent",
      message: "该案件已是紧急件。",
    });
    expect(lifted.json.case.isEmergency).toBe(false);
    expect(liftedAgain.status).toBe(409);
    expect(liftedAgain.json.error).toMatchObject({
      code: "case.not_urgent",
      message: "The case is not urgent.",
    });
    expect(
      lifted.json.timeline
        .slice(-2)
        .map((e: { kind: string; data: unknown; note: unknown; actorName: string }) => [
          e.kind,
          e.data,
          e.note,
          e.actorName,
        ]),
    ).toEqual([
      ["made_urgent", { cause: "clerk" }, missed, "li"],
      ["urgency_lifted", null, falseAlarm, "li"],
    ]);
    // The unit orders its work by the mark: told of both, without the clerk's note.
    const toUnit = (await told("unit")).filter((m) => m.kind === "urgency_changed");
    expect(toUnit.map((m) => m.payload)).toEqual([
      expect.objectContaining({ details: { urgent: true } }),
      expect.objectContaining({ details: { urgent: false } }),
    ]);
    expect(JSON.stringify(toUnit)).not.toContain("电话核实");
    // Staff triage: nothing new for the citizen.
    expect(await told("citizen")).toHaveLength(citizenBefore);
  });

  it("explains a refused action in the staff member's language", async () => {
    const no = await scene.world.file("refuse-1");
    const li = await scene.signedIn("li");

    const extend = await li.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "extend", days: 31, reason: "x" },
    });
    const report = await li.send(
      "POST",
      `/api/cases/${no}/actions`,
      { action: { type: "not_accept", reason: " ", channel: null } },
      { headers: { "accept-language": "en" } },
    );

    expect(extend.status).toBe(400);
    expect(report.status).toBe(400);
    expect(report.json.error.message).toContain("not valid");
    expect(report.text).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe("console reports", () => {
  it("export the filtered cases as CSV with a BOM, without identity for handlers", async () => {
    const no = await scene.world.file("csv-1", { description: '=HYPERLINK("x") 井盖, "丢了"' });
    const li = await scene.signedIn("li");
    await li.send("POST", `/api/cases/${no}/actions`, { action: { type: "route", unitId: FUGOU } });

    const byClerk = await li.get("/api/export.csv?region=fugou&category=municipal");
    const byHandler = await (await scene.signedIn("zhao")).get("/api/export.csv");

    expect(byClerk.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(byClerk.text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = byClerk.text.slice(1).trimEnd().split("\r\n");
    expect(header).toBe(
      "编号,登记时间,来源渠道,状态,类别,地区,承办单位,诉求类型,紧急,群体诉求,诉求内容,地点,纬度,经度,地区依据,不在本市,联系人,联系电话,电话机主,受理时间,办理期限,答复时间,答复结果,是否解决,满意度",
    );
    const row = rows.find((r) => r.startsWith(no))!;
    expect(row).toContain(`"'=HYPERLINK(""x"") 井盖, ""丢了"""`);
    expect(row).toContain("13812345678");
    expect(row).toContain("网页,已交办,市政市容,扶沟县,扶沟县城市管理局");
    expect(byHandler.text).not.toContain("联系电话");
    expect(byHandler.text).not.toContain("13812345678");
    expect(byHandler.text).toContain(no);
  });

  it("page the case list with cursors and the true total; find a case by its number", async () => {
    const filed = [];
    for (let i = 0; i < 3; i++) filed.push(await scene.world.file(`page-${i}`));
    const li = await clerkSession();

    const first = await li.get("/api/cases?pageSize=2&q=%E4%BA%95%E7%9B%96");
    const all = await li.get("/api/cases");
    const byNumber = await li.get(`/api/cases?q=${filed[1]}`);
    const next = await li.get(`/api/cases?after=${encodeURIComponent(all.json.next ?? "")}`);

    expect(first.json.totalIsLowerBound).toBe(false);
    expect(first.json.total).toBeGreaterThanOrEqual(3);
    expect(all.json).toMatchObject({ first: 1, pageSize: 50 });
    expect(all.json.items.length).toBe(Math.min(all.json.total, 50));
    expect(
      byNumber.json.items.map((i: { case: { trackingNo: string } }) => i.case.trackingNo),
    ).toEqual([filed[1]]);
    if (all.json.total <= 50) expect(all.json.next).toBeNull();
    else expect(next.json.first).toBe(51);
    expect((await li.get("/api/cases?after=garbage")).status).toBe(400);
  });

  it("announce the export's size and stream it", async () => {
    const li = await clerkSession();
    const total = (await li.get("/api/cases?category=municipal")).json.total;

    const csv = await li.get("/api/export.csv?category=municipal");

    expect(csv.headers.get("x-export-rows")).toBe(String(total));
    expect(csv.text.trimEnd().split("\r\n")).toHaveLength(total + 1);
  });

  it("give the queue a page at a time with the number waiting", async () => {
    const li = await clerkSession();

    const queue = await li.get("/api/queue");

    expect(queue.json).toMatchObject({ first: 1, pageSize: 50 });
    expect(queue.json.total).toBeGreaterThanOrEqual(queue.json.items.length);
    expect(queue.json.items[0]).toHaveProperty("moreDuplicates");
  });

  it("mark an unsure suggestion and give its top 3 with their units to choose from", async () => {
    const li = await clerkSession();
    const unsure = await scene.world.file("unsure-1", UNSURE_FILING);
    const sure = await scene.world.file("sure-1", {
      ...UNSURE_FILING,
      classification: { ...UNSURE_CABLE, confidence: 0.83, unsure: false },
    });

    const items = (await li.get("/api/queue")).json.items as {
      case: { trackingNo: string };
      suggestion: { unsure: boolean; choices: { categoryCode: string; unitId: string }[] };
    }[];
    const suggestionOf = (no: string) => items.find((i) => i.case.trackingNo === no)!.suggestion;

    expect(suggestionOf(unsure)).toMatchObject({ unsure: true, confidence: 0.41 });
    expect(suggestionOf(unsure).choices).toEqual(
      UNSURE_CABLE.alternatives.map((a, i) => ({
        categoryCode: a.category,
        confidence: a.confidence,
        unitId: UNSURE_UNITS[i],
        unitName: expect.stringContaining("川汇"),
      })),
    );
    expect(suggestionOf(sure)).toMatchObject({ unsure: false, choices: [] });
    const detail = await li.get(`/api/cases/${unsure}`);
    expect(detail.json.suggestion.choices).toHaveLength(3);
  });

  it("count the cases in the dashboard with the three rates", async () => {
    const li = await clerkSession();
    const dashboard = await li.get("/api/dashboard?category=municipal");

    expect(dashboard.status).toBe(200);
    expect(dashboard.json.total).toBeGreaterThan(0);
    expect(dashboard.json.byCategory).toEqual([{ key: "municipal", count: dashboard.json.total }]);
    expect(dashboard.json.rates.response.value).toBe(1);
    expect(dashboard.json.perDay).toHaveLength(30);
  });

  it("serve the console's page in Chinese before its script runs, the spinner named too", async () => {
    const page = await scene.world.client().get("/console");

    expect(page.text).toContain('<html lang="zh-CN">');
    expect(page.text).toContain('aria-label="正在加载"');
    expect(page.text).not.toContain("Loading");
  });

  it("publish the API as OpenAPI", async () => {
    const spec = await scene.world.client().get("/api/openapi.json");

    expect(spec.json.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.json.paths)).toEqual(
      expect.arrayContaining([
        "/api/session",
        "/api/cases/{trackingNo}/actions",
        "/api/export.csv",
      ]),
    );
  });
});
