/**
 * The console map's settings: environment variables validated with zod (part of
 * src/config/config.ts's schema). Without a tile server the map draws the directory's region
 * outlines under the cases, so that it works on an air-gapped network.
 */
import { z } from "zod";
import { optionalText } from "./env-fields.ts";

/** The placeholders Leaflet fills in a tile URL that we accept; `{s}` needs subdomains we do not configure. */
const TILE_PLACEHOLDERS = new Set(["{z}", "{x}", "{y}", "{-y}"]);
const TILE_URL_EXPECTED =
  "an http(s) tile URL with {z}, {x} and {y} (or {-y}) in its path or query, e.g. https://tiles.example.gov.cn/{z}/{x}/{y}.png";

/** MAP_TILE_URL: a tile template whose host is fixed (it goes into the content security policy). */
const tileUrl = z
  .string()
  .trim()
  .refine((value) => {
    const placeholders: string[] = value.match(/\{[^}]*\}/g) ?? [];
    if (!placeholders.every((p) => TILE_PLACEHOLDERS.has(p))) return false;
    if (!["{z}", "{x}"].every((p) => placeholders.includes(p))) return false;
    if (!placeholders.includes("{y}") && !placeholders.includes("{-y}")) return false;
    try {
      const url = new URL(value);
      return ["http:", "https:"].includes(url.protocol) && !url.host.includes("{");
    } catch {
      return false;
    }
  }, TILE_URL_EXPECTED);

/** The map variables, to spread into the service's environment schema. */
export const MapEnvShape = {
  MAP_TILE_URL: tileUrl.optional(),
  MAP_TILE_ATTRIBUTION: optionalText.pipe(z.string().max(300, "at most 300 characters").optional()),
};

export type MapEnv = z.infer<z.ZodObject<typeof MapEnvShape>>;

export interface MapSettings {
  /** The tile server, when one is configured; the map shows region outlines without it. */
  readonly tiles?: {
    readonly url: string;
    /** The credit the tile provider asks for (shown in the map's corner); "" when none. */
    readonly attribution: string;
  };
}

export function mapSettingsFromEnv(e: MapEnv): MapSettings {
  return e.MAP_TILE_URL
    ? { tiles: { url: e.MAP_TILE_URL, attribution: e.MAP_TILE_ATTRIBUTION ?? "" } }
    : {};
}

/** The origin images of the map may come from besides the console's own (for its content security policy). */
export function tileOrigin(settings: MapSettings): string | null {
  return settings.tiles ? new URL(settings.tiles.url).origin : null;
}
