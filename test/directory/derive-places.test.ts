import { describe, expect, it } from "vitest";
import { derivePlaceAreas } from "../../src/directory/derive-places.ts";
import { createPlaceLocator } from "../../src/domain/places/locate.ts";
import type { Places, TownPlace } from "../../src/domain/places/places.ts";

/** A small city: a west county of four towns on a grid, an east county of two, 20 km apart. */
function smallCity(): Places {
  const town = (region: string, name: string, latitude: number, longitude: number): TownPlace => ({
    region,
    town: name,
    seat: { latitude, longitude },
    area: null,
  });
  return {
    regions: ["city", "west", "east"].map((region) => ({ region, seat: null, area: null })),
    towns: [
      town("west", "一镇", 33.5, 114.5),
      town("west", "二镇", 33.6, 114.5),
      town("west", "三镇", 33.5, 114.6),
      town("west", "四镇", 33.6, 114.6),
      town("east", "五镇", 33.5, 114.8),
      town("east", "六镇", 33.6, 114.8),
    ],
  };
}

describe("areas derived from town seats", () => {
  const derived = derivePlaceAreas(smallCity(), { marginKm: 5 });
  const locator = createPlaceLocator(derived, "city");

  it("give each town the land nearer to its seat than to any other", () => {
    expect(locator.locate({ latitude: 33.52, longitude: 114.52 })).toMatchObject({
      region: "west",
      town: "一镇",
    });
    expect(locator.locate({ latitude: 33.58, longitude: 114.77 })).toMatchObject({
      region: "east",
      town: "六镇",
    });
  });

  it("put the border between two counties halfway between their nearest towns", () => {
    expect(locator.locate({ latitude: 33.55, longitude: 114.69 }).region).toBe("west");
    expect(locator.locate({ latitude: 33.55, longitude: 114.71 }).region).toBe("east");
  });

  it("end the city a margin beyond its outermost seats", () => {
    expect(locator.locate({ latitude: 33.5, longitude: 114.8 + 0.04 }).inCity).toBe(true); // ~3.7 km
    expect(locator.locate({ latitude: 33.5, longitude: 114.8 + 0.07 }).inCity).toBe(false); // ~6.5 km
  });

  it("give the city level, which has no towns, the outline of the whole city", () => {
    const city = derived.regions.find((region) => region.region === "city")!;
    const outline = createPlaceLocator(
      { regions: [{ ...city, region: "all" }], towns: [] },
      "city",
    );

    expect(outline.locate({ latitude: 33.55, longitude: 114.65 }).region).toBe("all");
  });

  it("refuse two towns at one position, which would leave one of them no land", () => {
    const city = smallCity();
    const twins = { ...city, towns: [...city.towns, { ...city.towns[0]!, town: "七镇" }] };

    expect(() => derivePlaceAreas(twins)).toThrow("towns west/一镇 and west/七镇 share a seat");
  });
});
