/**
 * Hostile text and numbers at every boundary get a clear answer and lose nothing: one input
 * rule (src/input-rule.ts) normalises texts (a lone surrogate becomes U+FFFD, NUL and other
 * control characters go), the boundaries' schemas refuse what is out of shape with a 400,
 * and no answer is a 500. Each case below answered 500 on main before (issue #11, point 1),
 * on PostgreSQL at least; the whole service runs on both databases.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS } from "../support/databases.ts";
import { startFakeTelegram, type FakeTelegram } from "../support/fake-telegram.ts";
import {
  startConsoleWorld,
  type ConsoleClient,
  type ConsoleWorld,
} from "../console/console-world.ts";
import { WebCitizen } from "../channels/web/web-citizen.ts";

const SECRET = "webhook_secret_0123456789";
const WEBHOOK_PATH = "/telegram/webhook";

describe.each(PROVIDERS)("hostile input (%s)", { timeout: 60_000 }, (provider) => {
  let telegram: FakeTelegram;
  let world: ConsoleWorld;
  let clerk: ConsoleClient;

  beforeAll(async () => {
    telegram = await startFakeTelegram();
    world = await startConsoleWorld(
      {
        TELEGRAM_WEBHOOK_URL: `https://bot.example.invalid${WEBHOOK_PATH}`,
        TELEGRAM_WEBHOOK_SECRET: SECRET,
      },
      { provider, telegram },
    );
    await world.addStaff("li", "clerk");
    clerk = world.client();
    expect((await clerk.signIn("li")).status).toBe(200);
  });
  afterAll(async () => {
    await world.stop();
    await telegram.close();
  });

  /** The chat log and the dialogue of a web session agree: the event is in both or neither. */
  async function consistent(eventId: string): Promise<void> {
    const logged = await world.app.db.webChatMessage.count({ where: { eventId } });
    const dialogue = await world.app.db.dialogueState.findFirst({
      where: { channel: "web", lastEventId: eventId },
    });
    expect(dialogue).not.toBeNull();
    expect(logged).toBeGreaterThan(0);
  }

  it("answers a lone surrogate in a web chat text, and a retry gets the same answer", async () => {
    const citizen = new WebCitizen(world.url);
    await citizen.open();
    await citizen.start();
    const eventId = randomUUID();
    const first = await citizen.post({ type: "text", text: "x\ud800y 路灯坏了" }, eventId);
    const again = await citizen.post({ type: "text", text: "x\ud800y 路灯坏了" }, eventId);

    expect(first.status).toBe(200);
    expect(again.body.messages).toEqual(first.body.messages);
    const own = first.body.messages!.find((m) => m.author === "citizen");
    expect(own?.text).toBe("x\ufffdy 路灯坏了");
    await consistent(eventId);
  });

  it("stores a whole turn for a text with NUL, and a retry gets the same answer", async () => {
    const citizen = new WebCitizen(world.url);
    await citizen.open();
    await citizen.start();
    const eventId = randomUUID();
    const first = await citizen.post({ type: "text", text: "你好\u0000" }, eventId);
    const again = await citizen.post({ type: "text", text: "你好\u0000" }, eventId);

    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body.messages).toEqual(first.body.messages);
    expect(first.body.messages!.find((m) => m.author === "citizen")?.text).toBe("你好");
    await consistent(eventId);
  });

  it("refuses JSON nested 50,000 deep with a 400", async () => {
    const citizen = new WebCitizen(world.url);
    await citizen.open();
    const response = await citizen.fetch("/chat/events", {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": citizen.csrfToken },
      body: "[".repeat(50_000) + "]".repeat(50_000),
    });
    expect(response.status).toBe(400);
  });

  it("answers a broken photo upload, one without a boundary and a 65-character photo id with a 4xx", async () => {
    const citizen = new WebCitizen(world.url);
    await citizen.open();
    const upload = (contentType: string, body: string) =>
      citizen.fetch("/chat/photos", {
        method: "POST",
        headers: {
          "content-type": contentType,
          "x-csrf-token": citizen.csrfToken,
          "x-chat-event-id": randomUUID(),
        },
        body,
      });
    const broken = await upload(
      "multipart/form-data; boundary=XYZ",
      '--XYZ\r\nContent-Disposition: form-data; name="photo"; filename="a.png"\r\n\r\n\x89PNG',
    );
    const noBoundary = await upload("multipart/form-data", "--\r\n");

    expect(broken.status).toBe(400);
    expect(noBoundary.status).toBeGreaterThanOrEqual(400);
    expect(noBoundary.status).toBeLessThan(500);
    expect((await citizen.fetch(`/chat/photos/${"a".repeat(65)}`)).status).toBe(404);
  });

  it("answers a status look-up with NUL in it with the status page", async () => {
    const response = await fetch(new URL("/status", world.url), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ trackingNo: "ZK-\u0000", queryCode: "12\u00003456" }).toString(),
    });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("<html");
  });

  it("refuses a sign-in with NUL in the username as a wrong password", async () => {
    const answer = await world.client().signIn("li\u0000", "x\u0000");
    expect(answer.status).toBe(401);
  });

  it("answers /api/cases/%00 and a dashboard from the year 0 without a 500", async () => {
    expect((await clerk.get("/api/cases/%00")).status).toBe(400);
    expect((await clerk.get("/api/cases/ZK-%00-0001")).status).toBe(404);
    expect((await clerk.get("/api/dashboard?from=0000-01-01")).status).toBe(400);
  });

  it("keeps a not-accept reason with NUL, without the NUL", async () => {
    const no = await world.file(`nul-${provider}`);
    const answer = await clerk.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "not_accept", reason: "不属于\u0000受理范围", channel: null },
    });
    expect(answer.status).toBe(200);
    const stored = await world.app.db.case.findUniqueOrThrow({ where: { trackingNo: no } });
    expect(stored.notAcceptedReason).toBe("不属于受理范围");
  });

  describe("the Telegram webhook", () => {
    const post = (body: string) =>
      fetch(new URL(WEBHOOK_PATH, world.url), {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body,
      });
    const update = (updateId: number | string, text: string) =>
      `{"update_id":${updateId},"message":{"message_id":1,"date":1796000000,"chat":{"id":777,"type":"private","first_name":"x"},"from":{"id":777,"is_bot":false,"first_name":"x"},"text":${JSON.stringify(text)}}}`;

    it("stores an update whose text has NUL and a lone surrogate", async () => {
      const response = await post(update(5_000_001, "a\u0000b\ud800"));
      expect(response.status).toBe(200);
      const row = await world.app.db.inboxUpdate.findUniqueOrThrow({
        where: { channel_updateId: { channel: "telegram", updateId: "5000001" } },
      });
      expect((row.payload as { message: { text: string } }).message.text).toBe("ab\ufffd");
    });

    it.each(["1.5", "1e20", String(2n ** 63n), "-1", '"7"'])(
      "refuses update_id %s with a 400",
      async (updateId) => {
        const response = await post(update(updateId, "hi"));
        expect(response.status).toBe(400);
      },
    );

    it("refuses JSON nested 50,000 deep with a 400 that names no file of ours", async () => {
      const response = await post(`{"a":${"[".repeat(50_000)}${"]".repeat(50_000)}}`);
      expect(response.status).toBe(400);
      const body = await response.text();
      expect(body).not.toMatch(/\/src\/|\/work\/|node_modules|\.ts\b/);
      expect(JSON.parse(body)).toMatchObject({ error: { code: "bad_json" } });
    });
  });
});
