/**
 * The contact_holder migration on a database that already holds cases: a case filed before
 * whose the phone is was kept reads as the citizen's own number, to the clerks as before.
 */
import { describe, expect, it } from "vitest";
import { createCaseRecordStore } from "../../src/storage/case-record-store.ts";
import { createCaseWorld } from "../support/case-world.ts";
import { PROVIDERS } from "../support/databases.ts";
import { deployAgain } from "../support/deploy-again.ts";

/** The Case table as it was before the migration: no holder columns. */
const BEFORE = [
  `ALTER TABLE "Case" DROP COLUMN "contactHolderRelation"`,
  `ALTER TABLE "Case" DROP COLUMN "contactHolderName"`,
];

describe.each(PROVIDERS)("the contact_holder migration on %s", { timeout: 90_000 }, (provider) => {
  it("reads a case filed before as given the citizen's own phone", async () => {
    const world = await createCaseWorld(provider);
    const no = await world.file(7003);

    const db = await deployAgain(world, "contact_holder", BEFORE);

    expect(await db.case.findUniqueOrThrow({ where: { trackingNo: no } })).toMatchObject({
      contactPhone: "13812345678",
      contactHolderRelation: null,
      contactHolderName: null,
    });
    expect((await createCaseRecordStore(db).byTrackingNo(no))?.contact.holder).toBeNull();
  });
});
