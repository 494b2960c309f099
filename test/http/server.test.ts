/**
 * The HTTP server's own answers: health and readiness say what is so, and an error no edge
 * mapped is a clean 500 with the request id and nothing of the inside, or a 503 when the
 * database is out of reach (issue #11, points 1 and 7).
 */
import { describe, expect, it } from "vitest";
import { createHttpServer } from "../../src/http/server.ts";
import { expectErrorLogs, testLogger } from "../support/error-logs.ts";

function server(options: { database?: boolean; ready?: boolean } = {}) {
  const http = createHttpServer({
    logger: testLogger(undefined),
    checkDatabase: async () => options.database ?? true,
    isReady: () => options.ready ?? true,
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

  it("gives every request its own id, whatever id the client sends", async () => {
    const response = await server().inject({
      url: "/healthz",
      headers: { "x-request-id": "mine" },
    });
    expect(response.headers["x-request-id"]).not.toBe("mine");
  });
});
