/**
 * Properties of every public endpoint, checked with fast-check on generated input: any
 * Unicode (lone surrogates and control characters included), huge and deeply nested
 * values, wrong types. Whatever arrives, the answer is never a 5xx, and no turn is left
 * half-written (a dialogue that took an event has that event's entries in the chat log).
 * Seeded: a failure prints its seed and path, and the same seed replays it.
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startConsoleWorld,
  type ConsoleClient,
  type ConsoleWorld,
} from "../console/console-world.ts";
import { WebCitizen } from "../channels/web/web-citizen.ts";
import { weComSetup } from "../channels/wecom/wecom-citizen.ts";
import { MovableClock } from "../support/clock.ts";
import { PROVIDERS } from "../support/databases.ts";
import { startFakeTelegram, type FakeTelegram } from "../support/fake-telegram.ts";
import { startFakeWeCom, type FakeWeCom, type WeComCallbackSender } from "../support/fake-wecom.ts";

const SEED = 20_261_202;
const RUNS = 40;
const SECRET = "webhook_secret_0123456789";

/** Any text: every code point, lone surrogates and control characters included. */
const anyText = (maxLength = 60) =>
  fc.oneof(
    fc.string({ unit: "binary", maxLength }),
    fc.string({ unit: fc.constantFrom("\u0000", "\ud800", "\udfff", "\r", "\u001b", "路", "a") }),
    fc.constantFrom("", " ", "/start", "/status ZK-", "x".repeat(5000), "提交"),
  );

/** Any JSON value, sometimes deeply nested. */
const anyJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc
    .integer({ min: 1, max: 1000 })
    .map((depth) => JSON.parse(`${"[".repeat(depth)}${"]".repeat(depth)}`)),
);

/** A web chat event: well-formed, slightly off, or anything. */
const webEvent = fc.oneof(
  fc.record({ type: fc.constant("text"), text: anyText() }),
  fc.record({ type: fc.constant("command"), name: anyText(10), args: anyText(20) }),
  fc.record({ type: fc.constant("choice"), id: anyText(80) }),
  fc.record({
    type: fc.constant("location"),
    latitude: fc.oneof(fc.double(), fc.integer()),
    longitude: fc.oneof(fc.double(), fc.integer()),
  }),
  fc.record({ type: fc.constant("contact"), phone: anyText(50), name: anyText(80) }),
  anyJson,
);

/** The text with lone surrogates as U+FFFD (a URL cannot carry them; UTF-8 round trip). */
const wellFormed = (text: string) => Buffer.from(text, "utf8").toString("utf8");

const address = fc
  .tuple(fc.nat(255), fc.nat(255), fc.nat(255))
  .map(([a, b, c]) => `10.${a}.${b}.${c}`);

describe.each(PROVIDERS)(
  "every public endpoint under generated input (%s)",
  { timeout: 120_000 },
  (provider) => {
    let telegram: FakeTelegram;
    let wecom: FakeWeCom;
    let sender: WeComCallbackSender;
    let world: ConsoleWorld;
    let clerk: ConsoleClient;
    let citizen: WebCitizen;
    let trackingNo: string;

    beforeAll(async () => {
      telegram = await startFakeTelegram();
      const clock = new MovableClock();
      wecom = await startFakeWeCom({ clock: () => clock.now().getTime() });
      const setup = weComSetup(wecom, clock);
      sender = setup.sender;
      world = await startConsoleWorld(
        {
          TRUST_PROXY: "1",
          TELEGRAM_WEBHOOK_URL: "https://bot.example.invalid/telegram/webhook",
          TELEGRAM_WEBHOOK_SECRET: SECRET,
        },
        { provider, telegram, wecom: setup.wecom, clock },
      );
      await world.addStaff("li", "clerk");
      clerk = world.client();
      await clerk.signIn("li");
      citizen = new WebCitizen(world.url);
      await citizen.open();
      await citizen.start();
      trackingNo = await world.file(`prop-${provider}`);
    });
    afterAll(async () => {
      await world.stop();
      await telegram.close();
      await wecom.close();
    });

    const run = <Ts extends [unknown, ...unknown[]]>(property: fc.IAsyncPropertyWithHooks<Ts>) =>
      fc.assert(property, { seed: SEED, numRuns: RUNS, endOnFailure: true });

    it("web chat events", async () => {
      await run(
        fc.asyncProperty(webEvent, fc.boolean(), address, async (event, retry, from) => {
          const eventId = randomUUID();
          const post = () =>
            citizen.fetch("/chat/events", {
              method: "POST",
              headers: {
                "content-type": "application/json",
                "x-csrf-token": citizen.csrfToken,
                "x-forwarded-for": from,
              },
              body: JSON.stringify({ eventId, event }),
            });
          const first = await post();
          expect(first.status).toBeLessThan(500);
          if (retry) expect((await post()).status).toBe(first.status);
        }),
      );
      // No half-written turn: every event a dialogue took is in the chat log.
      const dialogues = await world.app.db.dialogueState.findMany({ where: { channel: "web" } });
      for (const dialogue of dialogues) {
        if (dialogue.lastEventId === null) continue;
        const logged = await world.app.db.webChatMessage.count({
          where: { sessionId: dialogue.chatId, eventId: dialogue.lastEventId },
        });
        expect(logged, `event ${dialogue.lastEventId}`).toBeGreaterThan(0);
      }
    });

    it("photo uploads", async () => {
      await run(
        fc.asyncProperty(
          fc.uint8Array({ maxLength: 2000 }),
          fc.constantFrom(
            "multipart/form-data; boundary=X",
            "multipart/form-data",
            "image/png",
            "application/json",
          ),
          fc.boolean(),
          address,
          async (bytes, type, framed, from) => {
            const body = framed
              ? Buffer.concat([
                  Buffer.from(
                    '--X\r\nContent-Disposition: form-data; name="photo"; filename="p"\r\n\r\n',
                  ),
                  Buffer.from(bytes),
                  Buffer.from("\r\n--X--\r\n"),
                ])
              : Buffer.from(bytes);
            const response = await citizen.fetch("/chat/photos", {
              method: "POST",
              headers: {
                "content-type": type,
                "x-csrf-token": citizen.csrfToken,
                "x-chat-event-id": randomUUID(),
                "x-forwarded-for": from,
              },
              body,
            });
            expect(response.status).toBeLessThan(500);
          },
        ),
      );
    });

    it("status look-ups", async () => {
      await run(
        fc.asyncProperty(
          fc.oneof(anyText(), fc.constant(trackingNo)),
          anyText(10),
          anyText(5),
          address,
          async (number, code, lang, from) => {
            const response = await fetch(new URL("/status", world.url), {
              method: "POST",
              headers: {
                "content-type": "application/x-www-form-urlencoded",
                "x-forwarded-for": from,
              },
              body: new URLSearchParams({ trackingNo: number, queryCode: code, lang }).toString(),
            });
            expect(response.status).toBeLessThan(500);
          },
        ),
      );
    });

    it("sign-in", async () => {
      await run(
        fc.asyncProperty(
          fc.oneof(fc.record({ username: anyText(), password: anyText() }), anyJson),
          address,
          async (body, from) => {
            const answer = await world
              .client()
              .send("POST", "/api/session", body, { headers: { "x-forwarded-for": from } });
            expect(answer.status).toBeLessThan(500);
          },
        ),
      );
    });

    it("the console API", async () => {
      await run(
        fc.asyncProperty(anyText(), anyText(), anyJson, async (id, query, action) => {
          // A URL cannot carry a lone surrogate: encodeURIComponent refuses it.
          const encoded = encodeURIComponent(wellFormed(id));
          for (const path of [
            `/api/cases/${encoded}`,
            `/api/cases?q=${encoded}`,
            `/api/dashboard?from=${encodeURIComponent(wellFormed(query))}`,
            `/api/export.csv?status=${encoded}`,
            `/api/map/cases?region=${encoded}&to=${encodeURIComponent(wellFormed(query))}`,
          ]) {
            expect((await clerk.get(path)).status, path).toBeLessThan(500);
          }
          const acted = await clerk.send("POST", `/api/cases/${trackingNo}/actions`, { action });
          expect(acted.status).toBeLessThan(500);
        }),
      );
    });

    it("the Telegram webhook", async () => {
      await run(
        fc.asyncProperty(
          fc.oneof(fc.integer(), fc.double(), fc.constant(2 ** 63), anyText(5)),
          anyText(),
          anyJson,
          async (updateId, text, extra) => {
            const body = JSON.stringify({
              update_id: updateId,
              message: {
                message_id: 1,
                date: 1,
                chat: { id: 4242, type: "private" },
                from: { id: 4242, is_bot: false, first_name: text },
                text,
              },
              extra,
            });
            const response = await fetch(new URL("/telegram/webhook", world.url), {
              method: "POST",
              headers: {
                "content-type": "application/json",
                "x-telegram-bot-api-secret-token": SECRET,
              },
              body,
            });
            expect(response.status).toBeLessThan(500);
          },
        ),
      );
    });

    it("the WeCom callback", async () => {
      await run(
        fc.asyncProperty(anyText(200), anyText(), fc.boolean(), async (content, raw, signed) => {
          const request = signed
            ? sender.post(
                "/wecom/callback",
                `<xml><ToUserName>x</ToUserName><MsgType>text</MsgType><Content>${content}</Content></xml>`,
              )
            : {
                method: "POST",
                url: `/wecom/callback?msg_signature=${encodeURIComponent(wellFormed(raw))}`,
                body: raw,
              };
          const response = await fetch(new URL(request.url, world.url), {
            method: request.method,
            headers: { "content-type": "text/xml" },
            body: request.body,
          });
          expect(response.status).toBeLessThan(500);
        }),
      );
    });
  },
);
