/**
 * The clerks' weekly hot-spot digest text: a cluster's extent is told as the domain measures it,
 * from its centre, not as a distance between its cases.
 */
import { describe, expect, it } from "vitest";
import { withConsoleLinks } from "../../src/cases/hot-spot-links.ts";
import { loadDirectory } from "../../src/directory/load-directory.ts";
import { findClusters, listedOf, type HotSpotReport } from "../../src/domain/places/hot-spots.ts";
import { hotSpotDigestText } from "../../src/notifications/hot-spot-digest-zh.ts";

const FROM = new Date("2026-11-23T00:00:00+08:00");
const FIRST = { offset: 0, limit: 5 };
const none = listedOf([], FIRST);

describe("the hot-spot digest", () => {
  it("tells a cluster reaching past 500 m how far its cases lie from its centre", async () => {
    // Reports 300 m apart along a street, each within 500 m of the next: 1.2 km end to end.
    const clusters = findClusters(
      [0, 300, 600, 900, 1_200].map((north, n) => ({
        id: `ZK-${n}`,
        category: "municipal",
        region: "chuanhui",
        point: { latitude: 33.6251 + north / 111_320, longitude: 114.659 },
        placeKeys: [],
        submittedAt: new Date(FROM.getTime() + n * 86_400_000),
      })),
    );
    const report: HotSpotReport = {
      from: FROM,
      to: new Date(FROM.getTime() + 7 * 86_400_000),
      clusters: listedOf(clusters, FIRST),
      repeatedPlaces: none,
      repeatComplaints: none,
      risingCategories: none,
    };

    const text = hotSpotDigestText(withConsoleLinks(report), { directory: await loadDirectory() });

    const metres = Math.round(clusters[0]!.radiusMetres);
    expect(metres).toBeGreaterThan(500);
    expect(text).toContain(`· 市政市容 5 件，距中心 ${metres} 米内`);
    expect(text).not.toContain("相距");
  });
});
