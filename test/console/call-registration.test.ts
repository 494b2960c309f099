/**
 * A clerk registers a citizen's phone call or visit (来电/来访登记) in the console: POST
 * /api/cases makes a case through the chats' submitter, classified by the classifier in
 * service, with a query code the clerk reads out; bad input is refused field by field. A caller
 * who phones again with the same mobile is the same citizen, and the clerk sees their earlier
 * cases while they are on the line.
 */
import { describe, expect, it } from "vitest";
import { createPhoneSignInStore } from "../../src/storage/phone-sign-in-store.ts";
import { PROVIDERS } from "../support/databases.ts";
import { MINUTE } from "../support/clock.ts";
import { useConsoleWorld, type ConsoleClient } from "./console-world.ts";

const STAFF = [
  { username: "li", role: "clerk", displayName: "李登记" },
  { username: "zhao", role: "handler", unitId: "urban_management.fugou" },
  { username: "root", role: "admin" },
] as const;

/** A manhole cover gone in Fugou, phoned in by Mr Wang. */
const CALL = {
  channel: "phone",
  description: "扶沟县城关镇建设路上的井盖丢了，晚上很危险",
  region: "fugou",
  address: "建设路与人民路交叉口",
  anonymous: false,
  name: "王大爷",
  phone: "13812345678",
} as const;

function register(client: ConsoleClient, body: object) {
  return client.send("POST", "/api/cases", body);
}

/** The cases the clerk sees for a caller's number as they type it. */
function earlierCases(client: ConsoleClient, phone: string) {
  return client.send("POST", "/api/cases/of-caller", { phone });
}

/** The status page a citizen opens with the number and code the clerk read out. */
async function statusPage(url: string, trackingNo: string, queryCode: string) {
  const response = await fetch(new URL("/status", url), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ trackingNo, queryCode }).toString(),
  });
  return { status: response.status, html: await response.text() };
}

describe.each(PROVIDERS)(
  "a call or visit registered by a clerk (%s)",
  { timeout: 60_000 },
  (provider) => {
    const scene = useConsoleWorld({ staff: STAFF, provider });

    it("becomes a case with a number and query code, classified in the queue, registered by the clerk as a call", async () => {
      const li = await scene.signedIn("li");
      const answer = await register(li, CALL);
      expect(answer.status).toBe(201);
      const { trackingNo, queryCode, receiptBySms } = answer.json;
      expect(trackingNo).toMatch(/^[A-Z]+-\d{8}-\d{4}$/);
      expect(queryCode).toMatch(/^\d{4,6}$/);
      // No SMS provider: the clerk reads the number and code out to the caller.
      expect(receiptBySms).toBe(false);

      const queued = (await li.get("/api/queue")).json.items.find(
        (item: { case: { trackingNo: string } }) => item.case.trackingNo === trackingNo,
      );
      expect(queued.suggestion).toMatchObject({
        categoryCode: "municipal",
        unitId: expect.stringMatching(/\.fugou$/),
      });
      expect(queued.suggestion.method).not.toBe("citizen");

      const detail = (await li.get(`/api/cases/${trackingNo}`)).json;
      expect(detail).toMatchObject({
        channel: "phone",
        anonymous: false,
        contact: { name: "王大爷", phone: "13812345678" },
        case: { status: "submitted" },
      });
      const acceptanceDays =
        (Date.parse(detail.case.acceptanceDueAt) - Date.parse(detail.case.submittedAt)) /
        86_400_000;
      expect(acceptanceDays).toBeGreaterThanOrEqual(15);
      expect(detail.timeline[0]).toMatchObject({ actorKind: "clerk", actorName: "李登记" });

      const status = await statusPage(scene.world.url, trackingNo, queryCode);
      expect(status.status).toBe(200);
      expect(status.html).toContain(`<h2 id="result-heading">${trackingNo}</h2>`);
    });

    it("files one case for a form submitted twice (a double click, a retry after a lost answer), answering its receipt again", async () => {
      const li = await scene.signedIn("li");
      const submitted = {
        ...CALL,
        phone: "13900001212",
        submissionKey: "0123456789abcdef0123456789abcdef",
      };
      const answers = await Promise.all([register(li, submitted), register(li, submitted)]);
      const again = await register(li, submitted);
      expect([...answers, again].map((answer) => answer.status)).toEqual([201, 201, 201]);
      const [first] = answers;
      for (const answer of [...answers, again]) expect(answer.json).toEqual(first!.json);
      const { db } = scene.world.app;
      expect(await db.case.count({ where: { trackingNo: first!.json.trackingNo } })).toBe(1);
      expect(await db.case.count({ where: { contactPhone: "13900001212" } })).toBe(1);
      // Another form (a new key, or none) is another case.
      const next = await register(li, { ...CALL, submissionKey: "f".repeat(32) });
      expect(next.json.trackingNo).not.toBe(first!.json.trackingNo);
      expect(
        (await register(li, { ...CALL, submissionKey: "not a key" })).json.error.fields,
      ).toEqual({
        submissionKey: "bad_key",
      });
    });

    it("files a form sent again with another call's words as that call's case, never answering the first caller's number and code", async () => {
      const li = await scene.signedIn("li");
      const submissionKey = "00112233445566778899aabbccddeeff";
      const first = await register(li, { ...CALL, phone: "13900003434", submissionKey });
      // The answer was lost on the way; the clerk took the next call on the same form.
      const next = await register(li, {
        ...CALL,
        description: "川汇区七一路的路灯坏了一个月了",
        region: "chuanhui",
        address: "七一路",
        name: "刘女士",
        phone: "13900005656",
        submissionKey,
      });

      expect([first.status, next.status]).toEqual([201, 201]);
      expect(next.json.trackingNo).not.toBe(first.json.trackingNo);
      expect(next.json.queryCode).not.toBe(first.json.queryCode);
      const filed = await scene.world.app.db.case.findUniqueOrThrow({
        where: { trackingNo: next.json.trackingNo },
      });
      expect(filed).toMatchObject({ contactPhone: "13900005656", contactName: "刘女士" });
    });

    it("marks an immediate danger urgent as a chat does, and an ordinary matter not", async () => {
      const li = await scene.signedIn("li");
      const urgency = async (description: string) => {
        const { trackingNo } = (await register(li, { ...CALL, description })).json;
        const { db } = scene.world.app;
        return (await db.case.findUniqueOrThrow({ where: { trackingNo } })).isEmergency;
      };
      expect(await urgency(CALL.description)).toBe(true);
      expect(await urgency("扶沟县城关镇某公司拖欠我三个月工资")).toBe(false);
    });

    it("keeps a visitor who gave no name or phone anonymous", async () => {
      const li = await scene.signedIn("li");
      const answer = await register(li, {
        channel: "visit",
        description: "扶沟县城关镇建设路的路灯坏了一个月了",
        region: "fugou",
        anonymous: true,
        occurredOn: "2026-11-01",
      });
      expect(answer.status).toBe(201);
      const detail = (await li.get(`/api/cases/${answer.json.trackingNo}`)).json;
      expect(detail).toMatchObject({ channel: "visit", anonymous: true, contact: null });
    });

    it("sends a report against an official only to the discipline body", async () => {
      const li = await scene.signedIn("li");
      const answer = await register(li, {
        ...CALL,
        description: "扶沟县城关镇的村支书贪污受贿，把低保给了自己亲戚",
      });
      expect(answer.status).toBe(201);
      const detail = (await li.get(`/api/cases/${answer.json.trackingNo}`)).json;
      expect(detail.case.caseClass).toBe("report");
      const queued = (await li.get("/api/queue")).json.items.find(
        (item: { case: { trackingNo: string } }) => item.case.trackingNo === answer.json.trackingNo,
      );
      expect(queued.suggestion).toMatchObject({
        categoryCode: "discipline",
        unitId: expect.stringMatching(/^discipline\./),
      });
    });

    it("is for clerks and administrators: a unit's handler may not register, nor anyone signed out", async () => {
      const zhao = await scene.signedIn("zhao");
      expect((await register(zhao, CALL)).status).toBe(403);
      expect((await register(scene.world.client(), CALL)).status).toBe(401);
      const root = await scene.signedIn("root");
      expect((await register(root, CALL)).status).toBe(201);
    });

    it("needs the console's CSRF token like every other change", async () => {
      const li = await scene.signedIn("li");
      expect((await li.send("POST", "/api/cases", CALL, { csrf: false })).status).toBe(403);
    });

    it("refuses bad input with a 400 that names each field, and registers nothing", async () => {
      const li = await scene.signedIn("li");
      const before = (await li.get("/api/cases")).json.total;
      const answer = await register(li, {
        channel: "letter",
        description: "   ",
        region: "atlantis",
        occurredOn: "2999-01-01",
        anonymous: false,
        phone: "12",
      });
      expect(answer.status).toBe(400);
      expect(answer.json.error).toMatchObject({
        code: "registration.invalid",
        message: "登记内容有误，请按提示修改后再提交。",
        fields: {
          channel: "required",
          description: "required",
          region: "unknown_region",
          occurredOn: "future_date",
          phone: "bad_phone",
        },
      });
      const named = await register(li, { ...CALL, phone: "" });
      expect(named.json.error.fields).toEqual({ phone: "required" });
      expect(
        (await register(li, { ...CALL, description: "修".repeat(2001) })).json.error.fields,
      ).toEqual({
        description: "too_long",
      });
      expect((await li.get("/api/cases")).json.total).toBe(before);
    });

    it("is exported with how the citizen came, in the export's language", async () => {
      const li = await scene.signedIn("li");
      const call = (await register(li, CALL)).json.trackingNo;
      const visit = (await register(li, { ...CALL, channel: "visit" })).json.trackingNo;
      const chat = await scene.world.file("exported-chat-citizen");
      const channelsIn = async (language: string, heading: string) => {
        const csv = (await li.get("/api/export.csv", { "accept-language": language })).text;
        const [header, ...rows] = csv.slice(1).trimEnd().split("\r\n");
        const column = header!.split(",").indexOf(heading);
        expect(column, language).toBeGreaterThan(0);
        // The number, the time and the channel come before any text that may hold a comma.
        const channelOf = (no: string) =>
          rows.find((row) => row.startsWith(no))!.split(",")[column];
        return [call, visit, chat].map(channelOf);
      };
      expect(await channelsIn("zh", "来源渠道")).toEqual(["来电登记", "来访登记", "网页"]);
      expect(await channelsIn("en", "Channel")).toEqual([
        "Phone call (registered by a clerk)",
        "Visit (registered by a clerk)",
        "Web",
      ]);
    });

    describe("a caller who calls again", () => {
      /** The citizen and channel of each case, in the order given. */
      async function filedBy(...trackingNos: string[]) {
        const rows = await scene.world.app.db.case.findMany({
          where: { trackingNo: { in: trackingNos } },
          select: { trackingNo: true, citizenId: true, contactName: true, channel: true },
        });
        return trackingNos.map((no) => rows.find((row) => row.trackingNo === no)!);
      }

      /** Registers `body` a minute after the case before, so that "newest" is plain. */
      async function registered(li: ConsoleClient, body: object): Promise<string> {
        scene.world.clock.advance(MINUTE);
        const answer = await register(li, body);
        expect(answer.status).toBe(201);
        return answer.json.trackingNo;
      }

      it("with the same mobile is the same citizen, by phone or in person, each case keeping the name given then", async () => {
        const li = await scene.signedIn("li");
        const first = await registered(li, { ...CALL, phone: "139 0000 1111" });
        const visit = await registered(li, {
          ...CALL,
          channel: "visit",
          name: "王老汉",
          phone: "13900001111",
        });
        const again = await registered(li, { ...CALL, phone: "139-0000-1111" });
        const [a, b, c] = await filedBy(first, visit, again);
        expect([b!.citizenId, c!.citizenId]).toEqual([a!.citizenId, a!.citizenId]);
        expect([a!.contactName, b!.contactName, c!.contactName]).toEqual([
          "王大爷",
          "王老汉",
          "王大爷",
        ]);
        const { db } = scene.world.app;
        const identities = await db.channelIdentity.findMany({
          where: { citizenId: a!.citizenId },
          select: { channel: true },
        });
        expect(identities.map((i) => i.channel).sort()).toEqual(["phone", "visit"]);
        const citizen = await db.citizen.findUniqueOrThrow({ where: { id: a!.citizenId } });
        expect(citizen).toMatchObject({ name: "王大爷", phone: "13900001111" });
      });

      it("registered twice at the same moment with a new mobile, by two clerks or a double submit, is one citizen", async () => {
        const [li, root] = await Promise.all([scene.signedIn("li"), scene.signedIn("root")]);
        const answers = await Promise.all(
          [li, root, li, root].map((clerk) => register(clerk, { ...CALL, phone: "13900006666" })),
        );
        expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201]);
        const filed = await filedBy(...answers.map((answer) => answer.json.trackingNo));
        expect(new Set(filed.map((row) => row.citizenId)).size).toBe(1);
        const { db } = scene.world.app;
        expect(await db.channelIdentity.count({ where: { citizenId: filed[0]!.citizenId } })).toBe(
          1,
        );
      });

      it("shows the clerk that number's cases newest first, a chat citizen's too, without making them one citizen", async () => {
        const li = await scene.signedIn("li");
        expect((await earlierCases(li, "139 0000 2222")).json).toEqual({
          valid: true,
          landline: false,
          total: 0,
          cases: [],
        });
        expect((await earlierCases(li, "139 0000")).json).toEqual({
          valid: false,
          landline: false,
          total: 0,
          cases: [],
        });
        scene.world.clock.advance(MINUTE);
        const chat = await scene.world.file("chat-citizen-2222", {
          contact: { kind: "named", name: "王大爷", phone: "13900002222" },
        });
        const lamp = await registered(li, {
          ...CALL,
          description: "扶沟县城关镇建设路的路灯坏了一个月了",
          phone: "13900002222",
        });
        const cover = await registered(li, { ...CALL, phone: "13900002222" });

        const answer = await earlierCases(li, "139 0000 2222");
        expect(answer.status).toBe(200);
        expect(answer.json.total).toBe(3);
        expect(answer.json.cases.map((c: { trackingNo: string }) => c.trackingNo)).toEqual([
          cover,
          lamp,
          chat,
        ]);
        expect(answer.json.cases[1]).toEqual({
          trackingNo: lamp,
          submittedAt: expect.any(String),
          status: "submitted",
          categoryCode: expect.any(String),
          channel: "phone",
          title: "扶沟县城关镇建设路的路灯坏了一个月了",
          contactName: "王大爷",
        });
        expect(answer.json.cases[2].channel).toBe("web");
        const [web, call] = await filedBy(chat, lamp);
        expect(call!.citizenId).not.toBe(web!.citizenId);
      });

      it("shows at most the five newest, with how many there are", async () => {
        const li = await scene.signedIn("li");
        const numbers = [];
        for (let i = 0; i < 6; i++) {
          numbers.push(await registered(li, { ...CALL, phone: "13900003333" }));
        }
        const { json } = await earlierCases(li, "13900003333");
        expect(json.total).toBe(6);
        expect(json.cases.map((c: { trackingNo: string }) => c.trackingNo)).toEqual(
          numbers.slice(1).reverse(),
        );
      });

      it("is never linked when anonymous or calling from a landline, which a household shares", async () => {
        const li = await scene.signedIn("li");
        const home = await registered(li, { ...CALL, phone: "0394-8234568" });
        const neighbour = await registered(li, { ...CALL, name: "李大娘", phone: "0394 8234568" });
        const named = await registered(li, { ...CALL, phone: "13900004444" });
        const unnamed = await registered(li, { ...CALL, anonymous: true, name: "", phone: "" });
        const [a, b, c, d] = await filedBy(home, neighbour, named, unnamed);
        expect(b!.citizenId).not.toBe(a!.citizenId);
        expect(d!.citizenId).not.toBe(c!.citizenId);
        // The clerk still sees what was registered with the landline, told it is shared.
        expect((await earlierCases(li, "0394-8234568")).json).toMatchObject({
          landline: true,
          total: 2,
        });
      });

      it("finds the calls registered with their mobile in the citizen's 我的诉求", async () => {
        const li = await scene.signedIn("li");
        const call = await registered(li, { ...CALL, phone: "139 0000 5555" });
        const mine = await createPhoneSignInStore(scene.world.app.db).casesOf("13900005555", 10);
        expect(mine.map((c) => c.trackingNo)).toEqual([call]);
      });

      it("records the region as chosen by the clerk, not as the caller's words", async () => {
        const li = await scene.signedIn("li");
        const trackingNo = await registered(li, CALL);
        const detail = (await li.get(`/api/cases/${trackingNo}`)).json;
        expect(detail.regionSource).toBe("clerk");
      });

      it("is looked up by clerks only, with the console's CSRF token", async () => {
        const zhao = await scene.signedIn("zhao");
        expect((await earlierCases(zhao, "13812345678")).status).toBe(403);
        expect((await earlierCases(scene.world.client(), "13812345678")).status).toBe(401);
        const li = await scene.signedIn("li");
        const unguarded = await li.send(
          "POST",
          "/api/cases/of-caller",
          { phone: "13812345678" },
          { csrf: false },
        );
        expect(unguarded.status).toBe(403);
      });
    });
  },
);
