/**
 * A clerk who searched the case list (路灯 for a month) exports what the search found, on both
 * databases: `GET /api/export.csv?q=…` holds exactly the cases the list shows for the same
 * search and filters, in the same order, and says how many; a unit's export of a search reads
 * the words as the unit does (the writer's identity masked, never found by it); a clerk's search
 * that is a phone number exports the cases left with that number; a search that finds nothing
 * exports the header alone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS } from "../support/databases.ts";
import {
  clerkAndUnit,
  listedCases,
  startConsoleWorld,
  type ConsoleClient,
  type ConsoleWorld,
} from "./console-world.ts";

const FUGOU = "urban_management.fugou";
const PHONE = "13812345678";

describe.each(PROVIDERS)("the export of a search (%s)", { timeout: 60_000 }, (provider) => {
  let world: ConsoleWorld;
  let clerk: ConsoleClient;
  let handler: ConsoleClient;
  const filed = { named: "", road: "", cover: "", waiting: "" };

  beforeAll(async () => {
    world = await startConsoleWorld({}, { provider });
    const scene = await clerkAndUnit(world, FUGOU);
    ({ clerk, handler } = scene);
    filed.named = await scene.fileToUnit("zhang", {
      description: "我叫张建国，小区门口的路灯坏了",
      contact: { kind: "named", name: "张建国", phone: PHONE },
    });
    filed.road = await scene.fileToUnit("li", {
      description: "建设路的路灯不亮",
      contact: { kind: "named", name: "李四", phone: "13712345678" },
    });
    filed.cover = await scene.fileToUnit("zhang-again", {
      description: "井盖丢了，晚上很危险",
      contact: { kind: "named", name: "张建国", phone: PHONE },
    });
    // Filed, not yet routed: the list's 已分派 filter leaves it out, a unit never sees it.
    filed.waiting = await world.file("wang", {
      description: "公园里的路灯坏了三个",
      contact: { kind: "named", name: "王五", phone: "13612345678" },
    });
  });
  afterAll(async () => {
    await world.stop();
  });

  /** The export's header, tracking numbers (in its order), count and text. */
  async function exported(client: ConsoleClient, query: string) {
    const response = await client.get(`/api/export.csv?${query}`);
    expect(response.status).toBe(200);
    const [header, ...rows] = response.text.slice(1).trimEnd().split("\r\n");
    return {
      header: header!,
      numbers: rows.map((row) => row.split(",")[0]),
      announced: Number(response.headers.get("x-export-rows")),
      text: response.text,
    };
  }

  it.each([
    ["a search", `q=${encodeURIComponent("路灯")}`],
    ["a search and a filter", `q=${encodeURIComponent("路灯")}&status=assigned`],
    ["a tracking number", () => `q=${filed.road}`],
  ])("exports the cases the list shows for %s, in its order", async (_, query) => {
    const search = typeof query === "function" ? query() : query;
    const list = await listedCases(clerk, search);
    const csv = await exported(clerk, search);

    expect(list.total).toBeGreaterThan(0);
    expect(csv.numbers).toEqual(list.numbers);
    expect(csv.announced).toBe(list.total);
  });

  it("exports a search newest first, the filters applied", async () => {
    const lamps = `q=${encodeURIComponent("路灯")}`;

    expect((await exported(clerk, lamps)).numbers).toEqual([
      filed.waiting,
      filed.road,
      filed.named,
    ]);
    expect((await exported(clerk, `${lamps}&status=assigned`)).numbers).toEqual([
      filed.road,
      filed.named,
    ]);
  });

  it("exports a unit's search as the unit reads it: the writer's identity masked, never found by it", async () => {
    const lamps = await exported(handler, `q=${encodeURIComponent("路灯")}`);
    const byName = await exported(handler, `q=${encodeURIComponent("张建国")}`);

    expect(lamps.numbers).toEqual([filed.road, filed.named]);
    expect(lamps.header).not.toContain("联系电话");
    expect(lamps.text).not.toContain("张建国");
    expect(lamps.text).not.toContain(PHONE);
    expect(byName).toMatchObject({ numbers: [], announced: 0 });
    expect((await exported(clerk, `q=${encodeURIComponent("张建国")}`)).numbers).toEqual([
      filed.cover,
      filed.named,
    ]);
  });

  it("exports, for a clerk, the cases left with a phone number searched, however it is typed; for a unit none", async () => {
    const typed = `q=${encodeURIComponent("138 1234 5678")}`;
    const byClerk = await exported(clerk, typed);

    expect(byClerk.numbers).toEqual([filed.cover, filed.named]);
    expect(byClerk.numbers).toEqual((await listedCases(clerk, typed)).numbers);
    expect(byClerk.announced).toBe(2);
    expect(await exported(handler, typed)).toMatchObject({ numbers: [], announced: 0 });
  });

  it("exports the header alone for a search that finds nothing", async () => {
    const csv = await exported(clerk, `q=${encodeURIComponent("垃圾桶")}`);

    expect(csv).toMatchObject({ numbers: [], announced: 0 });
    expect(csv.header).toMatch(/^编号,登记时间,/);
  });
});
