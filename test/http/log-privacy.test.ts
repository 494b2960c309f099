/**
 * What the log keeps of a citizen: case numbers and ids, never their name, phone, words,
 * address or query code, and never a staff member's password or a session cookie. The
 * service is run at the most verbose level through a whole complaint, a status look-up, a
 * clerk's searches and a call the clerk registers after looking up the caller's number, and
 * every line it wrote is read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileComplaint, WebCitizen } from "../channels/web/web-citizen.ts";
import { PASSWORD, startConsoleWorld, type ConsoleWorld } from "../console/console-world.ts";

describe("the log", { timeout: 60_000 }, () => {
  const lines: string[] = [];
  let world: ConsoleWorld;
  let filed: { trackingNo: string; code: string };
  let sessionCookie: string;

  beforeAll(async () => {
    world = await startConsoleWorld({}, { logLines: lines });
    const citizen = new WebCitizen(world.url);
    sessionCookie = (await citizen.fetch("/chat/session")).headers.get("set-cookie") ?? "";
    filed = await fileComplaint(citizen);

    await fetch(new URL("/status", world.url), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ trackingNo: filed.trackingNo, queryCode: filed.code }),
    });
    await world.addStaff("clerk-li", "clerk");
    const clerk = world.client();
    expect((await clerk.signIn("clerk-li", "a wrong password")).status).toBe(401);
    expect((await clerk.signIn("clerk-li")).status).toBe(200);
    for (const q of ["13812345678", "王芳", "路灯"]) {
      expect((await clerk.get(`/api/cases?q=${encodeURIComponent(q)}`)).status).toBe(200);
    }
    const caller = { phone: "139 0000 8888" };
    expect((await clerk.send("POST", "/api/cases/of-caller", caller)).status).toBe(200);
    const call = {
      ...caller,
      channel: "phone",
      description: "扶沟县城关镇建设路的路灯坏了",
      region: "fugou",
      anonymous: false,
      name: "王芳",
    };
    expect((await clerk.send("POST", "/api/cases", call)).status).toBe(201);
  });
  afterAll(() => world.stop());

  it("was written, at every level, through the whole visit", () => {
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.some((line) => line.includes(filed.trackingNo))).toBe(true);
  });

  it.each([
    ["the citizen's phone", "13812345678"],
    ["a caller's phone, as kept", "13900008888"],
    ["a caller's phone, as the clerk typed it", "0000 8888"],
    ["the citizen's name", "王芳"],
    ["the citizen's words", "路灯坏了"],
    ["the citizen's address", "七一路"],
    ["a clerk's search", "%E7%8E%8B%E8%8A%B3"],
  ])("never holds %s", (_what, secret) => {
    expect(lines.filter((line) => line.includes(secret))).toEqual([]);
  });

  it("never holds the query code, a password or a session cookie", () => {
    const cookieValue = sessionCookie.split(";")[0]!.split("=").slice(1).join("=");
    for (const secret of [`"${filed.code}"`, PASSWORD, "a wrong password", cookieValue]) {
      expect(secret.length).toBeGreaterThan(4);
      expect(lines.filter((line) => line.includes(secret))).toEqual([]);
    }
  });
});
