/**
 * The places file of a routing directory: a GeoJSON FeatureCollection named by
 * the directory's `places:` key, next to it. Each feature is the `seat` (a
 * Point) or the `area` (a Polygon or MultiPolygon) of a region, or of a town
 * when `town` is given:
 *
 *   {"type":"Feature","properties":{"region":"fugou","town":"崔桥镇","role":"seat"},
 *    "geometry":{"type":"Point","coordinates":[114.3,34.15]}}
 *
 * Coordinates are WGS84 `[longitude, latitude]` (GeoJSON's order).
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { Directory } from "../domain/directory.ts";
import type { Area, GeoPoint, Places, RegionPlace, TownPlace } from "../domain/places/places.ts";
import { AppError } from "../errors.ts";

const Longitude = z.number().min(-180).max(180);
const Latitude = z.number().min(-90).max(90);
const PositionSchema = z.tuple([Longitude, Latitude]).rest(z.number());
const RingSchema = z
  .array(PositionSchema)
  .min(4, "a ring has at least 4 positions")
  .refine(
    (ring) => ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1],
    "a ring ends where it starts",
  );
const PolygonCoordinates = z.array(RingSchema).min(1);

const GeometrySchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("Point"), coordinates: PositionSchema }),
  z.object({ type: z.literal("Polygon"), coordinates: PolygonCoordinates }),
  z.object({ type: z.literal("MultiPolygon"), coordinates: z.array(PolygonCoordinates).min(1) }),
]);

const FeatureSchema = z.object({
  type: z.literal("Feature"),
  properties: z.object({
    region: z.string().min(1),
    town: z.string().min(1).optional(),
    role: z.enum(["seat", "area"]),
  }),
  geometry: GeometrySchema,
});

const PlacesFileSchema = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(FeatureSchema),
});

type Feature = z.infer<typeof FeatureSchema>;

/**
 * Reads and validates the places file of `directory`.
 * @throws AppError("config.directory") naming the file and the feature at fault.
 */
export async function loadPlaces(file: string, directory: Directory): Promise<Places> {
  let source: string;
  try {
    source = await readFile(file, "utf8");
  } catch (cause) {
    throw new AppError("config.directory", `places file ${file} cannot be read`, { cause });
  }
  const places = parsePlaces(source, file, directory);
  const withoutArea = places.regions.find((region) => region.area === null);
  if (withoutArea) {
    throw new AppError(
      "config.directory",
      `${file}: region "${withoutArea.region}" has no area (coordinates could not find it)`,
    );
  }
  return places;
}

/**
 * Parses a places file and checks that every feature names a region and town
 * of `directory`, at most one seat and one area each. Areas may be missing
 * (the input of `npm run places:derive`). `file` only names the source in errors.
 * @throws AppError("config.directory")
 */
export function parsePlaces(source: string, file: string, directory: Directory): Places {
  const fail = (message: string): never => {
    throw new AppError("config.directory", `${file}: ${message}`);
  };
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch {
    return fail("not valid JSON");
  }
  const parsed = PlacesFileSchema.safeParse(json);
  if (!parsed.success) {
    const problem = parsed.error.issues[0]!;
    return fail(`${problem.path.join(".")}: ${problem.message}`);
  }

  const regions = new Map<string, { seat: GeoPoint | null; area: Area | null }>(
    directory.regions.map((region) => [region.code, { seat: null, area: null }]),
  );
  const towns = new Map<
    string,
    { region: string; town: string; seat: GeoPoint | null; area: Area | null }
  >(
    directory.regions.flatMap((region) =>
      region.towns.map((town) => [
        `${region.code}/${town}`,
        { region: region.code, town, seat: null, area: null },
      ]),
    ),
  );
  parsed.data.features.forEach((feature, i) => {
    const { region, town, role } = feature.properties;
    const where = `features.${i}`;
    if (!regions.has(region)) fail(`${where}: unknown region "${region}"`);
    const entry = town === undefined ? regions.get(region)! : towns.get(`${region}/${town}`);
    if (!entry)
      return fail(`${where}: "${town}" is not a town of region "${region}" in the directory`);
    const name = town === undefined ? `region "${region}"` : `town "${region}/${town}"`;
    if (entry[role] !== null) fail(`${where}: a second ${role} of ${name}`);
    if (role === "seat") entry.seat = seatOf(feature) ?? fail(`${where}: a seat is a Point`);
    else entry.area = areaOf(feature) ?? fail(`${where}: an area is a Polygon or MultiPolygon`);
  });

  return {
    regions: [...regions].map(([region, place]): RegionPlace => ({ region, ...place })),
    towns: [...towns.values()].map((place): TownPlace => ({ ...place })),
  };
}

function seatOf(feature: Feature): GeoPoint | null {
  if (feature.geometry.type !== "Point") return null;
  const [longitude, latitude] = feature.geometry.coordinates;
  return { latitude, longitude };
}

function areaOf(feature: Feature): Area | null {
  return feature.geometry.type === "Point" ? null : (feature.geometry as Area);
}

/** The places as a GeoJSON FeatureCollection, one feature per line (readable diffs). */
export function formatPlaces(places: Places): string {
  const features = [...places.regions, ...places.towns].flatMap((place) => {
    const properties = { region: place.region, ...("town" in place ? { town: place.town } : {}) };
    return [
      ...(place.seat
        ? [
            {
              type: "Feature",
              properties: { ...properties, role: "seat" },
              geometry: { type: "Point", coordinates: [place.seat.longitude, place.seat.latitude] },
            },
          ]
        : []),
      ...(place.area
        ? [{ type: "Feature", properties: { ...properties, role: "area" }, geometry: place.area }]
        : []),
    ];
  });
  const lines = features.map((feature) => `    ${JSON.stringify(feature)}`);
  return `{\n  "type": "FeatureCollection",\n  "features": [\n${lines.join(",\n")}\n  ]\n}\n`;
}
