/**
 * Where the Telegram staff cards of a case went: one list per case, newest last, capped,
 * and two cards of one case remembered at once are both kept.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/storage/database.ts";
import {
  createTelegramCardStore,
  MAX_CARDS_PER_CASE,
  type TelegramCardStore,
} from "../../src/storage/telegram-card-store.ts";
import { freshDatabase, PROVIDERS } from "../support/databases.ts";

const NO = "ZK-20261128-0001";

describe.each(PROVIDERS)("the Telegram card store (%s)", { timeout: 30_000 }, (provider) => {
  let db: Db;
  let store: TelegramCardStore;

  beforeEach(async () => {
    db = await freshDatabase(provider);
    store = createTelegramCardStore(db);
  });

  it("knows no cards of a case it never saw", async () => {
    expect(await store.cardsOf(NO)).toEqual([]);
  });

  it("remembers the cards of a case, each once, and only of that case", async () => {
    await store.remember(NO, { kind: "clerk", chatId: "-100500", messageId: 7 });
    await store.remember(NO, { kind: "unit", chatId: "-100600", messageId: 9, unitId: "u1" });
    await store.remember(NO, { kind: "clerk", chatId: "-100500", messageId: 7 });

    expect(await store.cardsOf(NO)).toEqual([
      { kind: "unit", chatId: "-100600", messageId: 9, unitId: "u1" },
      { kind: "clerk", chatId: "-100500", messageId: 7 },
    ]);
    expect(await store.cardsOf("ZK-20261128-0002")).toEqual([]);
  });

  it("keeps the newest cards only", async () => {
    for (let id = 1; id <= MAX_CARDS_PER_CASE + 3; id++) {
      await store.remember(NO, { kind: "unit", chatId: "-100600", messageId: id });
    }

    const ids = (await store.cardsOf(NO)).map((card) => card.messageId);
    expect(ids).toHaveLength(MAX_CARDS_PER_CASE);
    expect(ids.at(-1)).toBe(MAX_CARDS_PER_CASE + 3);
  });

  it("keeps both of two cards remembered at the same time", async () => {
    await Promise.all([
      store.remember(NO, { kind: "clerk", chatId: "-100500", messageId: 1 }),
      store.remember(NO, { kind: "unit", chatId: "-100600", messageId: 2 }),
      store.remember(NO, { kind: "unit", chatId: "-100700", messageId: 3 }),
    ]);

    const ids = (await store.cardsOf(NO)).map((card) => card.messageId);
    expect(ids.sort()).toEqual([1, 2, 3]);
  });

  it("reads an unreadable value as no cards", async () => {
    await db.channelCursor.create({ data: { name: `telegram-cards:${NO}`, cursor: "{oops" } });

    expect(await store.cardsOf(NO)).toEqual([]);
  });
});
