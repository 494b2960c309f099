/**
 * PostgreSQL faults under load (issue #11, point 7): while citizens file on the web chat
 * and clerks route cases, the database's connections are terminated, and for a while no
 * new one is let in. /healthz shows the fault while it lasts; a request that could not be
 * done answers 503 (clients try again), never 500; a clerk's action that was committed is
 * answered as done; afterwards nothing is lost and nothing was done twice.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startConsoleWorld,
  type ConsoleClient,
  type ConsoleWorld,
} from "../console/console-world.ts";
import { reachAnonymousSummary, receiptOf, WebCitizen } from "../channels/web/web-citizen.ts";
import { adminPostgres } from "../support/postgres-admin.ts";

/** A web citizen who sends a request again, with the same event id, after a 503. */
class RetryingCitizen extends WebCitizen {
  readonly statuses: number[] = [];

  override async fetch(requestPath: string, init: RequestInit = {}): Promise<Response> {
    for (;;) {
      const response = await super.fetch(requestPath, init);
      this.statuses.push(response.status);
      if (response.status !== 503) return response;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  override async post(event: object, eventId: string = randomUUID()) {
    return super.post(event, eventId);
  }
}

describe("PostgreSQL faults under load", { timeout: 120_000 }, () => {
  let world: ConsoleWorld;
  let clerk: ConsoleClient;
  let database: string;

  beforeAll(async () => {
    world = await startConsoleWorld({}, { provider: "postgres" });
    await world.addStaff("li", "clerk");
    clerk = world.client();
    await clerk.signIn("li");
    const [row] = await world.app.db.$queryRawUnsafe<{ name: string }[]>(
      "SELECT current_database() AS name",
    );
    database = row!.name;
  });
  afterAll(async () => {
    await adminPostgres(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
    await world.stop();
  });

  const terminate = () =>
    adminPostgres(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database}' AND pid <> pg_backend_pid()`,
    );
  const health = async () => (await fetch(new URL("/healthz", world.url))).status;

  /** A clerk routes a case, sending again after a 503, as the console's user would. */
  async function route(trackingNo: string): Promise<number[]> {
    const statuses: number[] = [];
    for (;;) {
      const answer = await clerk.send("POST", `/api/cases/${trackingNo}/actions`, {
        action: { type: "route", unitId: "urban_management.fugou" },
        expectedStatus: "submitted",
      });
      statuses.push(answer.status);
      if (answer.status !== 503) return statuses;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function file(citizen: RetryingCitizen): Promise<string> {
    await reachAnonymousSummary(citizen);
    await citizen.tap("提交");
    return receiptOf(citizen).trackingNo;
  }

  it("shows the fault, answers 503 not 500, and loses or doubles nothing", async () => {
    const cases = await Promise.all([1, 2, 3, 4].map((n) => world.file(`fault-${n}`)));
    const citizens = [0, 1, 2].map(() => new RetryingCitizen(world.url));

    // Backends terminated again and again while citizens file and clerks route.
    let terminating = true;
    const terminations = (async () => {
      while (terminating) {
        await terminate();
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
    })();
    const work = Promise.all([
      Promise.all(citizens.map(file)),
      Promise.all(cases.slice(0, 2).map(route)),
    ]);

    // Then an outage: no connection at all for a while.
    await adminPostgres(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
    await terminate();
    await expect.poll(health, { timeout: 10_000, interval: 50 }).toBe(503);
    const duringOutage = route(cases[2]!);
    await expect.poll(health, { timeout: 10_000, interval: 50 }).toBe(503);
    await adminPostgres(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
    terminating = false;
    await terminations;

    const [filed, firstRoutes] = await work;
    const outageRoutes = await duringOutage;
    await expect.poll(health, { timeout: 15_000, interval: 100 }).toBe(200);
    expect((await route(cases[3]!)).at(-1)).toBe(200);

    // Never a 500; a committed action was answered 200, or 409 when its first answer was lost.
    const routes = [...firstRoutes, outageRoutes];
    expect(routes.flat().every((status) => [200, 409, 503].includes(status))).toBe(true);
    for (const statuses of routes) {
      expect([200, 409]).toContain(statuses.at(-1));
    }
    for (const citizen of citizens) {
      expect(citizen.statuses.every((status) => status < 500 || status === 503)).toBe(true);
    }
    for (const trackingNo of cases) {
      const stored = await world.app.db.case.findUniqueOrThrow({
        where: { trackingNo },
        include: { timeline: true },
      });
      expect(stored.status).not.toBe("submitted");
      expect(stored.timeline.filter((entry) => entry.kind === "accepted")).toHaveLength(1);
    }
    for (const trackingNo of filed) {
      expect(await world.app.db.case.count({ where: { trackingNo } })).toBe(1);
    }
  });
});
