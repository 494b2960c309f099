/**
 * Where the WeCom staff cards of a case went and the response_code each may still be updated
 * with: a code is taken once, and not at all once WeCom's 72 hours are over.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/storage/database.ts";
import {
  createWeComCardStore,
  RESPONSE_CODE_TTL_MS,
  type WeComCardRef,
  type WeComCardStore,
} from "../../src/storage/wecom-card-store.ts";
import { freshDatabase, PROVIDERS } from "../support/databases.ts";

const NO = "ZK-20261128-0001";
const SENT = new Date("2026-11-28T08:00:00Z");
const later = (ms: number) => new Date(SENT.getTime() + ms);

describe.each(PROVIDERS)("the WeCom card store (%s)", { timeout: 30_000 }, (provider) => {
  let db: Db;
  let store: WeComCardStore;

  beforeEach(async () => {
    db = await freshDatabase(provider);
    store = createWeComCardStore(db);
  });
  /** A card sent with `code` at SENT. */
  const sent = (ref: WeComCardRef, code: string) =>
    store.remember(NO, ref, { code, issuedAt: SENT });

  it("remembers the cards of a case, each task once, without their codes", async () => {
    await sent({ kind: "clerk", userId: "zhangsan", taskId: "t1" }, "rc1");
    await sent({ kind: "unit", userId: "h", taskId: "t2", unitId: "u1", reviewStage: 0 }, "rc2");
    await sent({ kind: "clerk", userId: "zhangsan", taskId: "t1" }, "rc3");

    expect(await store.cardsOf(NO)).toEqual([
      { kind: "unit", userId: "h", taskId: "t2", unitId: "u1", reviewStage: 0 },
      { kind: "clerk", userId: "zhangsan", taskId: "t1" },
    ]);
    expect(await store.cardsOf("ZK-20261128-0002")).toEqual([]);
  });

  it("gives a card's code once", async () => {
    await sent({ kind: "clerk", userId: "zhangsan", taskId: "t1" }, "rc1");

    expect(await store.takeCode(NO, "t1", later(1000))).toBe("rc1");
    expect(await store.takeCode(NO, "t1", later(2000))).toBeNull();
    expect(await store.takeCode(NO, "unknown", later(2000))).toBeNull();
    expect(await store.cardsOf(NO)).toHaveLength(1);
  });

  it("gives no code WeCom no longer takes, 72 hours after it was issued", async () => {
    await sent({ kind: "clerk", userId: "a", taskId: "t1" }, "rc1");
    await sent({ kind: "clerk", userId: "b", taskId: "t2" }, "rc2");

    expect(await store.takeCode(NO, "t1", later(RESPONSE_CODE_TTL_MS - 1000))).toBe("rc1");
    expect(await store.takeCode(NO, "t2", later(RESPONSE_CODE_TTL_MS))).toBeNull();
  });
});
