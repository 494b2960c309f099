/**
 * A citizen's channel identity: created with its citizen on first contact,
 * only its last message time moved afterwards, once even when two instances
 * see the first message at the same moment.
 */
import { describe, expect, it } from "vitest";
import { createIdentityStore } from "../../src/storage/identity-store.ts";
import { freshDatabase, PROVIDERS } from "../support/databases.ts";

describe.each(PROVIDERS)("channel identities on %s", (provider) => {
  it("are created on first contact and then only touched", async () => {
    const db = await freshDatabase(provider);
    const identities = createIdentityStore(db);

    await identities.touch("telegram", "42", "42", new Date("2026-11-28T02:00:00Z"));
    await identities.touch("telegram", "42", "4242", new Date("2026-11-28T03:00:00Z"));

    const rows = await db.channelIdentity.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      chatId: "4242",
      lastInboundAt: new Date("2026-11-28T03:00:00Z"),
    });
    expect(await db.citizen.count()).toBe(1);
  });

  it("make one identity when two instances see the first message at once", async () => {
    const db = await freshDatabase(provider);
    const [a, b] = [createIdentityStore(db), createIdentityStore(db)];

    await Promise.all([
      a.touch("web", "s1", "s1", new Date("2026-11-28T02:00:00Z")),
      b.touch("web", "s1", "s1", new Date("2026-11-28T02:00:01Z")),
    ]);

    expect(await db.channelIdentity.count({ where: { externalId: "s1" } })).toBe(1);
  });
});
