/**
 * The demo directory under another city's name, as an operator of 漯河市 would run the service
 * (DIRECTORY_FILE): what shows that a page names the directory's city, not the demo's.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";
import type { CityNames } from "../../src/i18n/catalog.ts";

export const ANOTHER_CITY: CityNames = { city: "漯河市", cityEn: "Luohe" };

const DEMO = fileURLToPath(new URL("../../src/directory/default-directory.yaml", import.meta.url));
const DEMO_PLACES = fileURLToPath(
  new URL("../../src/directory/default-places.geojson", import.meta.url),
);

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

/**
 * Writes the demo directory with ANOTHER_CITY's names (its places still the demo's) to a
 * temporary file, removed after the test file; resolves with the file's path.
 */
export async function anotherCityDirectoryFile(): Promise<string> {
  const demo = await readFile(DEMO, "utf8");
  const folder = await mkdtemp(path.join(os.tmpdir(), "another-city-"));
  folders.push(folder);
  const file = path.join(folder, "directory.yaml");
  await writeFile(
    file,
    demo
      .replace(/^city: .*$/m, `city: ${ANOTHER_CITY.city}`)
      .replace(/^cityEn: .*$/m, `cityEn: ${ANOTHER_CITY.cityEn}`)
      .replace(/^places: .*$/m, `places: ${JSON.stringify(DEMO_PLACES)}`),
  );
  return file;
}
