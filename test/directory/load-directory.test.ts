import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { cityRegion, unitNameOfId, type Directory } from "../../src/domain/directory.ts";
import {
  DEFAULT_DIRECTORY_FILE,
  loadDirectory,
  parseDirectory,
} from "../../src/directory/load-directory.ts";
import { isAppError } from "../../src/errors.ts";

/** The name of each unit id in `locale`, as a citizen reads it. */
function unitNames(directory: Directory, locale: "zh" | "en", ...ids: string[]) {
  return ids.map((id) => unitNameOfId(directory, id, locale));
}

function directoryError(source: string): string {
  try {
    parseDirectory(source, "my-city.yaml");
  } catch (error) {
    if (isAppError(error, "config.directory")) return error.message;
    throw error;
  }
  throw new Error("expected the directory to be refused");
}

describe("the default routing directory of 周口市", () => {
  it("has the 16 categories and 12 regions of the taxonomy", async () => {
    const directory = await loadDirectory();

    expect(directory.categories.map((c) => c.code)).toEqual([
      "municipal",
      "environment",
      "housing",
      "utilities",
      "land",
      "labor",
      "health",
      "education",
      "transport",
      "public_security",
      "agriculture",
      "market",
      "civil_affairs",
      "legal",
      "discipline",
      "other",
    ]);
    expect(directory.regions.map((r) => r.code)).toEqual([
      "city",
      "chuanhui",
      "huaiyang",
      "xiangcheng",
      "fugou",
      "xihua",
      "shangshui",
      "shenqiu",
      "dancheng",
      "taikang",
      "luyi",
      "kaifaqu",
    ]);
    expect(cityRegion(directory).name).toBe("周口市本级");
  });

  it("names the city in English as the file gives it, or spells it in pinyin", async () => {
    const source = await readFile(DEFAULT_DIRECTORY_FILE, "utf8");
    expect(parseDirectory(source, "zhoukou.yaml").cityEn).toBe("Zhoukou");
    const luohe = source.replace("city: 周口市", "city: 漯河市").replace(/^cityEn: .*\n/m, "");
    expect(parseDirectory(luohe, "luohe.yaml").cityEn).toBe("Luohe");
    const named = luohe.replace("city: 漯河市", "city: 漯河市\ncityEn: Luo He");
    expect(parseDirectory(named, "luohe.yaml").cityEn).toBe("Luo He");
  });

  it("has one unit per department and region, named the way the city names them", async () => {
    const directory = await loadDirectory();
    const unit = (department: string, region: string) =>
      directory.units.find((u) => u.department === department && u.region === region)?.name;

    expect(directory.units).toHaveLength(directory.departments.length * directory.regions.length);
    expect(unit("urban_management", "fugou")).toBe("扶沟县城市管理局");
    expect(unit("human_resources", "city")).toBe("周口市人力资源和社会保障局");
    expect(unit("ecology_environment", "shenqiu")).toBe("周口市生态环境局沈丘分局");
    expect(unit("public_security", "chuanhui")).toBe("周口市公安局川汇分局");
    expect(unit("discipline", "xiangcheng")).toBe("项城市纪委监委");
  });

  it("names every unit in English: its region's and department's names, or its own", async () => {
    const directory = await loadDirectory();
    const ids = [
      "urban_management.chuanhui",
      "urban_management.city",
      "discipline.xiangcheng",
      "housing_construction.kaifaqu",
      "public_security.chuanhui",
      "ecology_environment.shenqiu",
      "discipline.kaifaqu",
    ];

    expect(unitNames(directory, "en", ...ids)).toEqual([
      "Chuanhui District Urban Management Bureau",
      "Zhoukou City Urban Management Bureau",
      "Xiangcheng City Commission for Discipline Inspection and Supervision",
      "Zhoukou Economic and Technological Development Zone Housing and Urban-Rural Development Bureau",
      // A 分局 of a city bureau, and the zone's 纪工委, give their own.
      "Zhoukou City Public Security Bureau, Chuanhui Branch",
      "Zhoukou City Bureau of Ecology and Environment, Shenqiu Branch",
      "Zhoukou Economic and Technological Development Zone Discipline Inspection Working Committee",
    ]);
    expect(unitNames(directory, "zh", "urban_management.chuanhui", "discipline.kaifaqu")).toEqual([
      "川汇区城市管理局",
      "周口经济技术开发区纪工委",
    ]);
    const chinese = directory.units
      .map((u) => unitNameOfId(directory, u.id, "en"))
      .filter((name) => /\p{Script=Han}/u.test(name ?? ""));
    expect(chinese).toEqual([]);
  });

  it("classes reports against officials as 检举控告 and the rest by their nature", async () => {
    const directory = await loadDirectory();
    const classOf = (code: string) => directory.categories.find((c) => c.code === code)?.class;

    expect(classOf("discipline")).toBe("report");
    expect(classOf("municipal")).toBe("request");
    expect(classOf("other")).toBe("suggestion");
  });
});

describe("a directory file an operator provides", () => {
  it("is refused when it is not valid YAML, with the line at fault", () => {
    expect(directoryError("version: 1\ncity: 周口市\ncity: 扶沟县\n")).toBe(
      "my-city.yaml:3: Map keys must be unique",
    );
  });

  it("is refused when a field is wrong, with the line and field at fault", async () => {
    const source = (await readFile(DEFAULT_DIRECTORY_FILE, "utf8")).replace(
      "trackingPrefix: ZK",
      "trackingPrefix: zk-1",
    );
    const line = source.split("\n").findIndex((l) => l.startsWith("trackingPrefix")) + 1;

    expect(directoryError(source)).toBe(
      `my-city.yaml:${line}: trackingPrefix: 1 to 6 capital letters`,
    );
  });

  it("is refused when its review unit is unknown or not of the city level", async () => {
    const source = await readFile(DEFAULT_DIRECTORY_FILE, "utf8");
    const naming = (unitId: string) =>
      source.replace("reviewUnit: petition_bureau.city", `reviewUnit: ${unitId}`);
    const line = source.split("\n").indexOf("reviewUnit: petition_bureau.city") + 1;

    expect(directoryError(naming("government.city"))).toBe(
      `my-city.yaml:${line}: reviewUnit: unknown unit "government.city"`,
    );
    expect(directoryError(naming("petition_bureau.fugou"))).toBe(
      `my-city.yaml:${line}: reviewUnit: unit "petition_bureau.fugou" is not of the city level`,
    );
    // Without one, a review of a city department's answer is proposed nowhere: it loads.
    const without = source.replace("reviewUnit: petition_bureau.city\n", "");
    expect(parseDirectory(without, "my-city.yaml").reviewUnit).toBeUndefined();
  });

  it("is refused when a unit names a region the file does not have", async () => {
    const source = (await readFile(DEFAULT_DIRECTORY_FILE, "utf8")).replace(
      "    region: fugou\n",
      "    region: fugu\n",
    );
    const line = source.split("\n").indexOf("    region: fugu") + 1;

    expect(directoryError(source)).toMatch(
      new RegExp(`^my-city\\.yaml:${line}: units\\.\\d+\\.region: unknown region "fugu"`),
    );
  });

  it("is refused when a category's department has no unit in some region", async () => {
    const source = (await readFile(DEFAULT_DIRECTORY_FILE, "utf8")).replace(
      / {2}- id: education\.luyi\n( {4}.*\n){3}/,
      "",
    );

    expect(directoryError(source)).toMatch(
      /categories\.7\.department: no unit of department "education" in region "luyi"/,
    );
  });

  it("loads without English names of departments and the city: units are then named in Chinese", async () => {
    const source = (await readFile(DEFAULT_DIRECTORY_FILE, "utf8"))
      .replace(/^cityEn: .*\n/m, "")
      .replace(/^( {4}name: \S+\n) {4}nameEn: .*\n(?=( {2}- code| *$|\n))/gm, "$1");
    const directory = parseDirectory(source, "my-city.yaml");

    expect(directory.departments.filter((d) => d.nameEn !== undefined)).toEqual([]);
    expect(
      unitNames(directory, "en", "urban_management.chuanhui", "public_security.chuanhui"),
    ).toEqual(["川汇区城市管理局", "Zhoukou City Public Security Bureau, Chuanhui Branch"]);
  });

  it("names a city-level unit by the city's name in pinyin when the file gives no English name", async () => {
    const source = (await readFile(DEFAULT_DIRECTORY_FILE, "utf8")).replace(/^cityEn: .*\n/m, "");
    const directory = parseDirectory(source, "my-city.yaml");

    expect(unitNames(directory, "en", "urban_management.city", "urban_management.fugou")).toEqual([
      "Zhoukou City Urban Management Bureau",
      "Fugou County Urban Management Bureau",
    ]);
  });

  it("takes a unit's own English name over the one its region and department make", async () => {
    const source = (await readFile(DEFAULT_DIRECTORY_FILE, "utf8")).replace(
      "    name: 扶沟县城市管理局\n",
      '    name: 扶沟县城市管理局\n    nameEn: "Fugou County City Administration"\n',
    );

    expect(
      unitNames(parseDirectory(source, "my-city.yaml"), "en", "urban_management.fugou"),
    ).toEqual(["Fugou County City Administration"]);
  });

  it("is refused when an English name is blank, with the line and field at fault", async () => {
    const source = (await readFile(DEFAULT_DIRECTORY_FILE, "utf8")).replace(
      'nameEn: "Urban Management Bureau"',
      'nameEn: " "',
    );
    const line = source.split("\n").indexOf('    nameEn: " "') + 1;

    expect(directoryError(source)).toMatch(
      new RegExp(`^my-city\\.yaml:${line}: departments\\.0\\.nameEn: `),
    );
  });

  it("is refused when the file cannot be read", async () => {
    await expect(loadDirectory("/nonexistent/directory.yaml")).rejects.toThrow(
      "directory file /nonexistent/directory.yaml cannot be read",
    );
  });
});
