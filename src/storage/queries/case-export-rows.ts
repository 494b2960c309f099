/**
 * The export's cursor: the exported fields of every case the list holds (case-selection.ts), in
 * the list's order (list-order.ts: newest first; the most urged, or the longest overdue, first;
 * a text search's in the search's order), a batch at a time, each batch one keyset query that
 * reads the rows themselves (the current rating joined), so an export of any size runs in
 * constant memory (but a PostgreSQL search's case ids, about 60 bytes a match) and in time proportional to
 * its rows.
 */
import type { HeldContact, LeftContact } from "../../domain/identity-in-text.ts";
import { formerContactsByCase } from "../former-contacts.ts";
import type { RegionSource } from "../../domain/places/places.ts";
import type { Case } from "../../domain/lifecycle/case.ts";
import type { Db } from "../database.ts";
import {
  caseSelection,
  searchSource,
  type CaseSelection,
  type CaseSelectionRequest,
} from "./case-selection.ts";
import { empty, sql, toNumber, type Dialect, type Sql } from "./sql.ts";
import {
  keyOf,
  keysetCondition,
  LIST_KEY_COLUMNS,
  orderKeys,
  type ListKey,
  type ListKeyRow,
} from "./list-order.ts";
import type { GroupComplaint } from "../../domain/group-complaint.ts";
import type { CaseChannel, GroupUnit, RequestKind, WholeGroup } from "../../domain/vocabulary.ts";
import { groupOf } from "../group-columns.ts";
import { holderOf } from "../holder-columns.ts";
import { outsideCityOf } from "../outside-city-columns.ts";
import type { PlaceOutsideCity } from "../../domain/places/elsewhere.ts";

export interface ExportRow {
  readonly case: Pick<
    Case,
    | "trackingNo"
    | "submittedAt"
    | "status"
    | "categoryCode"
    | "regionCode"
    | "unitId"
    | "isEmergency"
    | "requestKind"
    | "acceptedAt"
    | "handlingDueAt"
    | "answeredAt"
    | "answerOutcome"
    | "solved"
    | "satisfaction"
  >;
  readonly description: string;
  readonly address: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly regionSource: RegionSource | null;
  /** How the citizen came: a chat, another system, or a clerk who registered their call or visit. */
  readonly channel: CaseChannel;
  /** How many the description speaks for (群体诉求); null for one person or a family. */
  readonly group: GroupComplaint | null;
  /** Where the matter lies outside the city (不在本市); null in the city. */
  readonly outsideCity: PlaceOutsideCity | null;
  /** Null for an anonymous case, and when identities were not asked for. */
  readonly contact: LeftContact | null;
}

interface RawRow extends ListKeyRow {
  id: string;
  trackingNo: string;
  status: Case["status"];
  categoryCode: string;
  regionCode: string | null;
  unitId: string | null;
  isEmergency: boolean | number;
  requestKind: RequestKind;
  acceptedAt: Date | string | null;
  handlingDueAt: Date | string | null;
  answeredAt: Date | string | null;
  answerOutcome: Case["answerOutcome"];
  description: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  regionSource: RegionSource | null;
  channel: CaseChannel;
  groupAtLeast: number | bigint | null;
  groupUnit: GroupUnit | null;
  groupWhole: WholeGroup | null;
  outsideCity: boolean | number;
  placeElsewhere: string | null;
  anonymous: boolean | number;
  contactName: string | null;
  contactPhone: string | null;
  contactHolderRelation: string | null;
  contactHolderName: string | null;
  solved: boolean | number | null;
  satisfaction: Case["satisfaction"];
}

/** The exported columns of a case c and of its current rating r. */
const EXPORT_COLUMNS = sql`c."trackingNo", c."status", c."categoryCode",
  c."regionCode", c."unitId", c."isEmergency", c."requestKind", c."acceptedAt", c."handlingDueAt",
  c."answeredAt", c."answerOutcome", c."description", c."address", c."latitude",
  c."longitude", c."regionSource", c."channel", c."groupAtLeast", c."groupUnit", c."groupWhole",
  c."outsideCity", c."placeElsewhere", c."anonymous",
  c."contactName", c."contactPhone", c."contactHolderRelation", c."contactHolderName",
  r."solved", r."satisfaction"`;

const CURRENT_RATING = sql`LEFT JOIN "Rating" r ON r."caseId" = c."id" AND r."reviewStage" = c."reviewStage"`;

export function createExportRows(db: Db, dialect: Dialect) {
  /** The rows of an ordered selection, `size` a time, each batch after the last one's key. */
  async function* orderedBatches(
    selected: CaseSelection & { kind: "ordered" },
    size: number,
  ): AsyncGenerator<RawRow[]> {
    const { conditions, order } = selected;
    let after: ListKey | null = null;
    for (;;) {
      const keyset: Sql = after ? sql` AND ${keysetCondition(order, after, false)}` : sql``;
      const rows: RawRow[] = await db.$queryRaw<RawRow[]>`
        SELECT ${LIST_KEY_COLUMNS}, ${EXPORT_COLUMNS}
        FROM "Case" c ${CURRENT_RATING}
        WHERE ${conditions}${keyset}
        ORDER BY ${orderKeys(order, false)}
        LIMIT ${size}`;
      yield rows;
      if (rows.length < size) return;
      after = keyOf(order, rows.at(-1)!);
    }
  }

  /**
   * The rows a search finds, `size` at a time in the search's order (newest first). SQLite's
   * text index reads its matches in that order from the last batch's key on: each batch one
   * keyset query. PostgreSQL's keeps no order: see keyedSearchBatches.
   */
  async function* searchBatches(
    request: CaseSelectionRequest,
    selected: CaseSelection & { kind: "search" },
    size: number,
  ): AsyncGenerator<RawRow[]> {
    if (dialect === "postgres") {
      yield* keyedSearchBatches(request, selected, size);
      return;
    }
    const { from, match, key } = searchSource(dialect, request.scope, selected, true);
    let after: number | null = null;
    for (;;) {
      const keyset: Sql = after === null ? sql`` : sql` AND ${key} < ${after}`;
      const rows: (RawRow & { searchId: unknown })[] = await db.$queryRaw<
        (RawRow & { searchId: unknown })[]
      >`
        SELECT ${key} AS "searchId", ${LIST_KEY_COLUMNS}, ${EXPORT_COLUMNS}
        FROM ${from(empty)} ${CURRENT_RATING}
        WHERE ${match} AND ${selected.conditions}${keyset}
        ORDER BY ${key} DESC
        LIMIT ${size}`;
      yield rows;
      if (rows.length < size) return;
      after = toNumber(rows.at(-1)!.searchId);
    }
  }

  /**
   * PostgreSQL's batches of a search: the cases of every match read once, in the search's
   * order, by one statement (their ids: about 60 bytes a match, 26 MB for 440,000), then each
   * batch's rows by their ids, from `Case` and `Rating` alone, as the whole export reads them.
   * A batch bounded by the last key alone read, joined and sorted every match below it (at
   * 100k cases, a word in 44 % of them: 51 s for its 43,672 rows, the whole export 53 s);
   * bounded by a range of keys, as the list's pages are, it is planned as a walk of the range
   * parsing each row's text (1.6 s for 2,000 rows of that word); by the matches' keys, each
   * batch read its 2,000 search rows again (their text, which the export does not need).
   */
  async function* keyedSearchBatches(
    request: CaseSelectionRequest,
    selected: CaseSelection & { kind: "search" },
    size: number,
  ): AsyncGenerator<RawRow[]> {
    const { from, match } = searchSource(dialect, request.scope, selected);
    const [found] = await db.$queryRaw<{ cases: string[] | null }[]>`
      SELECT array_agg(s."caseId" ORDER BY s."id" DESC) AS "cases"
      FROM ${from(empty)} WHERE ${match} AND ${selected.conditions}`;
    const cases = found?.cases ?? [];
    for (let first = 0; first < cases.length; first += size) {
      // The conditions again: a case that no longer meets them since the keys were read is left out.
      yield await db.$queryRaw<RawRow[]>`
        SELECT ${LIST_KEY_COLUMNS}, ${EXPORT_COLUMNS}
        FROM unnest(${cases.slice(first, first + size)}::text[]) WITH ORDINALITY k("id", "n")
          JOIN "Case" c ON c."id" = k."id" ${CURRENT_RATING}
        WHERE ${selected.conditions}
        ORDER BY k."n"`;
    }
  }

  return {
    /**
     * The rows of the cases the list holds for `request` (its scope, filter and search), in the
     * list's order, `size` at a time, with the contact of the cases that are not anonymous (who
     * may read it is the caller's business: cases/case-export.ts).
     */
    async *batches(request: CaseSelectionRequest, size: number): AsyncGenerator<ExportRow[]> {
      const selected = caseSelection(dialect, request);
      const raw =
        selected.kind === "search"
          ? searchBatches(request, selected, size)
          : orderedBatches(selected, size);
      for await (const rows of raw) {
        if (rows.length === 0) continue;
        const former = await formerContactsByCase(
          db,
          rows.map((row) => row.id),
        );
        yield rows.map((row) => toExportRow(row, former.get(row.id) ?? []));
      }
    },
  };
}

export type ExportRows = ReturnType<typeof createExportRows>;

function toExportRow(row: RawRow, former: readonly HeldContact[]): ExportRow {
  return {
    case: {
      trackingNo: row.trackingNo,
      submittedAt: date(row.submittedAt),
      status: row.status,
      categoryCode: row.categoryCode,
      regionCode: row.regionCode,
      unitId: row.unitId,
      isEmergency: Boolean(row.isEmergency),
      requestKind: row.requestKind,
      acceptedAt: optionalDate(row.acceptedAt),
      handlingDueAt: optionalDate(row.handlingDueAt),
      answeredAt: optionalDate(row.answeredAt),
      answerOutcome: row.answerOutcome,
      solved: row.solved === null ? null : Boolean(row.solved),
      satisfaction: row.satisfaction,
    },
    description: row.description,
    address: row.address,
    latitude: row.latitude,
    longitude: row.longitude,
    regionSource: row.regionSource,
    channel: row.channel,
    group: groupOf({
      groupAtLeast: row.groupAtLeast === null ? null : Number(row.groupAtLeast),
      groupUnit: row.groupUnit,
      groupWhole: row.groupWhole,
    }),
    outsideCity: outsideCityOf({
      outsideCity: Boolean(row.outsideCity),
      placeElsewhere: row.placeElsewhere,
    }),
    contact: row.anonymous
      ? null
      : { name: row.contactName, phone: row.contactPhone, holder: holderOf(row), former },
  };
}

function date(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

function optionalDate(value: Date | string | null): Date | null {
  return value === null ? null : date(value);
}
