/**
 * What the staff cards read of a case: the matter in one light statement (a card is drawn
 * after every decision), the decisions on it and the citizen's language.
 */
import type { LeftContact } from "../domain/identity-in-text.ts";
import type { ActorKind } from "../domain/lifecycle/actor.ts";
import type { Case } from "../domain/lifecycle/case.ts";
import type { ReviewStage } from "../domain/lifecycle/case-status.ts";
import type { GeoPoint } from "../domain/places/places.ts";
import type { TimePrecision } from "../domain/vocabulary.ts";
import {
  ATTACHMENT_TYPES,
  locationOf,
  photoCount,
  TIMELINE_ORDER,
  toStoredEntry,
} from "./case-record-store.ts";
import type { StoredTimelineEntry } from "./case-record-store.ts";
import type { Db } from "./database.ts";
import type { GroupComplaint } from "../domain/group-complaint.ts";
import { GROUP_SELECT, groupOf } from "./group-columns.ts";
import type { PlaceOutsideCity } from "../domain/places/elsewhere.ts";
import { OUTSIDE_CITY_SELECT, outsideCityOf } from "./outside-city-columns.ts";
import { LEFT_CONTACT_SELECT, leftContactOf } from "./former-contacts.ts";

/** The matter of a case as every staff card shows it, with the citizen's contact. */
export interface StoredMatter extends Pick<
  Case,
  | "trackingNo"
  | "status"
  | "caseClass"
  | "categoryCode"
  | "regionCode"
  | "regionSource"
  | "unitId"
  | "isEmergency"
  | "requestKind"
  | "reviewStage"
  | "handlingDueAt"
  | "returnDueAt"
  | "extensionDays"
> {
  /** The row id. */
  readonly id: string;
  readonly description: string;
  readonly address: string | null;
  readonly location: GeoPoint | null;
  readonly occurredText: string | null;
  /** The day the citizen's time words were read as (`occurredText`), when they were. */
  readonly occurredAt: Date | null;
  /** How much of `occurredAt` the words said ("去年": its year). */
  readonly occurredPrecision: TimePrecision;
  /** It goes on until now ("天天都这样"): no day is known. */
  readonly occurredOngoing: boolean;
  /** How many the description speaks for (群体诉求); null for one person or a family. */
  readonly group: GroupComplaint | null;
  /** The place outside the city the matter lies in (不在本市); null when in the city. */
  readonly outsideCity: PlaceOutsideCity | null;
  /** How many photos (voice recordings are not photos). */
  readonly photos: number;
  /** Citizens who joined the case as the same problem (附议): a count, never who. */
  readonly supporters: number;
  /** How many times the citizen urged the case on (催办), once a day counted. */
  readonly urgeCount: number;
  readonly anonymous: boolean;
  readonly contact: LeftContact;
}

/** Who took a decision, and when. */
export interface StoredDecision {
  readonly kind: string;
  readonly actorKind: ActorKind;
  readonly actorId: string | null;
  readonly at: Date;
}

export interface CaseCardStore {
  /** Null for an unknown case. */
  matter(trackingNo: string): Promise<StoredMatter | null>;
  /**
   * The case's timeline entries of `kinds`, oldest first.
   * @throws AppError("storage.unavailable") for an entry whose data does not fit its kind.
   */
  entries(trackingNo: string, kinds: readonly string[]): Promise<StoredTimelineEntry[]>;
  /** The latest entry of `kinds` by one of `actorKinds`; null when none. */
  latest(
    trackingNo: string,
    kinds: readonly string[],
    actorKinds: readonly ActorKind[],
  ): Promise<StoredDecision | null>;
  /** The language the citizen reads notifications in; null for an unknown case. */
  localeOf(trackingNo: string): Promise<string | null>;
}

const MATTER_SELECT = {
  id: true,
  trackingNo: true,
  status: true,
  caseClass: true,
  categoryCode: true,
  regionCode: true,
  isEmergency: true,
  requestKind: true,
  ...GROUP_SELECT,
  ...OUTSIDE_CITY_SELECT,
  description: true,
  address: true,
  latitude: true,
  longitude: true,
  regionSource: true,
  occurredText: true,
  occurredAt: true,
  occurredPrecision: true,
  occurredOngoing: true,
  unitId: true,
  reviewStage: true,
  handlingDueAt: true,
  returnDueAt: true,
  extensionDays: true,
  supporterCount: true,
  urgeCount: true,
  anonymous: true,
  ...LEFT_CONTACT_SELECT,
  ...ATTACHMENT_TYPES,
} as const;

export function createCaseCardStore(db: Db): CaseCardStore {
  return {
    async matter(trackingNo) {
      const row = await db.case.findUnique({ where: { trackingNo }, select: MATTER_SELECT });
      if (!row) return null;
      const {
        latitude: _lat,
        longitude: _lon,
        contactName: _name,
        contactPhone: _phone,
        contactHolderRelation: _relation,
        contactHolderName: _holder,
        formerContacts: _former,
        attachments,
        supporterCount,
        groupAtLeast: _atLeast,
        groupUnit: _unit,
        groupWhole: _whole,
        outsideCity: _outside,
        placeElsewhere: _elsewhere,
        ...rest
      } = row;
      return {
        ...rest,
        reviewStage: row.reviewStage as ReviewStage,
        extensionDays: row.extensionDays ?? 0,
        location: locationOf(row),
        group: groupOf(row),
        outsideCity: outsideCityOf(row),
        photos: photoCount(attachments),
        supporters: supporterCount,
        contact: leftContactOf(row),
      };
    },

    async entries(trackingNo, kinds) {
      const rows = await db.timelineEntry.findMany({
        where: { case: { trackingNo }, kind: { in: [...kinds] } },
        orderBy: [...TIMELINE_ORDER],
      });
      return rows.map(toStoredEntry);
    },

    async latest(trackingNo, kinds, actorKinds) {
      const entry = await db.timelineEntry.findFirst({
        where: {
          case: { trackingNo },
          kind: { in: [...kinds] },
          actorKind: { in: [...actorKinds] },
        },
        orderBy: [{ at: "desc" }, { id: "desc" }],
        select: { kind: true, actorKind: true, actorId: true, at: true },
      });
      return entry && { ...entry, actorKind: entry.actorKind as ActorKind };
    },

    async localeOf(trackingNo) {
      const row = await db.case.findUnique({
        where: { trackingNo },
        select: { citizen: { select: { locale: true } } },
      });
      return row?.citizen.locale ?? null;
    },
  };
}
