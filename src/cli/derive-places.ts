/**
 * npm run places:derive -- [--places file.geojson] [--directory file.yaml] [--margin-km 6]
 *
 * Rewrites the areas of a places file from the seats of its towns (Voronoi
 * cells of the seats inside a city outline, merged per region; see
 * src/directory/derive-places.ts). Seats are kept as they are. Defaults: the
 * demo city's directory and its places file. An operator with official
 * boundaries does not need this: put them in the places file as areas.
 */
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import {
  DEFAULT_DIRECTORY_FILE,
  DEFAULT_PLACES_FILE,
  parseDirectory,
} from "../directory/load-directory.ts";
import { derivePlaceAreas, DEFAULT_DERIVE_OPTIONS } from "../directory/derive-places.ts";
import { formatPlaces, parsePlaces } from "../directory/load-places.ts";

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      places: { type: "string", default: DEFAULT_PLACES_FILE },
      directory: { type: "string", default: DEFAULT_DIRECTORY_FILE },
      "margin-km": { type: "string" },
    },
  });
  // The directory without its places: the file being derived may have no areas yet.
  const directory = parseDirectory(await readFile(values.directory, "utf8"), values.directory);
  const file = values.places;
  const marginKm = Number(values["margin-km"] ?? DEFAULT_DERIVE_OPTIONS.marginKm);
  if (!(marginKm > 0)) throw new Error("--margin-km must be a positive number");
  const places = parsePlaces(await readFile(file, "utf8"), file, directory);
  await writeFile(file, formatPlaces(derivePlaceAreas(places, { marginKm })));
  process.stdout.write(
    `areas of ${places.towns.length} towns and ${places.regions.length} regions written to ${file}\n`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
