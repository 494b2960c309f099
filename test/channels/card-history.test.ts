/**
 * The history under the staff cards is read once for every audience: one read of the case's
 * entries and one look-up of the staff names give the clerks' card and the unit's card alike,
 * the clerks' reason for an urgency mark on theirs only.
 */
import { describe, expect, it } from "vitest";
import { createCaseCards } from "../../src/cases/case-cards.ts";
import { createLocatedIn } from "../../src/cases/located-in.ts";
import { directoryLocator } from "../../src/domain/places/locate.ts";
import { staffZh } from "../../src/notifications/staff-messages-zh.ts";
import { createCaseReads } from "../../src/storage/case-reads.ts";
import { createCardHistory } from "../../src/channels/card-history.ts";
import { quietLogger } from "../notifications/helpers.ts";
import { createCaseWorld } from "../support/case-world.ts";
import { PROVIDERS } from "../support/databases.ts";

describe.each(PROVIDERS)("the staff cards' history (%s)", { timeout: 30_000 }, (provider) => {
  it("is read once for the clerks' card and the unit's card, the urgency's reason the clerks' own", async () => {
    const world = await createCaseWorld(provider);
    const no = await world.file(1001);
    const clerk = { kind: "clerk", id: "clerk-liu" } as const;
    await world.actions.act(no, { type: "route", unitId: "urban_management.fugou" }, clerk);
    const reason = "电话核实：井口冒出燃气味";
    await world.actions.act(no, { type: "set_urgency", urgent: true, reason }, clerk);
    const reads = createCaseReads(world.db, quietLogger([]));
    const entryReads: unknown[] = [];
    const nameLookups: (readonly string[])[] = [];
    const historyOf = createCardHistory({
      cards: createCaseCards({
        // The storage as it is, each read of the entries counted.
        store: {
          ...reads.cards,
          entries: (...args) => (entryReads.push(args), reads.cards.entries(...args)),
        },
        suggestions: reads.suggestions,
        duplicates: world.queries.duplicates,
        directory: world.directory,
        locatedIn: createLocatedIn(world.directory, directoryLocator(world.directory)),
      }),
      staffNames: async (ids) => (nameLookups.push(ids), new Map([["clerk-liu", "刘芳"]])),
      directory: world.directory,
      texts: staffZh,
    });

    const history = await historyOf(no);

    expect(entryReads).toHaveLength(1);
    expect(nameLookups).toHaveLength(1);
    expect(history.clerk("卡片")).toMatch(
      /刘芳 📤 交办[\s\S]*刘芳 🚨 标为紧急：电话核实：井口冒出燃气味$/,
    );
    expect(history.unit("卡片")).toMatch(/刘芳 📤 交办[\s\S]*刘芳 🚨 标为紧急$/);
    expect(history.unit("卡片")).not.toContain("燃气味");
  });
});
