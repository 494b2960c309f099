/**
 * 已超期 in the case list and on the case page, on both databases: a case whose running deadline
 * (acceptance, handling or review) has passed by the server's clock is marked overdue; due this
 * very moment is not yet late; a settled case never is, however long past its deadline; the
 * cases marked are those the dashboard counts as overdue now, and those the list keeps with its
 * 已超期 filter, the longest overdue first.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerCase } from "../support/answered-case.ts";
import { DAY } from "../support/clock.ts";
import { PROVIDERS } from "../support/databases.ts";
import { startConsoleWorld, type ConsoleClient, type ConsoleWorld } from "./console-world.ts";

interface ListedCase {
  readonly case: { readonly trackingNo: string };
  readonly dueAt: string | null;
  readonly overdue: boolean;
}

const CLERK = { kind: "clerk", id: "clerk-li" } as const;

describe.each(PROVIDERS)("overdue cases in the console (%s)", { timeout: 60_000 }, (provider) => {
  let world: ConsoleWorld;
  let clerk: ConsoleClient;
  const filed = { waiting: "", handled: "", closed: "" };
  let acceptanceDueAt: Date;
  let handlingDueAt: Date;

  beforeAll(async () => {
    world = await startConsoleWorld({}, { provider });
    await world.addStaff("li", "clerk");
    clerk = world.client();
    expect((await clerk.signIn("li")).status).toBe(200);
    filed.waiting = await world.file("waiting", { description: "我家门口的路灯坏了一个星期" });
    // Its writer's name and number in the words: a unit reads them masked.
    filed.handled = await world.file("handled", {
      description: "我是王大爷，电话13812345678，小区楼下饭店油烟太大",
    });
    filed.closed = await world.file("closed", { description: "建设路上的井盖丢了" });
    const unitId = world.app.directory.units[0]!.id;
    await world.addStaff("zhao", "handler", unitId);
    await world.app.caseActions.act(filed.handled, { type: "route", unitId }, CLERK);
    await answerCase(world.app, filed.closed);
    await world.app.caseActions.act(filed.closed, { type: "close" }, CLERK);
    acceptanceDueAt = new Date((await page(filed.waiting)).case.acceptanceDueAt);
    handlingDueAt = new Date((await page(filed.handled)).case.handlingDueAt);
  });
  afterAll(async () => {
    await world.stop();
  });

  /** The server's clock at `instant`, and the clerk signed in again (a session idles out). */
  async function at(instant: Date): Promise<void> {
    world.clock.set(instant);
    expect((await clerk.signIn("li")).status).toBe(200);
  }

  async function listed(): Promise<Map<string, ListedCase>> {
    const answer = await clerk.get("/api/cases");
    expect(answer.status).toBe(200);
    const items = (answer.json as { items: ListedCase[] }).items;
    return new Map(items.map((item) => [item.case.trackingNo, item]));
  }

  async function page(trackingNo: string) {
    const answer = await clerk.get(`/api/cases/${trackingNo}`);
    expect(answer.status).toBe(200);
    return answer.json as {
      case: { acceptanceDueAt: string; handlingDueAt: string };
      runningClock: string | null;
      overdue: boolean;
    };
  }

  it("marks no case overdue at the very moment its deadline falls", async () => {
    await at(acceptanceDueAt);

    const rows = await listed();
    expect(rows.get(filed.waiting)).toMatchObject({
      dueAt: acceptanceDueAt.toISOString(),
      overdue: false,
    });
    expect(await page(filed.waiting)).toMatchObject({
      runningClock: "acceptance",
      overdue: false,
    });
  });

  it("marks a case overdue, in the list and on its page, once its running deadline has passed", async () => {
    await at(new Date(acceptanceDueAt.getTime() + 1));

    expect((await listed()).get(filed.waiting)).toMatchObject({ overdue: true });
    expect(await page(filed.waiting)).toMatchObject({ runningClock: "acceptance", overdue: true });
    // The routed case runs on its handling deadline, still far off.
    expect((await listed()).get(filed.handled)).toMatchObject({
      dueAt: handlingDueAt.toISOString(),
      overdue: false,
    });
  });

  it("never marks a settled case, however long past its deadline", async () => {
    await at(new Date(handlingDueAt.getTime() + DAY));

    const rows = await listed();
    expect(rows.get(filed.handled)).toMatchObject({ overdue: true });
    expect(rows.get(filed.closed)).toMatchObject({ dueAt: null, overdue: false });
    const closed = await page(filed.closed);
    expect(new Date(closed.case.handlingDueAt) < world.clock.now()).toBe(true);
    expect(closed).toMatchObject({ runningClock: null, overdue: false });
    expect(await page(filed.handled)).toMatchObject({ runningClock: "handling", overdue: true });
  });

  it("marks the cases the dashboard counts as overdue now", async () => {
    const marked = [...(await listed()).values()].filter((row) => row.overdue);
    const dashboard = (await clerk.get("/api/dashboard")).json as {
      overdue: { count: number; cases: { trackingNo: string }[] };
    };

    expect(marked.map((row) => row.case.trackingNo).sort()).toEqual(
      [filed.waiting, filed.handled].sort(),
    );
    expect(dashboard.overdue.count).toBe(marked.length);
    expect(dashboard.overdue.cases.map((c) => c.trackingNo).sort()).toEqual(
      marked.map((row) => row.case.trackingNo).sort(),
    );
  });

  it("lists the overdue cases alone with overdue=true, the longest overdue first, counted as the dashboard counts them", async () => {
    const answer = await clerk.get("/api/cases?overdue=true");
    const dashboard = (await clerk.get("/api/dashboard")).json as { overdue: { count: number } };

    expect(answer.status).toBe(200);
    const list = answer.json as { total: number; items: ListedCase[] };
    // The acceptance deadline passed weeks before the handling one.
    expect(list.items.map((item) => item.case.trackingNo)).toEqual([filed.waiting, filed.handled]);
    expect(list.items.every((item) => item.overdue)).toBe(true);
    expect(list.total).toBe(dashboard.overdue.count);
    expect((await clerk.get("/api/cases?overdue=yes")).status).toBe(400);
    const spec = (await world.client().get("/api/openapi.json")).json as {
      paths: Record<string, { get: { parameters: { name: string }[] } }>;
    };
    expect(spec.paths["/api/cases"]!.get.parameters.map((p) => p.name)).toContain("overdue");
  });

  it("keeps with unit= the cases of one handling unit, overdue or not, as the other filters combine", async () => {
    const unitId = world.app.directory.units[0]!.id;
    const other = world.app.directory.units[1]!.id;
    const numbers = async (query: string) => {
      const answer = await clerk.get(`/api/cases?${query}`);
      expect(answer.status).toBe(200);
      return (answer.json as { items: ListedCase[] }).items.map((item) => item.case.trackingNo);
    };

    expect(await numbers(`overdue=true&unit=${unitId}`)).toEqual([filed.handled]);
    // The closed case was answered by that unit too; the waiting one has no unit yet.
    expect(await numbers(`unit=${unitId}`)).toEqual([filed.closed, filed.handled]);
    expect(await numbers(`overdue=true&unit=${other}`)).toEqual([]);
    expect(await numbers(`overdue=true&unit=${unitId}&status=submitted`)).toEqual([]);
  });

  it("exports with overdue=true the overdue cases alone, in the list's order, masked for a unit as every export is", async () => {
    const list = (await clerk.get("/api/cases?overdue=true")).json as { items: ListedCase[] };
    const handler = world.client();
    expect((await handler.signIn("zhao")).status).toBe(200);

    const byClerk = await clerk.get("/api/export.csv?overdue=true");
    const byHandler = await handler.get("/api/export.csv?overdue=true");

    const numbers = (csv: string) =>
      csv
        .slice(1)
        .trimEnd()
        .split("\r\n")
        .slice(1)
        .map((row) => row.split(",")[0]);
    expect(numbers(byClerk.text)).toEqual(list.items.map((item) => item.case.trackingNo));
    expect(numbers(byClerk.text)).toEqual([filed.waiting, filed.handled]);
    expect(byClerk.headers.get("x-export-rows")).toBe("2");
    expect(byClerk.text).toContain("联系电话");
    expect(byClerk.text).toContain("我是王大爷，电话13812345678");
    // The unit's own overdue case, its writer's name and number masked, no contact columns.
    expect(numbers(byHandler.text)).toEqual([filed.handled]);
    expect(byHandler.text).toContain("小区楼下饭店油烟太大");
    expect(byHandler.text).not.toContain("王大爷");
    expect(byHandler.text).not.toContain("13812345678");
    expect(byHandler.text).not.toContain("联系电话");
    expect((await clerk.get("/api/export.csv?overdue=yes")).status).toBe(400);
  });
});
