/**
 * China's provinces, cities and counties, from @vant/area-data (the GB/T 2260 list, kept by the
 * Vant project), for the reader of places outside the city (domain/places/elsewhere.ts).
 */
import { areaList } from "@vant/area-data";
import type { ChinaDivisions } from "../domain/places/elsewhere.ts";

/** A division's code starts with its province's two digits (GB/T 2260). */
const provinceCode = (code: string) => code.slice(0, 2);

let divisions: ChinaDivisions | undefined;

/** The list, grouped once a process (every service built in it, a test's many, reads the same). */
export function chinaDivisions(): ChinaDivisions {
  divisions ??= grouped();
  return divisions;
}

function grouped(): ChinaDivisions {
  const provinces = new Map(
    Object.entries(areaList.province_list).map(([code, name]) => [
      provinceCode(code),
      { name, cities: [] as string[], counties: [] as string[] },
    ]),
  );
  for (const [code, name] of Object.entries(areaList.city_list)) {
    provinces.get(provinceCode(code))?.cities.push(name);
  }
  for (const [code, name] of Object.entries(areaList.county_list)) {
    provinces.get(provinceCode(code))?.counties.push(name);
  }
  return [...provinces.values()];
}
