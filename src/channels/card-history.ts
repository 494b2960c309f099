/**
 * The history under a staff card (处理记录), for Telegram's and WeCom's cards alike: the case's
 * decisions and the clerks' corrections for the card's audience (the read model keeps the
 * clerks' own notes off a unit's card), each with the staff member who took it named.
 */
import {
  directoryNames,
  type CardAudience,
  type CaseCards,
  type HistoryEntry,
} from "../cases/case-cards.ts";
import type { Directory } from "../domain/directory.ts";
import type { StaffTexts } from "../notifications/staff-messages-zh.ts";

export interface CardHistoryDeps {
  readonly cards: Pick<CaseCards, "history">;
  /** Display names of staff members by id. */
  readonly staffNames: (ids: readonly string[]) => Promise<ReadonlyMap<string, string>>;
  readonly directory: Directory;
  readonly texts: StaffTexts;
}

/** A card's text with the case's history under it. */
export type CardHistory = (card: string) => string;

/**
 * Loads a case's history once (its entries and the staff names they need): what puts it under
 * each audience's card.
 */
export function createCardHistory(
  deps: CardHistoryDeps,
): (trackingNo: string) => Promise<Record<CardAudience, CardHistory>> {
  const { texts: t } = deps;
  const names = directoryNames(deps.directory);
  return async (trackingNo) => {
    const history = await deps.cards.history(trackingNo);
    // Both audiences list the same entries, by the same people.
    const staff = await deps.staffNames(
      history.clerk.flatMap((e) => (e.actorId && e.actorKind !== "citizen" ? [e.actorId] : [])),
    );
    const who = ({ actorKind, actorId }: HistoryEntry) => {
      if (actorKind === "system") return t.systemName;
      if (actorKind === "citizen") return t.citizenName;
      return (actorId && staff.get(actorId)) ?? actorId ?? "—";
    };
    const under =
      (entries: readonly HistoryEntry[]): CardHistory =>
      (card) =>
        t.withHistory(card, entries, who, names);
    return { clerk: under(history.clerk), unit: under(history.unit) };
  };
}
