/**
 * The send log of a WeChat citizen counts what went out against WeCom's 5-message window:
 * a turn's reply and a notification sent at the same moment are both counted, and records
 * older than WeCom's own 48 hours are forgotten.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/storage/database.ts";
import { createWeComKfStore, type WeComKfStore } from "../../src/storage/wecom-kf-store.ts";
import { freshDatabase, PROVIDERS } from "../support/databases.ts";

const KF = "wkCITY12345";
const CITIZEN = "wmCITIZEN1";
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 28, 2);

describe.each(PROVIDERS)("the WeCom kf send log (%s)", { timeout: 30_000 }, (provider) => {
  let db: Db;
  let store: WeComKfStore;

  beforeEach(async () => {
    db = await freshDatabase(provider);
    store = createWeComKfStore(db);
  });

  it("counts two sends recorded at the same moment", async () => {
    await Promise.all([
      store.recordSend(KF, CITIZEN, { id: "reply-1", at: T0 }),
      store.recordSend(KF, CITIZEN, { id: "notice-1", at: T0 }),
    ]);
    const ids = (await store.loadSends(KF, CITIZEN)).map((s) => s.id).sort();
    expect(ids).toEqual(["notice-1", "reply-1"]);
  });

  it("forgets sends older than WeCom's 48 hours, and keeps one citizen's log apart", async () => {
    await store.recordSend(KF, CITIZEN, { id: "old", at: T0 });
    await store.recordSend(KF, CITIZEN, { id: "recent", at: T0 + 47 * HOUR });
    await store.recordSend(KF, CITIZEN, { id: "new", at: T0 + 49 * HOUR });
    expect((await store.loadSends(KF, CITIZEN)).map((s) => s.id)).toEqual(["recent", "new"]);
    expect(await store.loadSends(KF, "wmOTHER")).toEqual([]);
  });
});
