/**
 * Every kind of entry in a case's history has a name in the console, in Chinese and in
 * English: a new kind of fact cannot reach the clerks' page as an internal code.
 */
import { describe, expect, it } from "vitest";
import { TimelineFactSchema } from "../../src/domain/lifecycle/timeline.ts";

const KINDS = TimelineFactSchema.options.map((option) => option.shape.kind.value);
// The console's texts are the browser's plain JavaScript, typed by JSDoc for the browser only:
// read here as data.
const CONSOLE_TEXTS = "../../src/console/static/i18n.js";
const { TEXT } = (await import(CONSOLE_TEXTS)) as {
  TEXT: Record<"zh" | "en", { timeline: Record<string, string> }>;
};

describe("the console's names of history entries", () => {
  it.each(["zh", "en"] as const)("names every kind of entry in %s", (locale) => {
    const named = TEXT[locale].timeline;
    expect(KINDS.filter((kind) => !named[kind])).toEqual([]);
  });
});
