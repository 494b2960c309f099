/**
 * The former contacts of an export's batch on both databases: read for as many cases as a batch
 * holds (2,000, over SQLite's 999 parameters a statement through Prisma), each case's own,
 * oldest first.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { formerContactsByCase } from "../../src/storage/former-contacts.ts";
import { createCaseWorld, type CaseWorld } from "../support/case-world.ts";
import { PROVIDERS } from "../support/databases.ts";
import { sonOnlyBefore } from "../support/former-contact.ts";

/** The cases an export reads at a time (cases/case-export.ts). */
const EXPORT_BATCH = 2_000;

describe.each(PROVIDERS)("former contacts of a batch on %s", { timeout: 60_000 }, (provider) => {
  let world: CaseWorld;
  let changed: string;

  beforeAll(async () => {
    world = await createCaseWorld(provider);
    const trackingNo = await world.file(7100);
    await sonOnlyBefore(world.actions, trackingNo, "telegram:7100");
    changed = (await world.db.case.findUniqueOrThrow({ where: { trackingNo } })).id;
  });

  it("reads those of a whole export batch, each case's own, oldest first", async () => {
    const others = Array.from({ length: EXPORT_BATCH - 1 }, (_, i) => `no-such-case-${i}`);

    const former = await formerContactsByCase(world.db, [...others, changed]);

    expect([...former.keys()]).toEqual([changed]);
    expect(former.get(changed)!.map((held) => held.phone)).toEqual(["13812345678", "15812345678"]);
  });
});
