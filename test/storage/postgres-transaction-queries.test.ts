/**
 * A transaction on PostgreSQL sends its statements one at a time. Prisma's query interpreter
 * reads a write's relations concurrently; on the transaction's one connection pg 8.19+ warns
 * about that and pg 9 refuses it, so the adapter is patched to queue them
 * (prisma/patches/@prisma+adapter-pg+6.19.3.patch). This file runs in a process of its own
 * (OWN_PROCESS in vitest.config.ts), whose first such call would print pg's one-time warning.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { freshDatabase } from "../support/databases.ts";

describe("a transaction on PostgreSQL", () => {
  const warnings: string[] = [];
  const recordWarning = (warning: Error) => warnings.push(warning.message);
  beforeEach(() => process.on("warning", recordWarning));
  afterEach(() => process.off("warning", recordWarning));

  it("reads a write's relations one statement after another on its connection", async () => {
    const db = await freshDatabase("postgres");
    const citizen = await db.citizen.create({
      data: { identities: { create: [{ channel: "web", externalId: "s1" }] } },
    });

    const updated = await db.$transaction((tx) =>
      tx.citizen.update({
        where: { id: citizen.id },
        data: { locale: "en" },
        include: { identities: { include: { cases: true, supported: true } }, cases: true },
      }),
    );
    // Node emits warnings on the next tick.
    await new Promise((resolve) => setImmediate(resolve));

    expect(updated).toMatchObject({
      locale: "en",
      identities: [{ externalId: "s1", cases: [], supported: [] }],
      cases: [],
    });
    expect(warnings.filter((message) => message.includes("client.query()"))).toEqual([]);
  });
});
