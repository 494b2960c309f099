/**
 * The mark of an hourly look for rows gone silent (the retention's, expiries.ts): a run reads
 * the rows after the mark, page by page, and the mark follows it — so a run that stops half-way
 * (its bound, or the process stopping during the first look after an upgrade, which reads
 * every old row) is resumed where it stopped, never read again from the beginning.
 */
import { describe, expect, it } from "vitest";
import {
  lookSinceMark,
  silenceMark,
  type LookPage,
  type LookPosition,
} from "../../src/storage/silence-marks.ts";
import { freshDatabase, PROVIDERS } from "../support/databases.ts";

const BEFORE = new Date("2026-11-01T00:00:00Z");

/** 2,500 rows gone silent a minute apart, as a look's pages read them. */
const ROWS: LookPosition[] = Array.from({ length: 2_500 }, (_, i) => ({
  at: new Date(Date.UTC(2026, 9, 1) + i * 60_000),
  key: `session-${String(i).padStart(4, "0")}`,
}));

/** The look's page source over ROWS, remembering where each page began. */
function pagesOfRows(asked: LookPosition[]): LookPage {
  return async (after, before, take) => {
    asked.push(after);
    return ROWS.filter(
      (row) =>
        row.at < before &&
        (row.at > after.at || (row.at.getTime() === after.at.getTime() && row.key > after.key)),
    ).slice(0, take);
  };
}

describe.each(PROVIDERS)("a look for silent rows on %s", (provider) => {
  it("keeps its place after each page, so a run that stops half-way is resumed there", async () => {
    const mark = silenceMark(await freshDatabase(provider), "retention:test");
    const asked: LookPosition[] = [];
    let pages = 0;
    const stopsAtTheSecondPage = async () => {
      if (++pages === 2) throw new Error("the process stopped");
      return 0;
    };

    await expect(
      lookSinceMark(mark, BEFORE, Infinity, pagesOfRows(asked), stopsAtTheSecondPage),
    ).rejects.toThrow("the process stopped");
    expect(await mark.read()).toEqual(ROWS[999]);

    asked.length = 0;
    await lookSinceMark(mark, BEFORE, Infinity, pagesOfRows(asked), async () => 0);
    expect(asked[0]).toEqual(ROWS[999]);
    expect(await mark.read()).toEqual({ at: BEFORE, key: "" });
  });
});
