import distance from "@turf/distance";
import { describe, expect, it } from "vitest";
import { boxAround, metresBetween } from "../../../src/domain/places/geo.ts";
import { problemTopics } from "../../../src/domain/places/problem-topics.ts";
import { createTextSimilarity } from "../../../src/domain/places/text-similarity.ts";

describe("distances", () => {
  it("are great-circle metres: a thousandth of a degree of latitude is about 111 m", () => {
    const a = { latitude: 33.625, longitude: 114.65 };
    expect(metresBetween(a, { ...a, latitude: 33.626 })).toBeCloseTo(111.2, 0);
  });

  it("are turf's haversine metres to the last bit, near and far, across the antimeridian", () => {
    let seed = 12345;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const cities = [
      { latitude: 33.625, longitude: 114.65 },
      { latitude: -33.87, longitude: 151.21 },
      { latitude: 64.13, longitude: -21.9 },
      { latitude: 0, longitude: 179.999 },
    ];
    for (const city of cities) {
      for (let i = 0; i < 2_000; i++) {
        const spread = i % 2 === 0 ? 0.01 : 2;
        const [a, b] = [0, 1].map(() => ({
          latitude: city.latitude + (random() - 0.5) * spread,
          longitude: city.longitude + (random() - 0.5) * spread,
        }));
        const turf = distance([a!.longitude, a!.latitude], [b!.longitude, b!.latitude], {
          units: "meters",
        });
        expect(metresBetween(a!, b!)).toBe(turf);
      }
    }
  });

  it("a box around a point holds every point within the distance, for an indexed query", () => {
    const center = { latitude: 33.625, longitude: 114.65 };
    const box = boxAround(center, 500);
    for (const bearing of [0, 45, 90, 135, 180, 225, 270, 315]) {
      const rad = (bearing * Math.PI) / 180;
      const point = {
        latitude: center.latitude + (499 * Math.cos(rad)) / 111_320,
        longitude:
          center.longitude +
          (499 * Math.sin(rad)) / (111_320 * Math.cos((center.latitude * Math.PI) / 180)),
      };
      expect(metresBetween(center, point)).toBeLessThan(500);
      expect(point.latitude).toBeGreaterThanOrEqual(box.minLatitude);
      expect(point.latitude).toBeLessThanOrEqual(box.maxLatitude);
      expect(point.longitude).toBeGreaterThanOrEqual(box.minLongitude);
      expect(point.longitude).toBeLessThanOrEqual(box.maxLongitude);
    }
  });
});

describe("text similarity", () => {
  const similarity = createTextSimilarity([
    "路灯不亮了",
    "井盖没了",
    "下水道堵了",
    "工资拖欠了",
    "噪音太大了",
  ]).similarity;

  it("is 1 for the same words and 0 for nothing in common or no letters", () => {
    expect(similarity("井盖没了！", "井盖没了")).toBeCloseTo(1, 5);
    expect(similarity("电梯坏", "工资欠")).toBe(0);
    expect(similarity("？？", "井盖没了")).toBe(0);
  });

  it("counts rare words for more than common ones (了 says nothing)", () => {
    expect(similarity("井盖丢了", "井盖被偷")).toBeGreaterThan(similarity("井盖丢了", "路灯坏了"));
  });
});

describe("problem topics", () => {
  it("name the same object in other words alike, and different objects apart", () => {
    expect(problemTopics("红绿灯一直闪黄灯")).toEqual(["traffic_light"]);
    expect(problemTopics("信号灯坏了")).toEqual(["traffic_light"]);
    expect(problemTopics("井没盖子")).toEqual(["manhole_cover"]);
    expect(problemTopics("老板欠工钱")).toEqual(["wages"]);
  });
});
