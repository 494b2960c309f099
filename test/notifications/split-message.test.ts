import { describe, expect, it } from "vitest";
import { splitMessage, TELEGRAM_TEXT_LIMIT } from "../../src/notifications/split-message.ts";

const squash = (s: string) => s.replace(/\s+/g, "");

describe("splitMessage", () => {
  it("keeps a short text whole and drops blank texts", () => {
    expect(splitMessage("您好。")).toEqual(["您好。"]);
    expect(splitMessage("  \n ")).toEqual([]);
  });

  it("cuts at paragraphs first, and every part fits", () => {
    const paragraph = "经核查，".padEnd(3000, "情");
    const text = `${paragraph}。\n\n${paragraph}。\n\n${paragraph}。`;
    const parts = splitMessage(text);
    expect(parts).toHaveLength(3);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
      expect(part.endsWith("。")).toBe(true);
    }
    expect(squash(parts.join(""))).toBe(squash(text));
  });

  it("cuts after a sentence (。！？.!?) when a paragraph is too long, keeping closing quotes", () => {
    const sentence = "这是一句话”。";
    const text = "他说：“".concat(sentence.repeat(50), "结尾没有句号");
    const parts = splitMessage(text, 100);
    for (const part of parts.slice(0, -1)) {
      expect(part.length).toBeLessThanOrEqual(100);
      expect(part).toMatch(/[。”]$/u);
    }
    expect(parts.join("")).toBe(text);
  });

  it("cuts English text at spaces, never inside a word", () => {
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`);
    const text = words.join(" ");
    const parts = splitMessage(text, 200);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.flatMap((p) => p.split(" "))).toEqual(words);
  });

  it("cuts a text without boundaries hard, but never inside a surrogate pair", () => {
    const text = "好".repeat(7) + "😀".repeat(10);
    const parts = splitMessage(text, 10);
    expect(parts.join("")).toBe(text);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(10);
      expect(part).not.toMatch(/[\ud800-\udbff]$/u);
      expect(part).not.toMatch(/^[\udc00-\udfff]/u);
    }
  });

  it("counts the limit in UTF-16 code units", () => {
    const parts = splitMessage("😀".repeat(3000));
    expect(parts.map((p) => p.length)).toEqual([4096, 6000 - 4096]);
  });
});
