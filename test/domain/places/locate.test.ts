import { beforeAll, describe, expect, it } from "vitest";
import type { Position } from "geojson";
import { cityRegion, type Directory } from "../../../src/domain/directory.ts";
import { createPlaceLocator, type PlaceLocator } from "../../../src/domain/places/locate.ts";
import type { Area } from "../../../src/domain/places/places.ts";
import { loadDirectory } from "../../../src/directory/load-directory.ts";

let directory: Directory;
let locator: PlaceLocator;

beforeAll(async () => {
  directory = await loadDirectory();
  locator = createPlaceLocator(directory.places!, cityRegion(directory).code);
});

const at = (latitude: number, longitude: number) => locator.locate({ latitude, longitude });

describe("coordinates inside the city", () => {
  it("are placed in the region and town whose seat they are, for every town of the directory", () => {
    const misplaced = directory.places!.towns.filter((place) => {
      const found = locator.locate(place.seat!);
      return found.region !== place.region || found.town !== place.town;
    });

    expect(misplaced).toEqual([]);
  });

  it("say that coordinates decided the place", () => {
    expect(at(33.627, 114.652)).toEqual({
      source: "coordinates",
      inCity: true,
      region: "chuanhui",
      town: "七一路街道",
    });
  });

  it.each([
    ["the crossing of 人民路 and 七一路 in the city centre", 33.627, 114.652, "chuanhui"],
    ["the development zone east of the centre", 33.608, 114.71, "kaifaqu"],
    ["项城's town centre", 33.466, 114.875, "xiangcheng"],
    ["太清宫, east of 鹿邑", 33.862, 115.54, "luyi"],
    ["a village north of 太康", 34.2, 114.86, "taikang"],
    ["the seat of 商水", 33.543, 114.612, "shangshui"],
  ])("place %s in its region", (_, latitude, longitude, region) => {
    expect(at(latitude, longitude).region).toBe(region);
  });
});

describe("a point shared at a town's seat", () => {
  // The seats of the towns that hold their county's government, where the places file's
  // positions are surest (src/directory/README.md), and two street offices of the centre.
  it.each([
    ["七一路街道, 川汇区, at 人民路 and 七一路", 33.627, 114.652, "chuanhui", "七一路街道"],
    ["槐店回族镇, the seat of 沈丘县", 33.409, 115.098, "shenqiu", "槐店回族镇"],
    ["城关镇, the seat of 郸城县", 33.645, 115.177, "dancheng", "城关镇"],
    ["城关回族镇, the seat of 太康县", 34.064, 114.838, "taikang", "城关回族镇"],
    ["城关镇, the seat of 鹿邑县", 33.86, 115.484, "luyi", "城关镇"],
    ["太昊路街道 of the development zone", 33.61, 114.705, "kaifaqu", "太昊路街道"],
  ])("%s is placed in its region and town", (_, latitude, longitude, region, town) => {
    expect(at(latitude, longitude)).toEqual({ source: "coordinates", inCity: true, region, town });
  });

  it("keeps the region alone, with no town, where no town's area holds the point", () => {
    const places = directory.places!;
    const withoutChuanhuiTowns = createPlaceLocator(
      {
        regions: places.regions,
        towns: places.towns.map((t) => (t.region === "chuanhui" ? { ...t, area: null } : t)),
      },
      cityRegion(directory).code,
    );

    expect(withoutChuanhuiTowns.locate({ latitude: 33.627, longitude: 114.652 })).toEqual({
      source: "coordinates",
      inCity: true,
      region: "chuanhui",
      town: null,
    });
  });
});

describe("coordinates on a border between two regions", () => {
  it("go to one region on each side, and to the same one of the two on the line itself", () => {
    const { first, second, a, b } = sharedEdge(directory, "huaiyang", "dancheng");
    const middle: Position = [(a[0]! + b[0]!) / 2, (a[1]! + b[1]!) / 2];
    const side = (metres: number) => {
      // 1e-5 degrees is about a metre; step across the edge along its normal.
      const [dx, dy] = [b[0]! - a[0]!, b[1]! - a[1]!];
      const length = Math.hypot(dx, dy);
      const step = (metres * 1e-5) / length;
      return locator.locate({
        longitude: middle[0]! - dy * step,
        latitude: middle[1]! + dx * step,
      });
    };
    const onTheLine = locator.locate({ longitude: a[0]!, latitude: a[1]! });

    expect(new Set([side(50).region, side(-50).region])).toEqual(new Set([first, second]));
    expect(onTheLine.region).toBe(first);
    expect(locator.locate({ longitude: a[0]!, latitude: a[1]! })).toEqual(onTheLine);
  });
});

describe("coordinates outside the city", () => {
  it.each([
    ["郑州", 34.747, 113.625],
    ["亳州, just east of 鹿邑 across the provincial border", 33.845, 115.85],
    ["the Gulf of Guinea (a phone with no fix sends 0, 0)", 0, 0],
  ])("in %s are outside, with no region", (_, latitude, longitude) => {
    expect(at(latitude, longitude)).toEqual({
      source: "coordinates",
      inCity: false,
      region: null,
      town: null,
    });
  });

  it("that are not a position at all are outside too", () => {
    expect(at(Number.NaN, 114.6).inCity).toBe(false);
    expect(at(133.6, 114.6).inCity).toBe(false);
  });
});

/** Two consecutive vertices that both regions' outlines have: a piece of their shared border. */
function sharedEdge(directory: Directory, one: string, other: string) {
  const rings = (area: Area) =>
    area.type === "Polygon" ? area.coordinates : area.coordinates.flat();
  const areaOf = (code: string) => directory.places!.regions.find((r) => r.region === code)!.area!;
  const key = (p: Position) => `${p[0]},${p[1]}`;
  const edges = new Set(
    rings(areaOf(other)).flatMap((ring) =>
      ring.slice(1).map((p, i) => `${key(ring[i]!)}|${key(p)}`),
    ),
  );
  for (const ring of rings(areaOf(one))) {
    for (let i = 1; i < ring.length; i++) {
      const [a, b] = [ring[i - 1]!, ring[i]!];
      if (edges.has(`${key(b)}|${key(a)}`) || edges.has(`${key(a)}|${key(b)}`)) {
        const order = directory.regions.map((region) => region.code);
        const [first, second] = [one, other].sort((x, y) => order.indexOf(x) - order.indexOf(y));
        return { first: first!, second: second!, a, b };
      }
    }
  }
  throw new Error(`${one} and ${other} share no border`);
}
