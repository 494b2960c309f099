import { describe, expect, it } from "vitest";
import { placeWords } from "../../src/channels/place-words.ts";

describe("a shared place's name and address as the words kept", () => {
  it("puts the address after the name in Chinese brackets when either is written in Chinese", () => {
    expect(placeWords("人民公园", "川汇区七一路")).toBe("人民公园（川汇区七一路）");
    expect(placeWords("Wanda Plaza", "川汇区人民路")).toBe("Wanda Plaza（川汇区人民路）");
  });

  it("puts it in English brackets when both are written in English", () => {
    expect(placeWords("Wanda Plaza", "Renmin Road, Chuanhui District")).toBe(
      "Wanda Plaza (Renmin Road, Chuanhui District)",
    );
  });

  it("says a name the address holds once, and either alone as it is", () => {
    expect(placeWords("Wanda Plaza", "Wanda Plaza, Renmin Road")).toBe("Wanda Plaza, Renmin Road");
    expect(placeWords(undefined, "Renmin Road")).toBe("Renmin Road");
    expect(placeWords(" ", undefined)).toBeNull();
  });
});
