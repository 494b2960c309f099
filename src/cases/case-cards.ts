/**
 * The read model behind the staff cards: what a clerk sees of a new case
 * (with the citizen's identity, the routing suggestion and possible
 * duplicates) and what a unit sees (the matter only, never who filed it).
 */
import { z } from "zod";
import type { CaseClass, Directory } from "../domain/directory.ts";
import type { ActorKind } from "../domain/lifecycle/actor.ts";
import type { CaseStatus, ReviewStage } from "../domain/lifecycle/case-status.ts";
import type { PossibleDuplicate } from "../domain/lifecycle/possible-duplicates.ts";
import type { TimelineFact } from "../domain/lifecycle/timeline.ts";
import type { GeoPoint, RegionSource } from "../domain/places/places.ts";
import type { Db } from "../storage/database.ts";
import { ATTACHMENT_TYPES, photoCount } from "./case-records.ts";
import { unsureChoices, type RouteChoice } from "./routing-suggestion.ts";
import type { DuplicatesQuery } from "../storage/queries/duplicates.ts";
import { readTimelineFact } from "../storage/timeline-data.ts";

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
  readonly description: string;
  readonly address: string | null;
  /** The point the citizen shared; null when none. */
  readonly location: GeoPoint | null;
  readonly occurredText: string | null;
  readonly photos: number;
  /** Citizens who joined the case as the same problem (附议): a count, never who. */
  readonly supporters: number;
  readonly unitId: string | null;
  readonly unitName: string | null;
  readonly reviewStage: ReviewStage;
  readonly handlingDueAt: Date | null;
}

/** What a unit sees: the matter, no name, no phone, no channel identity. */
export type UnitCard = CaseMatter;

export interface SuggestedUnit {
  readonly unitId: string;
  readonly unitName: string;
  readonly confidence: number;
  readonly method: string;
  readonly rationale: string;
  /** The region could not be known: routed to the city level. */
  readonly flagged: boolean;
  /** The classifier did not know: the card offers `choices` instead of a one-tap confirm. */
  readonly unsure: boolean;
}

/** What a clerk sees of a case. */
export interface ClerkCard extends CaseMatter {
  /** Null when the citizen filed anonymously. */
  readonly contact: { readonly name: string | null; readonly phone: string | null } | null;
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
}

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
  /** The decisions on the case, oldest first, with their notes (for a card's history). */
  decisions(trackingNo: string): Promise<DecisionEntry[]>;
  /** The language the citizen reads notifications in. */
  localeOf(trackingNo: string): Promise<"zh" | "en">;
}

/** One decision of a case's history. */
export interface DecisionEntry extends LastDecision {
  /** What was decided, with its facts (a unit, a tracking number, days). */
  readonly fact: TimelineFact;
  /** Words a person wrote: a reason, a progress note. */
  readonly note: string | null;
}

const AlternativesSchema = z.array(z.object({ category: z.string(), confidence: z.number() }));

const MATTER_SELECT = {
  id: true,
  trackingNo: true,
  status: true,
  caseClass: true,
  categoryCode: true,
  regionCode: true,
  isEmergency: true,
  description: true,
  address: true,
  latitude: true,
  longitude: true,
  regionSource: true,
  occurredText: true,
  unitId: true,
  reviewStage: true,
  handlingDueAt: true,
  supporterCount: true,
  submittedAt: true,
  citizenId: true,
  anonymous: true,
  contactName: true,
  contactPhone: true,
  ...ATTACHMENT_TYPES,
} as const;

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
];

/** The read model on Prisma. */
export function createCaseCards(
  db: Db,
  directory: Directory,
  duplicatesQuery: DuplicatesQuery,
): CaseCards {
  const categoryName = (code: string) =>
    directory.categories.find((c) => c.code === code)?.name ?? code;
  const regionName = (code: string | null) =>
    code === null ? null : (directory.regions.find((r) => r.code === code)?.name ?? code);
  const unitName = (id: string | null) =>
    id === null ? null : (directory.units.find((u) => u.id === id)?.name ?? id);

  async function matter(trackingNo: string) {
    const row = await db.case.findUnique({ where: { trackingNo }, select: MATTER_SELECT });
    if (!row) return null;
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
      description: row.description,
      address: row.address,
      location:
        row.latitude !== null && row.longitude !== null
          ? { latitude: row.latitude, longitude: row.longitude }
          : null,
      occurredText: row.occurredText,
      photos: photoCount(row.attachments),
      supporters: row.supporterCount,
      unitId: row.unitId,
      unitName: unitName(row.unitId),
      reviewStage: row.reviewStage as ReviewStage,
      handlingDueAt: row.handlingDueAt,
    };
    return { row, card };
  }

  return {
    async unitCard(trackingNo) {
      return (await matter(trackingNo))?.card ?? null;
    },

    async clerkCard(trackingNo) {
      const found = await matter(trackingNo);
      if (!found) return null;
      const { row, card } = found;
      const [suggestion, duplicates] = await Promise.all([
        db.routingSuggestion.findFirst({
          where: { caseId: row.id, chosen: true },
          orderBy: { createdAt: "desc" },
        }),
        duplicatesQuery
          .of([row.trackingNo])
          .then((lists) => lists.get(row.trackingNo)?.items ?? []),
      ]);
      const alternatives = AlternativesSchema.safeParse(suggestion?.alternatives);
      return {
        ...card,
        contact: row.anonymous ? null : { name: row.contactName, phone: row.contactPhone },
        suggestion: suggestion && {
          unitId: suggestion.unitId,
          unitName: unitName(suggestion.unitId) ?? suggestion.unitId,
          confidence: suggestion.confidence,
          method: suggestion.method,
          rationale: suggestion.rationale,
          flagged: suggestion.flagged,
          unsure: suggestion.unsure,
        },
        alternatives: (alternatives.success ? alternatives.data : [])
          .filter((a) => a.category !== row.categoryCode)
          .slice(0, 3)
          .map((a) => ({
            categoryCode: a.category,
            categoryName: categoryName(a.category),
            confidence: a.confidence,
          })),
        choices: (suggestion ? unsureChoices(directory, suggestion, row.regionCode) : []).map(
          (choice) => ({ ...choice, categoryName: categoryName(choice.categoryCode) }),
        ),
        duplicates,
      };
    },

    async decisions(trackingNo) {
      const entries = await db.timelineEntry.findMany({
        where: { case: { trackingNo }, kind: { in: DECISION_KINDS } },
        orderBy: [{ at: "asc" }, { id: "asc" }],
        select: {
          id: true,
          kind: true,
          actorKind: true,
          actorId: true,
          at: true,
          note: true,
          data: true,
        },
      });
      return entries.map((e) => ({
        kind: e.kind,
        actorKind: e.actorKind as ActorKind,
        actorId: e.actorId,
        at: e.at,
        fact: readTimelineFact(e),
        note: e.note,
      }));
    },

    async localeOf(trackingNo) {
      const row = await db.case.findUnique({
        where: { trackingNo },
        select: { citizen: { select: { locale: true } } },
      });
      return row?.citizen.locale === "en" ? "en" : "zh";
    },

    async lastDecision(trackingNo) {
      const entry = await db.timelineEntry.findFirst({
        where: {
          case: { trackingNo },
          kind: { in: DECISION_KINDS },
          actorKind: { in: ["clerk", "handler", "citizen"] },
        },
        orderBy: [{ at: "desc" }, { id: "desc" }],
        select: { kind: true, actorKind: true, actorId: true, at: true },
      });
      if (!entry) return null;
      return { ...entry, actorKind: entry.actorKind as ActorKind };
    },
  };
}
