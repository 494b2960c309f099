/**
 * The citizen of a mobile number clerks register calls and visits with is one, by the
 * database's guarantee: registrations of a new number at the same moment on two instances make
 * one citizen, and the registered_callers migration gives each number already registered the
 * citizen of its newest call or visit, a race's earlier duplicates left as they were.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { citizenRef as refOf, parseCitizenRef } from "../../src/domain/citizen-ref.ts";
import type { Db } from "../../src/storage/database.ts";
import { createRegisteredCitizens } from "../../src/storage/registered-citizens.ts";
import { createCaseWorld, type CaseWorld } from "../support/case-world.ts";
import { MINUTE } from "../support/clock.ts";
import { openTestDatabase, PROVIDERS } from "../support/databases.ts";
import { deployAgain } from "../support/deploy-again.ts";

/** The citizen behind a registration's citizen ref. */
async function citizenBehind(db: Db, ref: string): Promise<string> {
  const { channel, externalId } = parseCitizenRef(ref)!;
  const identity = await db.channelIdentity.findUniqueOrThrow({
    where: { channel_externalId: { channel, externalId } },
  });
  return identity.citizenId;
}

/**
 * A case filed a minute after the one before by a new citizen of `channel`, or again by the one
 * of `ref`, left with `phone`: as the console registered calls before the migration.
 */
async function filedAs(
  world: CaseWorld,
  channel: "phone" | "visit" | "web",
  phone: string | null,
  ref?: string,
) {
  world.clock.advance(MINUTE);
  let citizenRef = ref;
  if (!citizenRef) {
    const externalId = randomUUID();
    await world.db.channelIdentity.create({
      data: { channel, externalId, citizen: { create: {} } },
    });
    citizenRef = refOf(channel, externalId);
  }
  await world.file(0, {
    citizenRef,
    contact: phone ? { kind: "named", name: "王大爷", phone } : { kind: "anonymous" },
  });
  return citizenRef;
}

describe.each(PROVIDERS)("registered callers (%s)", { timeout: 90_000 }, (provider) => {
  it("registering a new mobile at the same moment, on two instances, makes one citizen", async () => {
    const world = await createCaseWorld(provider);
    // SQLite's instances are processes apart: two clients in this one would block each other,
    // better-sqlite3 waiting for the file's lock synchronously. Its one client races itself.
    const clients =
      provider === "postgres" ? [world.db, await openTestDatabase(world.target)] : [world.db];
    const instances = clients.map(createRegisteredCitizens);
    const refs = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        instances[i % instances.length]!.citizenOf("phone", "13900007777", false),
      ),
    );
    const citizens = await Promise.all(refs.map((ref) => citizenBehind(world.db, ref)));
    expect(new Set(citizens).size).toBe(1);
    expect(await world.db.citizen.count()).toBe(1);
    expect(await world.db.registeredCaller.findMany()).toEqual([
      { mobile: "13900007777", citizenId: citizens[0] },
    ]);
  });

  it("the migration gives each registered mobile the citizen of its newest call or visit, and keeps the duplicates a race made", async () => {
    const world = await createCaseWorld(provider);
    // Two citizens of one number, as two clerks registering it at once made them before.
    const raced = [
      await filedAs(world, "phone", "13900008888"),
      await filedAs(world, "visit", "13900008888"),
    ];
    const again = await filedAs(world, "phone", "13900008888", raced[0]);
    await filedAs(world, "phone", "0394-8234568");
    await filedAs(world, "phone", null);
    await filedAs(world, "web", "13900009999");

    const db = await deployAgain(world, "registered_callers", [`DROP TABLE "RegisteredCaller"`]);

    const newest = await citizenBehind(db, again);
    expect(await db.registeredCaller.findMany()).toEqual([
      { mobile: "13900008888", citizenId: newest },
    ]);
    // The other citizen keeps its case; the next call with the number is the newest's.
    const other = await citizenBehind(db, raced[1]!);
    expect(await db.case.count({ where: { citizenId: other } })).toBe(1);
    const next = await createRegisteredCitizens(db).citizenOf("phone", "13900008888", false);
    expect(await citizenBehind(db, next)).toBe(newest);
  });
});
