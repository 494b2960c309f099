/**
 * Plain SQL on Prisma's own connection: the rows read as $queryRaw reads them, and a
 * transaction commits all or nothing, beside Prisma's own transactions; writes sharing their
 * commits each resolve once committed, their failures their own.
 */
import { describe, expect, it } from "vitest";
import { traceStatements } from "../../bench/statement-trace.ts";
import { Prisma } from "../../src/generated/sqlite/client.ts";
import { isUniqueViolation } from "../../src/storage/database.ts";
import { epochMsOf, plainSqlOf } from "../../src/storage/plain-sql.ts";
import { freshDatabase, PROVIDERS } from "../support/databases.ts";

const at = new Date("2026-12-02T04:05:06.789Z");

/** A new web chat's dialogue row. */
const insert = (chatId: string) => Prisma.sql`
  INSERT INTO "DialogueState" ("channel", "chatId", "state", "version", "updatedAt")
  VALUES ('web', ${chatId}, ${"{}"}, 1, ${at})`;

describe.each(PROVIDERS)("plain SQL on %s", (provider) => {
  it("reads rows as $queryRaw does: JSON parsed, times as Date, BIGINT as bigint, booleans", async () => {
    const db = await freshDatabase(provider);
    await db.dialogueState.create({
      data: {
        channel: "web",
        chatId: "c1",
        state: { step: "describe", words: ["路灯", 2] },
        version: 3,
        lastReplies: [{ text: "好的" }],
        lastReceipt: Prisma.DbNull,
      },
    });
    await db.inboxUpdate.create({
      data: {
        channel: "telegram",
        updateId: "7",
        sequence: 9_007_199_254_740_993n,
        payload: { update_id: 7 },
        receivedAt: at,
      },
    });
    const dialogue = Prisma.sql`
      SELECT "chatId", "state", "version", "lastReplies", "lastReceipt", "updatedAt"
      FROM "DialogueState" WHERE "channel" = ${"web"} AND "chatId" IN (${"c1"}, ${"c2"})`;
    const inbox = Prisma.sql`
      SELECT "sequence", "payload", "receivedAt", "processedAt" FROM "InboxUpdate"
      WHERE "receivedAt" <= ${at}`;
    await db.staffMember.createMany({
      data: [
        { username: "li", displayName: "李", role: "clerk", active: true },
        { username: "zhao", displayName: "赵", role: "clerk", active: false },
      ],
    });
    const staff = Prisma.sql`SELECT "username", "active" FROM "StaffMember" ORDER BY "username"`;
    const plain = plainSqlOf(db);

    expect(await plain.query(dialogue)).toEqual(await db.$queryRaw(dialogue));
    expect(await plain.query(staff)).toEqual([
      { username: "li", active: true },
      { username: "zhao", active: false },
    ]);
    expect(await plain.query(inbox)).toEqual(await db.$queryRaw(inbox));
    expect(await plain.query(inbox)).toEqual([
      {
        sequence: 9_007_199_254_740_993n,
        payload: { update_id: 7 },
        receivedAt: at,
        processedAt: null,
      },
    ]);
  });

  it("reads rows undecoded as arrays when asked: a time as its ISO text, read in milliseconds", async () => {
    const db = await freshDatabase(provider);
    await db.inboxUpdate.create({
      data: {
        channel: "telegram",
        updateId: "7",
        sequence: 1n,
        payload: { update_id: 7 },
        receivedAt: at,
      },
    });
    const plain = plainSqlOf(db);

    const { columnNames, rows } = await plain.queryRows(Prisma.sql`
      SELECT "updateId", "receivedAt", "processedAt" FROM "InboxUpdate"`);

    expect(columnNames).toEqual(["updateId", "receivedAt", "processedAt"]);
    expect(rows).toEqual([["7", expect.any(String), null]]);
    expect(epochMsOf(rows[0]![1])).toBe(at.getTime());
    expect(() => epochMsOf(null)).toThrow(TypeError);
  });

  it("commits a transaction's statements together, or none of them", async () => {
    const db = await freshDatabase(provider);
    const plain = plainSqlOf(db);

    const changed = await plain.transaction(async (tx) => [
      await tx.execute(insert("a")),
      await tx.execute(insert("b")),
    ]);
    await expect(
      plain.transaction(async (tx) => {
        await tx.execute(insert("c"));
        throw new Error("given up");
      }),
    ).rejects.toThrow("given up");
    // Prisma's own transactions go on beside plain ones.
    await Promise.all([
      plain.transaction((tx) => tx.execute(insert("d"))),
      db.$transaction((tx) => tx.$executeRaw(insert("e"))),
    ]);

    expect(changed).toEqual([1, 1]);
    const chats = await db.dialogueState.findMany({
      select: { chatId: true },
      orderBy: { chatId: "asc" },
    });
    expect(chats.map((row) => row.chatId)).toEqual(["a", "b", "d", "e"]);
  });

  it("keeps a statement outside a transaction out of another one that is open and rolls back", async () => {
    // SQLite has one connection: a statement run while another chat's transaction waits
    // between its statements must neither see that transaction's rows nor be undone with it.
    const db = await freshDatabase(provider);
    const plain = plainSqlOf(db);
    const chatIds = Prisma.sql`SELECT "chatId" FROM "DialogueState" ORDER BY "chatId"`;
    let inside!: () => void;
    const opened = new Promise<void>((resolve) => (inside = resolve));
    let giveUp!: () => void;
    const givenUp = new Promise<void>((resolve) => (giveUp = resolve));

    const rolledBack = Promise.all([
      plain.transaction(async (tx) => {
        await tx.execute(insert("undone"));
        inside();
        await givenUp;
        throw new Error("version changed");
      }),
      db.$transaction(async (tx) => {
        await tx.$executeRaw(insert("undone too"));
        await givenUp;
        throw new Error("version changed");
      }),
    ]);
    await opened;
    const outside = (async () => {
      await plain.execute(insert("kept"));
      await db.dialogueState.create({ data: { channel: "web", chatId: "kept too", state: {} } });
      return plain.query<{ chatId: string }>(chatIds);
    })();
    giveUp();
    await expect(rolledBack).rejects.toThrow("version changed");
    const seenMeanwhile = await outside;

    expect(seenMeanwhile.map((row) => row.chatId)).toEqual(["kept", "kept too"]);
    expect((await plain.query<{ chatId: string }>(chatIds)).map((row) => row.chatId)).toEqual([
      "kept",
      "kept too",
    ]);
  });

  it("lets a transaction's own work read through the database without waiting for itself", async () => {
    // The address book reads a notice's recipients through the database, not the transaction.
    const db = await freshDatabase(provider);
    const plain = plainSqlOf(db);
    const count = Prisma.sql`SELECT COUNT(*) AS "n" FROM "DialogueState"`;

    const [fromPlain, fromPrisma] = await Promise.all([
      plain.transaction(async (tx) => {
        await tx.execute(Prisma.sql`DELETE FROM "DialogueState"`);
        return plain.query<{ n: bigint }>(count);
      }),
      db.$transaction(async (tx) => {
        await tx.$executeRaw(Prisma.sql`DELETE FROM "DialogueState"`);
        return db.dialogueState.count();
      }),
    ]);

    expect(Number(fromPlain[0]!.n)).toBe(0);
    expect(fromPrisma).toBe(0);
  });

  it("commits writes queued at the same moment together (on SQLite one commit), each resolved once committed", async () => {
    const db = await freshDatabase(provider);
    const shared = plainSqlOf(db).sharingCommits;
    const seen: string[] = [];
    const stop = traceStatements((statement) => seen.push(statement.sql.trim()));
    const resolved = (name: string) => () => seen.push(`resolved ${name}`);

    const outcomes = await Promise.all([
      shared.execute(insert("a")).finally(resolved("a")),
      shared
        .transaction(async (tx) => [await tx.execute(insert("b")), await tx.execute(insert("c"))])
        .finally(resolved("b, c")),
      shared
        .query<{ chatId: string }>(Prisma.sql`${insert("d")} RETURNING "chatId"`)
        .finally(resolved("d")),
    ]);
    stop();

    expect(outcomes).toEqual([1, [1, 1], [{ chatId: "d" }]]);
    if (provider === "sqlite") {
      // One WAL sync for the three, and none of them answered before it.
      expect(seen.filter((sql) => sql === "COMMIT")).toHaveLength(1);
      expect(seen.indexOf("COMMIT")).toBeLessThan(seen.indexOf("resolved a"));
    }
    const rows = await db.dialogueState.findMany({ orderBy: { chatId: "asc" } });
    expect(rows.map((row) => row.chatId)).toEqual(["a", "b", "c", "d"]);
  });

  it("keeps the failure of a write sharing its commit its own: the others are committed", async () => {
    const db = await freshDatabase(provider);
    const shared = plainSqlOf(db).sharingCommits;
    await plainSqlOf(db).execute(insert("taken"));

    const outcomes = await Promise.allSettled([
      shared.execute(insert("a")),
      shared.transaction(async (tx) => {
        await tx.execute(insert("undone"));
        throw new Error("version changed");
      }),
      shared.execute(insert("taken")),
      shared.transaction(async (tx) => [
        await tx.execute(insert("b")),
        await tx.execute(insert("c")),
      ]),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      "fulfilled",
      "rejected",
      "rejected",
      "fulfilled",
    ]);
    expect(outcomes[1]).toMatchObject({ reason: new Error("version changed") });
    expect(isUniqueViolation((outcomes[2] as PromiseRejectedResult).reason)).toBe(true);
    const rows = await db.dialogueState.findMany({ orderBy: { chatId: "asc" } });
    expect(rows.map((row) => row.chatId)).toEqual(["a", "b", "c", "taken"]);
  });
});
