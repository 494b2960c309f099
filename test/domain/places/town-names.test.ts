/**
 * A town's name for a citizen who reads English: pinyin and the kind of town, then the official
 * name that signs and local people use, so a foreign teacher can both read it and show it.
 */
import { describe, expect, it } from "vitest";
import { townInEnglish } from "../../../src/domain/places/town-names.ts";

describe("townInEnglish", () => {
  it.each([
    ["七一路街道", "Qiyilu Subdistrict (七一路街道)"],
    ["东夏亭镇", "Dongxiating Town (东夏亭镇)"],
    ["李埠口乡", "Libukou Township (李埠口乡)"],
    ["白楼回族乡", "Bailou Hui Ethnic Township (白楼回族乡)"],
    ["开发区", "Kaifaqu (开发区)"],
  ])("%s → %s", (town, english) => {
    expect(townInEnglish(town)).toBe(english);
  });
});
