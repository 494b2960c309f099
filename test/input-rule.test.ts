/** The one input rule of every boundary (src/input-rule.ts). */
import { describe, expect, it } from "vitest";
import { cleanDeep, cleanText, isCleanText, jsonDepth } from "../src/input-rule.ts";

describe("the input rule", () => {
  it("replaces lone surrogates and keeps pairs", () => {
    expect(cleanText("x\ud800y")).toBe("x\ufffdy");
    expect(cleanText("\udc00")).toBe("\ufffd");
    expect(cleanText("表情😀")).toBe("表情😀");
  });

  it("drops NUL and other control characters, keeps newlines and tabs", () => {
    expect(cleanText("a\u0000b\u0007c\u001bd\u007fe\u0085f")).toBe("abcdef");
    expect(cleanText("第一行\r\n第二行\r第三行\t完")).toBe("第一行\n第二行\n第三行\t完");
  });

  it("drops the bidirectional controls that would show a text other than it is", () => {
    expect(cleanText("电话\u202e87654321381\u202c")).toBe("电话87654321381");
    expect(cleanText("a\u2066b\u2069c")).toBe("abc");
    // The marks that only hint a direction are harmless and stay.
    expect(cleanText("a\u200eb")).toBe("a\u200eb");
  });

  it("leaves a clean text as it is, and cleaning twice changes nothing", () => {
    const text = "项城市光明路的路灯坏了两个星期\n谢谢";
    expect(cleanText(text)).toBe(text);
    expect(isCleanText(text)).toBe(true);
    expect(isCleanText("a\u0000")).toBe(false);
    expect(cleanText(cleanText("a\ud800\u0000\r\n"))).toBe(cleanText("a\ud800\u0000\r\n"));
  });

  it("cleans every string of a parsed value, keys included, and nothing else", () => {
    const value = { "k\u0000": ["v\ud800", 1, null, true, { deep: "a\u0000" }] };
    expect(cleanDeep(value)).toEqual({ k: ["v\ufffd", 1, null, true, { deep: "a" }] });
    const clean = { a: ["b", 2] };
    expect(cleanDeep(clean)).toBe(clean);
  });

  it("measures JSON depth without parsing, ignoring brackets in strings", () => {
    expect(jsonDepth('{"a":[1,{"b":2}]}')).toBe(3);
    expect(jsonDepth('{"a":"[[[[\\"]]"}')).toBe(1);
    expect(jsonDepth("[".repeat(50_000))).toBe(50_000);
  });
});
