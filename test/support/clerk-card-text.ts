import { createCaseCards } from "../../src/cases/case-cards.ts";
import { createLocatedIn } from "../../src/cases/located-in.ts";
import { directoryLocator } from "../../src/domain/places/locate.ts";
import { staffZh } from "../../src/notifications/staff-messages-zh.ts";
import { createCaseReads } from "../../src/storage/case-reads.ts";
import { quietLogger } from "../notifications/helpers.ts";
import type { CaseWorld } from "./case-world.ts";

/** The clerks' card of case `no`, as the staff chats get it; what is logged goes to `lines`. */
export async function clerkCardText(world: CaseWorld, no: string, lines: string[] = []) {
  const card = await caseCards(world, lines).clerkCard(no);
  return staffZh.clerkCard(card!);
}

/** The staff cards of `world`'s cases; what is logged goes to `lines`. */
export function caseCards(
  world: Pick<CaseWorld, "db" | "queries" | "directory">,
  lines: string[] = [],
) {
  const reads = createCaseReads(world.db, quietLogger(lines));
  return createCaseCards({
    store: reads.cards,
    suggestions: reads.suggestions,
    duplicates: world.queries.duplicates,
    directory: world.directory,
    locatedIn: createLocatedIn(world.directory, directoryLocator(world.directory)),
  });
}
