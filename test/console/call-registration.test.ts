/**
 * A clerk registers a citizen's phone call or visit (来电/来访登记) in the console: POST
 * /api/cases makes a case through the chats' submitter, classified by the classifier in
 * service, with a query code the clerk reads out; bad input is refused field by field.
 */
import { describe, expect, it } from "vitest";
import { PROVIDERS } from "../support/databases.ts";
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
  },
);
