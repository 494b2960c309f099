import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_DIRECTORY_FILE,
  DEFAULT_PLACES_FILE,
  loadDirectory,
} from "../../src/directory/load-directory.ts";
import { parsePlaces } from "../../src/directory/load-places.ts";
import { isAppError } from "../../src/errors.ts";

describe("the places of the demo city's directory", () => {
  it("give every region and every town of the directory a seat, and every region an area", async () => {
    const directory = await loadDirectory();
    const places = directory.places!;

    expect(places.regions.map((place) => place.region)).toEqual(
      directory.regions.map((region) => region.code),
    );
    expect(places.regions.every((place) => place.seat !== null && place.area !== null)).toBe(true);
    expect(places.towns).toHaveLength(directory.regions.flatMap((region) => region.towns).length);
    expect(places.towns.every((place) => place.seat !== null && place.area !== null)).toBe(true);
  });

  it("keep towns that several counties share apart (城关镇 of 扶沟 and of 鹿邑)", async () => {
    const { places } = await loadDirectory();
    const seat = (region: string) =>
      places!.towns.find((place) => place.region === region && place.town === "城关镇")!.seat!;

    expect(seat("fugou").longitude).toBeLessThan(114.5);
    expect(seat("luyi").longitude).toBeGreaterThan(115.4);
  });
});

async function placesError(edit: (json: { features: Feature[] }) => void): Promise<string> {
  const directory = await loadDirectory();
  const json = JSON.parse(await readFile(DEFAULT_PLACES_FILE, "utf8")) as { features: Feature[] };
  edit(json);
  try {
    parsePlaces(JSON.stringify(json), "my-places.geojson", directory);
  } catch (error) {
    if (isAppError(error, "config.directory")) return error.message;
    throw error;
  }
  throw new Error("expected the places file to be refused");
}

interface Feature {
  properties: { region: string; town?: string; role: string };
  geometry: { type: string; coordinates: unknown };
}

describe("a places file an operator provides", () => {
  it("is refused when a feature names a region the directory does not have", async () => {
    const message = await placesError((json) => {
      json.features[3]!.properties.region = "zhengzhou";
    });

    expect(message).toBe('my-places.geojson: features.3: unknown region "zhengzhou"');
  });

  it("is refused when a town is not one of its region's towns", async () => {
    const message = await placesError((json) => {
      const town = json.features.find((f) => f.properties.town === "崔桥镇")!;
      town.properties.region = "luyi";
    });

    expect(message).toMatch(
      /features\.\d+: "崔桥镇" is not a town of region "luyi" in the directory/,
    );
  });

  it("is refused when a place has two seats", async () => {
    const message = await placesError((json) => {
      json.features.push(json.features.find((f) => f.properties.town === "崔桥镇")!);
    });

    expect(message).toMatch(/a second seat of town "fugou\/崔桥镇"/);
  });

  it("is refused when a ring is not closed or a seat is not a point", async () => {
    const open = await placesError((json) => {
      const area = json.features.find((f) => f.properties.role === "area")!;
      (area.geometry.coordinates as number[][][][])[0]![0]!.pop();
    });
    const seat = await placesError((json) => {
      const seat = json.features.find((f) => f.properties.role === "seat")!;
      seat.geometry = {
        type: "Polygon",
        coordinates: [
          [
            [114, 33],
            [115, 33],
            [115, 34],
            [114, 33],
          ],
        ],
      };
    });

    expect(open).toMatch(/features\.\d+\.geometry\.coordinates\.0\.0: a ring ends where it starts/);
    expect(seat).toMatch(/features\.\d+: a seat is a Point/);
  });

  it("is refused at load when a region has no area, since coordinates could not find it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "places-"));
    const json = JSON.parse(await readFile(DEFAULT_PLACES_FILE, "utf8")) as { features: Feature[] };
    json.features = json.features.filter(
      (f) =>
        !(f.properties.region === "taikang" && !f.properties.town && f.properties.role === "area"),
    );
    await writeFile(join(dir, "places.geojson"), JSON.stringify(json));
    const directory = (await readFile(DEFAULT_DIRECTORY_FILE, "utf8")).replace(
      "places: default-places.geojson",
      "places: places.geojson",
    );
    await writeFile(join(dir, "directory.yaml"), directory);

    await expect(loadDirectory(join(dir, "directory.yaml"))).rejects.toThrow(
      `${join(dir, "places.geojson")}: region "taikang" has no area (coordinates could not find it)`,
    );
  });

  it("is optional: a directory without one has no places", async () => {
    const dir = await mkdtemp(join(tmpdir(), "places-"));
    const directory = (await readFile(DEFAULT_DIRECTORY_FILE, "utf8")).replace(
      "places: default-places.geojson\n",
      "",
    );
    await writeFile(join(dir, "directory.yaml"), directory);

    expect((await loadDirectory(join(dir, "directory.yaml"))).places).toBeUndefined();
  });
});
