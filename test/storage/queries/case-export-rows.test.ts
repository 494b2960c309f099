/**
 * The export's cursor on both databases: batch after batch, every matching case
 * exactly once and newest first, cases filed at the same instant included; the
 * exported fields read as they were written; the contact only when asked for.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { CaseScope } from "../../../src/storage/queries/case-conditions.ts";
import type { ExportRow } from "../../../src/storage/queries/case-export-rows.ts";
import { createCaseWorld, type CaseWorld } from "../../support/case-world.ts";
import { HOUR } from "../../support/clock.ts";
import { PROVIDERS } from "../../support/databases.ts";

const ALL: CaseScope = { kind: "all" };

describe.each(PROVIDERS)("the export's rows on %s", { timeout: 60_000 }, (provider) => {
  let world: CaseWorld;
  /** Tracking numbers, oldest first; three cases share each submission instant. */
  const filed: string[] = [];

  beforeAll(async () => {
    world = await createCaseWorld(provider);
    for (let hour = 0; hour < 4; hour++) {
      for (let i = 0; i < 3; i++) {
        filed.push(
          await world.file(3000 + filed.length, {
            isEmergency: i === 0,
            ...(i === 2 && { contact: { kind: "anonymous" } }),
          }),
        );
      }
      world.clock.advance(HOUR);
    }
  });

  async function exported(size: number): Promise<ExportRow[][]> {
    const batches: ExportRow[][] = [];
    for await (const batch of world.queries.exportRows.batches({ scope: ALL, filter: {} }, size)) {
      batches.push(batch);
    }
    return batches;
  }

  it("gives every case exactly once, newest first, across batch boundaries and equal instants", async () => {
    const batches = await exported(5);
    const rows = batches.flat();
    const numbers = rows.map((row) => row.case.trackingNo);

    expect(batches.map((batch) => batch.length)).toEqual([5, 5, 2]);
    expect(new Set(numbers).size).toBe(filed.length);
    expect([...numbers].sort()).toEqual([...filed].sort());
    const times = rows.map((row) => row.case.submittedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("ends after a full last batch without an empty one", async () => {
    expect((await exported(filed.length / 2)).map((batch) => batch.length)).toEqual([6, 6]);
    expect(await exported(filed.length)).toHaveLength(1);
  });

  it("reads the fields as written: flags as booleans, times as instants, the contact unless anonymous", async () => {
    const rows = (await exported(100)).flat();
    const byNumber = new Map(rows.map((row) => [row.case.trackingNo, row]));
    const [emergency, named, anonymous] = filed.slice(0, 3).map((no) => byNumber.get(no)!);

    expect(emergency!.case.isEmergency).toBe(true);
    expect(named!.case.isEmergency).toBe(false);
    expect(named!.case.submittedAt).toBeInstanceOf(Date);
    expect(named).toMatchObject({
      description: "扶沟县城关镇建设路上的井盖丢了，晚上很危险",
      address: "建设路",
      contact: { name: "王大爷", phone: "13812345678" },
      case: { status: "submitted", categoryCode: "municipal", regionCode: "fugou", solved: null },
    });
    // Who may read the contact is the caller's business (cases/case-export.ts).
    expect(anonymous!.contact).toBeNull();
  });
});
