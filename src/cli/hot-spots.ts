/**
 * npm run --silent hot-spots -- [--days 30] [--limit 50] [--offset 0]
 *
 * Prints the hot spots of the last `days` days (default 30) in DATABASE_URL:
 * clusters, places named again, citizens repeating one matter and rising
 * categories, each kind's total and `limit` of its findings from `offset` (the largest first),
 * each with its tracking numbers (src/domain/places/hot-spots.ts).
 */
import { parseArgs } from "node:util";
import { hotSpotReportText } from "../cases/hot-spot-text.ts";
import { loadConfig } from "../config/config.ts";
import { LISTED_FINDINGS } from "../domain/places/hot-spots.ts";
import { DEFAULT_DIRECTORY_FILE, loadDirectory } from "../directory/load-directory.ts";
import { openDatabase } from "../storage/database.ts";
import { createHotSpotQuery } from "../storage/queries/hot-spots.ts";

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      days: { type: "string", default: "30" },
      limit: { type: "string", default: String(LISTED_FINDINGS) },
      offset: { type: "string", default: "0" },
    },
  });
  const [days, limit, offset] = [Number(values.days), Number(values.limit), Number(values.offset)];
  if (!Number.isInteger(days) || days < 1 || days > 366) {
    throw new Error("--days must be a whole number of days from 1 to 366");
  }
  if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(offset) || offset < 0) {
    throw new Error("--limit must be a whole number from 1, --offset one from 0");
  }
  const config = loadConfig(process.env);
  const directory = await loadDirectory(config.directoryFile ?? DEFAULT_DIRECTORY_FILE);
  const db = await openDatabase(config.database);
  try {
    const report = await createHotSpotQuery(db, config.database.provider).report(new Date(), days, {
      offset,
      limit,
    });
    process.stdout.write(`${hotSpotReportText(report, directory)}\n`);
  } finally {
    await db.$disconnect();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
