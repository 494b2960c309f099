/**
 * The console map's API: the map itself (tile server or region outlines) and
 * its points, the cases with coordinates the staff member may see, filtered as
 * the case list is and bounded by an explicit limit.
 */
import type { Feature, FeatureCollection } from "geojson";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { CaseFilterSchema } from "../cases/case-filter.ts";
import { scopeOf } from "../cases/staff-viewer.ts";
import type { MapSettings } from "../config/map-settings.ts";
import type { Directory } from "../domain/directory.ts";
import type { Area } from "../domain/places/places.ts";
import { viewerOf, type ConsoleContext } from "./console-context.ts";

/**
 * The most points the map shows at once: the newest cases with coordinates. The console says
 * so when more match, and a narrower filter (a period, a region, a status) shows the rest.
 */
export const MAP_POINT_LIMIT = 5_000;

/** The directory's region areas as GeoJSON, for the map without a tile server. */
export function regionOutlines(directory: Directory): FeatureCollection<Area> {
  const features = (directory.places?.regions ?? []).flatMap((place): Feature<Area>[] => {
    const region = directory.regions.find((r) => r.code === place.region);
    if (!region || !place.area) return [];
    return [
      {
        type: "Feature",
        properties: {
          code: region.code,
          name: region.name,
          nameEn: region.nameEn,
          level: region.level,
          seat: place.seat && [place.seat.latitude, place.seat.longitude],
        },
        geometry: place.area,
      },
    ];
  });
  return { type: "FeatureCollection", features };
}

export const mapRoutes: FastifyPluginAsyncZod<{
  context: ConsoleContext;
  settings: MapSettings;
}> = async (app, { context, settings }) => {
  const { directory, queries } = context;
  const outlines = regionOutlines(directory);

  app.get(
    "/api/map",
    {
      schema: {
        tags: ["map"],
        summary:
          "The map: the tile server (null without one) and the directory's region outlines (GeoJSON), with the point limit",
      },
    },
    async (request) => {
      viewerOf(request);
      return { tiles: settings.tiles ?? null, outlines, pointLimit: MAP_POINT_LIMIT };
    },
  );

  app.get(
    "/api/map/cases",
    {
      schema: {
        tags: ["map"],
        summary: `The newest cases with coordinates the staff member may see, filtered as the case list, at most ${MAP_POINT_LIMIT}`,
        querystring: CaseFilterSchema,
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      const found = await queries.map.points(
        scopeOf(viewer, directory),
        request.query,
        MAP_POINT_LIMIT,
      );
      return { limit: MAP_POINT_LIMIT, ...found };
    },
  );
};
