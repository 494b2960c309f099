/**
 * The read model behind the staff cards: what a clerk sees of a new case
 * (with the citizen's identity, the routing suggestion and possible
 * duplicates) and what a unit sees (the matter only, never who filed it).
 */
import type { GroupComplaint } from "../domain/group-complaint.ts";
import type { PlaceOutsideCity } from "../domain/places/elsewhere.ts";
import { maskIdentity, type LeftContact } from "../domain/identity-in-text.ts";
import { unitById, type CaseClass, type Directory } from "../domain/directory.ts";
import type { ActorKind } from "../domain/lifecycle/actor.ts";
import type { CaseStatus, ReviewStage } from "../domain/lifecycle/case-status.ts";
import type { CommandType } from "../domain/lifecycle/commands.ts";
import type { PossibleDuplicate } from "../domain/lifecycle/possible-duplicates.ts";
import type { TimelineFact } from "../domain/lifecycle/timeline.ts";
import { offeredCommands } from "../domain/lifecycle/transitions.ts";
import type { GeoPoint, RegionSource } from "../domain/places/places.ts";
import type { RequestKind, TimePrecision } from "../domain/vocabulary.ts";
import { routingExplanationZh } from "../i18n/routing-explanation.ts";
import type { CaseCardStore } from "../storage/case-card-store.ts";
import type { DuplicatesQuery } from "../storage/queries/duplicates.ts";
import type { RoutingSuggestionStore } from "../storage/routing-suggestion-store.ts";
import {
  otherCategories,
  reviewProposal,
  unsureChoices,
  type ReviewProposal,
  type RouteChoice,
} from "./routing-suggestion.ts";
import type { LocatedIn, LocatedInReader } from "./located-in.ts";

/** The most additions a card lists: the newest, so that a card fits one message. */
export const CARD_ADDITIONS = 2;

/** Words the citizen added to the case (补充), and when. */
export interface CaseAddition {
  /** Null: the citizen added photos without words. */
  readonly text: string | null;
  /** How many photos came with it (0: none). */
  readonly photos: number;
  readonly at: Date;
}

/** The matter itself, as every staff card shows it. */
export interface CaseMatter {
  readonly trackingNo: string;
  readonly status: CaseStatus;
  readonly caseClass: CaseClass;
  readonly categoryCode: string;
  readonly categoryName: string;
  readonly regionCode: string | null;
  readonly regionName: string | null;
  /** What decided the region; null without one. */
  readonly regionSource: RegionSource | null;
  readonly isEmergency: boolean;
  /** A consultation (咨询) is answered within 5 working days, and is marked so on every card. */
  readonly requestKind: RequestKind;
  readonly description: string;
  readonly address: string | null;
  /** The point the citizen shared; null when none. */
  readonly location: GeoPoint | null;
  /**
   * The region and town whose areas (the places file's) hold `location`, for staff to read
   * where the point is; null without a location or a places file.
   */
  readonly locatedIn: LocatedIn | null;
  readonly occurredText: string | null;
  readonly occurredAt: Date | null;
  /** How much of `occurredAt` the words said ("去年": its year); cards show no more. */
  readonly occurredPrecision: TimePrecision;
  /** It goes on until now ("天天都这样"): `occurredText` is how often, there is no day. */
  readonly occurredOngoing: boolean;
  /** How many the description speaks for (群体诉求); null for one person or a family. */
  readonly group: GroupComplaint | null;
  /** The place outside the city the matter lies in (不在本市); null when in the city. */
  readonly outsideCity: PlaceOutsideCity | null;
  readonly photos: number;
  /**
   * The case's page in the console, where staff open its photos: `<PUBLIC_URL>/console/cases/
   * <number>`; null without PUBLIC_URL.
   */
  readonly pageUrl: string | null;
  /** Citizens who joined the case as the same problem (附议): a count, never who. */
  readonly supporters: number;
  /** How many times the citizen urged the case on (催办); 0: never. */
  readonly urgeCount: number;
  /** The citizen's newest additions (补充, at most {@link CARD_ADDITIONS}), oldest first. */
  readonly additions: readonly CaseAddition[];
  /** How many additions the citizen made in all. */
  readonly additionCount: number;
  readonly unitId: string | null;
  readonly unitName: string | null;
  readonly reviewStage: ReviewStage;
  readonly handlingDueAt: Date | null;
  /** When the unit may no longer return the case (5 working days after it got it); null when none. */
  readonly returnDueAt: Date | null;
  /** Days of the one extension granted; 0 when none was. */
  readonly extensionDays: number;
}

/** What a unit sees: the matter, no name, no phone, no channel identity. */
export type UnitCard = CaseMatter;

/** Which unit, and which review stage, a sent unit's card was for (absent: not recorded). */
export interface UnitCardSentFor {
  readonly unitId?: string;
  readonly reviewStage?: number;
}

/**
 * True when the case has gone on from what a unit's card was sent for: to another unit, or on
 * to a review (复查 / 复核, the work of the unit the clerks route it to). Such a card keeps no
 * buttons, in every channel.
 */
export function unitCardMovedOn(card: UnitCard, sentFor: UnitCardSentFor): boolean {
  return (
    (sentFor.unitId !== undefined && card.unitId !== sentFor.unitId) ||
    (sentFor.reviewStage !== undefined && card.reviewStage !== sentFor.reviewStage)
  );
}

/** What a unit's card can offer its handlers, in the order its buttons show. */
const UNIT_CARD_COMMANDS = [
  "start",
  "answer",
  "report_progress",
  "extend",
  "return",
] as const satisfies readonly CommandType[];
export type UnitCardCommand = (typeof UNIT_CARD_COMMANDS)[number];

/**
 * The commands a unit's card offers now, for every staff channel: those the lifecycle offers
 * a handler of the case's unit (offeredCommands), so a card never shows a button that can
 * only be refused — no 延期 once the extension is used or the handling deadline has passed,
 * no 退回 after its window. Empty when the case is with no unit or the unit has nothing to do.
 */
export function unitCardCommands(card: UnitCard, now: Date): UnitCardCommand[] {
  if (card.unitId === null) return [];
  // Any handler of the unit: the rules look at the unit, not at who in it presses.
  const offered = offeredCommands(card, { kind: "handler", id: "", unitId: card.unitId }, now);
  return UNIT_CARD_COMMANDS.filter((command) => offered.includes(command));
}

export interface SuggestedUnit {
  readonly unitId: string;
  readonly unitName: string;
  readonly confidence: number;
  readonly method: string;
  /** Why, in Chinese (staff read Chinese); empty when nothing was said. */
  readonly rationale: string;
  /** The region could not be known: routed to the city level. */
  readonly flagged: boolean;
  /** The classifier did not know: the card offers `choices` instead of a one-tap confirm. */
  readonly unsure: boolean;
}

/** What a clerk sees of a case. */
export interface ClerkCard extends CaseMatter {
  /** Null when the citizen filed anonymously. */
  readonly contact: LeftContact | null;
  readonly suggestion: SuggestedUnit | null;
  /** Other categories the classifier considered, best first (at most 3). */
  readonly alternatives: readonly {
    readonly categoryCode: string;
    readonly categoryName: string;
    readonly confidence: number;
  }[];
  /**
   * When the classifier was unsure: its top 3 categories, best first, each with the unit it
   * goes to (unsureChoices); the clerk picks one. Empty when it was sure.
   */
  readonly choices: readonly (RouteChoice & { readonly categoryName: string })[];
  readonly duplicates: readonly PossibleDuplicate[];
  /** Under review: the unit proposed for the 复查 or 复核 (never the one that answered). */
  readonly review: ReviewProposal | null;
}

/**
 * The decisions that move a case on (route it, handle it, end it). Who took the latest one
 * answers a press that came too late ("已由 张三 处理").
 */
const DECISION_KINDS = [
  "accepted",
  "assigned",
  "not_accepted",
  "merged",
  "reassigned",
  "started",
  "progress",
  "returned",
  "extended",
  "answered",
  "review_answered",
  "closed",
  "withdrawn",
] as const satisfies readonly TimelineFact["kind"][];

/**
 * What changes on a case without moving it on: its urgency (a clerk's mark, or the citizen's
 * addition that tells of a danger), the many it speaks for (grown by the citizen's addition)
 * and its category, class or region as a clerk corrects them. A card lists them; they never
 * answer a late press, which is about a decision.
 */
const CORRECTION_KINDS = [
  "made_urgent",
  "urgency_lifted",
  "group_grown",
  "recategorized",
  "reclassified",
  "region_changed",
] as const satisfies readonly TimelineFact["kind"][];

/** The kinds a staff card's history (处理记录) lists; its labels are typed by this list. */
export const CARD_HISTORY_KINDS = [...DECISION_KINDS, ...CORRECTION_KINDS] as const;
export type CardHistoryKind = (typeof CARD_HISTORY_KINDS)[number];

/**
 * The kinds whose note is the clerks' own: why they marked a case urgent or lifted the mark
 * (their triage, "电话核实：邻居做饭的味道"). A unit's card says what was done, not why.
 */
const CLERKS_ONLY_NOTES: readonly CardHistoryKind[] = ["made_urgent", "urgency_lifted"];

/** Whom a card is for: the clerks (the whole case) or a unit (the matter only). */
export type CardAudience = "clerk" | "unit";

/** The latest decision on a case: who took it, when. */
export interface LastDecision {
  readonly kind: string;
  readonly actorKind: ActorKind;
  readonly actorId: string | null;
  readonly at: Date;
}

export interface CaseCards {
  /** Null for an unknown case. */
  clerkCard(trackingNo: string): Promise<ClerkCard | null>;
  /** Null for an unknown case. */
  unitCard(trackingNo: string): Promise<UnitCard | null>;
  /** The latest decision taken by a person (not the system); null when none. */
  lastDecision(trackingNo: string): Promise<LastDecision | null>;
  /**
   * The cards' history for every audience, from one read: oldest first, the decisions and the
   * clerks' corrections with their notes — on a unit's card without the clerks' own
   * (CLERKS_ONLY_NOTES). Both audiences list the same entries.
   */
  history(trackingNo: string): Promise<Record<CardAudience, HistoryEntry[]>>;
  /** The language the citizen reads notifications in. */
  localeOf(trackingNo: string): Promise<"zh" | "en">;
}

/** One entry of a card's history. */
export interface HistoryEntry extends LastDecision {
  readonly kind: CardHistoryKind;
  /** What was decided, with its facts (a unit, a tracking number, days, a category). */
  readonly fact: Extract<TimelineFact, { kind: CardHistoryKind }>;
  /** Words a person wrote: a reason, a progress note. */
  readonly note: string | null;
}

const isCardHistoryFact = (
  fact: TimelineFact,
): fact is Extract<TimelineFact, { kind: CardHistoryKind }> =>
  (CARD_HISTORY_KINDS as readonly string[]).includes(fact.kind);

/** What a person may decide: the actors whose decisions a card names. */
const DECIDING_ACTORS = ["clerk", "handler", "citizen"] as const satisfies readonly ActorKind[];

/** How a card names what the directory holds; an id or code the directory lacks is shown as is. */
export interface DirectoryNames {
  unit(id: string): string;
  category(code: string): string;
  /** Null for no region. */
  region(code: string | null): string | null;
}

export function directoryNames(directory: Directory): DirectoryNames {
  return {
    unit: (id) => unitById(directory, id)?.name ?? id,
    category: (code) => directory.categories.find((c) => c.code === code)?.name ?? code,
    region: (code) =>
      code === null ? null : (directory.regions.find((r) => r.code === code)?.name ?? code),
  };
}

/** The read model on the case card store. */
export function createCaseCards(deps: {
  readonly store: CaseCardStore;
  readonly suggestions: RoutingSuggestionStore;
  readonly duplicates: DuplicatesQuery;
  readonly directory: Directory;
  /** Where a shared point lies (the region and town), built once by the composition root. */
  readonly locatedIn: LocatedInReader;
  /** PUBLIC_URL: the cards link to the case's console page (its photos); without it, no link. */
  readonly publicUrl?: string | undefined;
}): CaseCards {
  const { store, suggestions, duplicates: duplicatesQuery, directory, locatedIn } = deps;
  const pageUrl = (trackingNo: string) =>
    deps.publicUrl
      ? `${deps.publicUrl.replace(/\/+$/, "")}/console/cases/${encodeURIComponent(trackingNo)}`
      : null;
  const { unit: unitName, category: categoryName, region: regionName } = directoryNames(directory);

  async function matter(trackingNo: string) {
    const [row, supplements] = await Promise.all([
      store.matter(trackingNo),
      store.entries(trackingNo, ["supplemented"]),
    ]);
    if (!row) return null;
    const additions = supplements.flatMap((e) =>
      e.fact.kind === "supplemented"
        ? [{ text: e.fact.data.text, photos: e.fact.data.photoIds?.length ?? 0, at: e.at }]
        : [],
    );
    const card: CaseMatter = {
      trackingNo: row.trackingNo,
      status: row.status,
      caseClass: row.caseClass,
      categoryCode: row.categoryCode,
      categoryName: categoryName(row.categoryCode),
      regionCode: row.regionCode,
      regionName: regionName(row.regionCode),
      regionSource: row.regionSource,
      isEmergency: row.isEmergency,
      requestKind: row.requestKind,
      description: row.description,
      address: row.address,
      location: row.location,
      locatedIn: locatedIn(row.location),
      occurredText: row.occurredText,
      occurredAt: row.occurredAt,
      occurredPrecision: row.occurredPrecision,
      occurredOngoing: row.occurredOngoing,
      group: row.group,
      outsideCity: row.outsideCity,
      photos: row.photos,
      pageUrl: pageUrl(row.trackingNo),
      supporters: row.supporters,
      urgeCount: row.urgeCount,
      additions: additions.slice(-CARD_ADDITIONS),
      additionCount: additions.length,
      unitId: row.unitId,
      unitName: row.unitId === null ? null : unitName(row.unitId),
      reviewStage: row.reviewStage,
      handlingDueAt: row.handlingDueAt,
      returnDueAt: row.returnDueAt,
      extensionDays: row.extensionDays,
    };
    return { row, card };
  }

  return {
    async unitCard(trackingNo) {
      const found = await matter(trackingNo);
      if (!found) return null;
      const { row, card } = found;
      // The unit reads the words without the writer's name and numbers in them.
      return {
        ...card,
        description: maskIdentity(card.description, row.contact),
        address: card.address && maskIdentity(card.address, row.contact),
        additions: card.additions.map((a) => ({
          ...a,
          text: a.text && maskIdentity(a.text, row.contact),
        })),
      };
    },

    async clerkCard(trackingNo) {
      const found = await matter(trackingNo);
      if (!found) return null;
      const { row, card } = found;
      const [suggestion, duplicates, reviewRequests] = await Promise.all([
        suggestions.chosenOf([row.id]).then((chosen) => chosen.get(row.id) ?? null),
        duplicatesQuery
          .of([row.trackingNo])
          .then((lists) => lists.get(row.trackingNo)?.items ?? []),
        row.status === "under_review"
          ? store.entries(row.trackingNo, ["review_requested"])
          : Promise.resolve([]),
      ]);
      return {
        ...card,
        contact: row.anonymous ? null : row.contact,
        suggestion: suggestion && {
          unitId: suggestion.unitId,
          unitName: unitName(suggestion.unitId),
          confidence: suggestion.confidence,
          method: suggestion.method,
          rationale: suggestion.explanation
            ? routingExplanationZh(suggestion.explanation, directory)
            : suggestion.rationale,
          flagged: suggestion.flagged,
          unsure: suggestion.unsure,
        },
        alternatives: (suggestion ? otherCategories(suggestion, row.categoryCode) : []).map(
          (a) => ({ ...a, categoryName: categoryName(a.categoryCode) }),
        ),
        choices: (suggestion ? unsureChoices(directory, suggestion, row.regionCode) : []).map(
          (choice) => ({ ...choice, categoryName: categoryName(choice.categoryCode) }),
        ),
        duplicates,
        review: reviewProposal(directory, row.status, reviewRequests),
      };
    },

    async history(trackingNo) {
      const entries = await store.entries(trackingNo, CARD_HISTORY_KINDS);
      const forAudience = (audience: CardAudience): HistoryEntry[] =>
        entries.flatMap(({ fact, actorKind, actorId, at, note }) =>
          isCardHistoryFact(fact)
            ? [
                {
                  kind: fact.kind,
                  actorKind,
                  actorId,
                  at,
                  fact,
                  note: audience === "unit" && CLERKS_ONLY_NOTES.includes(fact.kind) ? null : note,
                },
              ]
            : [],
        );
      return { clerk: forAudience("clerk"), unit: forAudience("unit") };
    },

    async localeOf(trackingNo) {
      return (await store.localeOf(trackingNo)) === "en" ? "en" : "zh";
    },

    lastDecision: (trackingNo) => store.latest(trackingNo, DECISION_KINDS, DECIDING_ACTORS),
  };
}
