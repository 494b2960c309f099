/**
 * The HTTP server's own answers: health and readiness say what is so, and an error no edge
 * mapped is a clean 500 with the request id and nothing of the inside, or a 503 when the
 * database is out of reach (issue #11, points 1 and 7).
 */
import { describe, expect, it } from "vitest";
import { renderNotFoundPage, requestedLocale } from "../../src/channels/web/status-page.ts";
import { createHttpServer } from "../../src/http/server.ts";
import { expectErrorLogs, testLogger } from "../support/error-logs.ts";

function server(options: { database?: boolean; ready?: boolean } = {}) {
  const http = createHttpServer({
    logger: testLogger(undefined),
    checkDatabase: async () => options.database ?? true,
    isReady: () => options.ready ?? true,
    notFoundPage: (request) =>
      renderNotFoundPage(requestedLocale(request), {
        city: { city: "周口市", cityEn: "Zhoukou" },
        phone: null,
      }),
  });
  http.get("/boom", async () => {
    throw new Error(`ENOENT: no such file, open '/srv/app/src/secret/place.ts'`);
  });
  http.get("/gone", async () => {
    throw Object.assign(new Error("Connection terminated unexpectedly"), {
      name: "DriverAdapterError",
    });
  });
  return http;
}

describe("the HTTP server", () => {
  it("answers an unexpected error with a 500 that names the request and nothing else", async () => {
    expectErrorLogs(/request failed/);
    const response = await server().inject({ url: "/boom" });

    expect(response.statusCode).toBe(500);
    const requestId = response.headers["x-request-id"];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.json()).toEqual({ error: { code: "server_error", requestId } });
  });

  it("answers 503 with Retry-After when the database is out of reach", async () => {
    const response = await server().inject({ url: "/gone" });

    expect(response.statusCode).toBe(503);
    expect(response.headers["retry-after"]).toBe("5");
    expect(response.json()).toMatchObject({ error: { code: "unavailable" } });
  });

  it("reports the database in /healthz, and readiness only while ready", async () => {
    const healthy = server();
    expect((await healthy.inject({ url: "/healthz" })).json()).toEqual({
      status: "ok",
      database: "ok",
    });
    expect((await healthy.inject({ url: "/readyz" })).statusCode).toBe(200);

    const down = server({ database: false });
    const health = await down.inject({ url: "/healthz" });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toEqual({ status: "unavailable", database: "unavailable" });
    expect((await down.inject({ url: "/readyz" })).statusCode).toBe(503);

    expect((await server({ ready: false }).inject({ url: "/readyz" })).statusCode).toBe(503);
  });

  it("says the database is failing right after a request failed for want of it", async () => {
    const http = server();
    await http.inject({ url: "/gone" });
    const health = await http.inject({ url: "/healthz" });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toEqual({ status: "unavailable", database: "failing" });
  });

  it("shows a browser at an address with nothing a page in its language, with the ways on", async () => {
    const zh = await server().inject({ url: "/my-cases", headers: { accept: "text/html" } });
    expect(zh.statusCode).toBe(404);
    expect(zh.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(zh.body).toContain("找不到这个页面");
    expect(zh.body).toContain('href="/status"');

    const en = await server().inject({
      url: "/old-link",
      headers: { accept: "text/html", "accept-language": "en-GB,en;q=0.9" },
    });
    expect(en.body).toContain("Page not found");
    expect(en.body).toContain('href="/status?lang=en"');
  });

  it("answers a program at an address with nothing, or at an invalid one, in the service's shape", async () => {
    const missing = await server().inject({ url: "/api/nothing-here" });
    expect(missing.statusCode).toBe(404);
    const requestId = missing.headers["x-request-id"];
    expect(missing.json()).toEqual({ error: { code: "not_found", requestId } });

    const invalid = await server().inject({ url: "/console/cases/%ff" });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ error: { code: "invalid_request" } });
  });

  it("gives every request its own id, whatever id the client sends", async () => {
    const response = await server().inject({
      url: "/healthz",
      headers: { "x-request-id": "mine" },
    });
    expect(response.headers["x-request-id"]).not.toBe("mine");
  });
});
