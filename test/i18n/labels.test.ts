/**
 * Every value of the domain's lists has a Chinese and an English label. The
 * tables are typed by the lists (a missing label does not compile); this checks
 * that no label is empty and that the Chinese ones are Chinese.
 */
import { describe, expect, it } from "vitest";
import {
  ANSWER_OUTCOMES,
  CITIZEN_NOTICE_KINDS,
  NOTICE_ROUTES,
  CASE_CLASSES,
  CASE_STATUSES,
  CASE_CHANNELS,
  DEADLINE_CLOCKS,
  OTHER_CHANNELS,
  ROUTING_METHODS,
  ROUTING_NOTES,
  REGION_SOURCES,
  GROUP_UNITS,
  WHOLE_GROUPS,
  REQUEST_KINDS,
  SATISFACTIONS,
} from "../../src/domain/vocabulary.ts";
import { DETECTED_LANGUAGES } from "../../src/domain/classification.ts";
import { DUPLICATE_REASONS } from "../../src/domain/places/duplicates.ts";
import { TimelineFactSchema } from "../../src/domain/lifecycle/timeline.ts";
import { TRANSITION_RULES } from "../../src/domain/lifecycle/transitions.ts";
import { LABELS, labelOf, type LabelKind, type LabelTable } from "../../src/i18n/labels.ts";

/** Every kind of entry in a case's history, as the schema that validates them lists them. */
const TIMELINE_KINDS = TimelineFactSchema.options.map((option) => option.shape.kind.value);

/** Every command a clerk or a handler gives, and lifting an urgency (set_urgency's other way). */
const STAFF_ACTIONS = [
  ...Object.entries(TRANSITION_RULES)
    .filter(([, rule]) => rule.by.some((actor) => actor === "clerk" || actor === "handler"))
    .map(([command]) => command),
  "lift_urgency",
] as (keyof typeof LABELS.action)[];

/** Each list beside its table; the `satisfies` fails to compile when a list has no table. */
const LISTS = {
  status: CASE_STATUSES,
  outcome: ANSWER_OUTCOMES,
  caseClass: CASE_CLASSES,
  otherChannel: OTHER_CHANNELS,
  satisfaction: SATISFACTIONS,
  channel: CASE_CHANNELS,
  method: ROUTING_METHODS,
  clock: DEADLINE_CLOCKS,
  routingNote: ROUTING_NOTES,
  regionSource: REGION_SOURCES,
  noticeKind: CITIZEN_NOTICE_KINDS,
  noticeRoute: NOTICE_ROUTES,
  language: DETECTED_LANGUAGES,
  duplicateReason: DUPLICATE_REASONS,
  timeline: TIMELINE_KINDS,
  action: STAFF_ACTIONS,
  // The stages of ReviewStage a review is at (0: none asked).
  reviewStage: ["1", "2"],
  groupUnit: GROUP_UNITS,
  wholeGroup: WHOLE_GROUPS,
  requestKind: REQUEST_KINDS,
} satisfies { [K in LabelKind]: readonly (keyof (typeof LABELS)[K])[] };

// A table typed by its list: leaving out a value is a compile error (checked by `npm run check`).
// @ts-expect-error -- "reject" has no label
const incomplete: LabelTable<(typeof ANSWER_OUTCOMES)[number]> = {
  support: { zh: "支持", en: "Supported" },
  explain: { zh: "解释说明", en: "Explained" },
};

describe("the labels of the domain's lists", () => {
  it.each(Object.entries(LISTS))(
    "labels every value of %s in Chinese and English",
    (kind, list) => {
      const table = LABELS[kind as LabelKind];
      expect(Object.keys(table).sort()).toEqual([...list].sort());
      for (const value of list) {
        const label = labelOf(kind as LabelKind, value as never, "zh");
        expect(label.length).toBeGreaterThan(0);
        expect(labelOf(kind as LabelKind, value as never, "en").length).toBeGreaterThan(0);
        // Chinese labels are Chinese; Telegram keeps its name.
        if (label !== "Telegram") expect(label).toMatch(/^[^A-Za-z]+$/);
      }
    },
  );

  it("calls the first class by the regulation's word, 建议意见", () => {
    expect(labelOf("caseClass", "suggestion", "zh")).toBe("建议意见");
    expect(incomplete.support.zh).toBe("支持");
  });
});
