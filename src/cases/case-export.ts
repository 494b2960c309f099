/**
 * The CSV export of the filtered cases: UTF-8 with a byte-order mark and CRLF
 * lines so that Excel opens Chinese text correctly. The contact columns are
 * present only for viewers who may see the citizen's identity.
 */
import { Readable } from "node:stream";
import { shanghaiDateTime } from "../domain/shanghai-time.ts";
import { nameIn, type Directory } from "../domain/directory.ts";
import { maskIdentity } from "../domain/identity-in-text.ts";
import type { CaseFilter, CaseScope } from "../storage/queries/case-conditions.ts";
import type { ReadQueries } from "../storage/queries/read-queries.ts";
import type { ExportRow } from "../storage/queries/case-export-rows.ts";
import {
  contactPhoneSearchedBy,
  maySearchFor,
  scopeOf,
  seesIdentity,
  type Viewer,
} from "./staff-viewer.ts";
import { labelOf } from "../i18n/labels.ts";
import {
  contactName,
  groupExtent,
  numberHolderText,
  placeOutsideCityText,
} from "../i18n/format.ts";

export type ExportLocale = "zh" | "en";

interface Column {
  readonly zh: string;
  readonly en: string;
  readonly identity?: boolean;
  value(record: ExportRow, locale: ExportLocale): string;
}

/** The scope of a search that must find nothing (see maySearchFor): the export is its header. */
const NO_CASE: CaseScope = { kind: "none" };

/** Cases read from the database at a time while exporting. */
const EXPORT_BATCH = 2_000;

export interface CaseExport {
  /** How many cases the export holds (rows after the header). */
  readonly rows: number;
  /** The CSV, BOM included, written batch by batch as the reader takes it (constant memory). */
  readonly csv: Readable;
}

/**
 * The cases the case list shows for `filter` and the search `q` (all its pages), as CSV in the
 * list's order (newest first; the most urged, or the longest overdue, first; a search's newest
 * first), read from a database cursor in batches while the stream is consumed. `q` is read as
 * the list reads it: a tracking number, a clerk's phone number, or words, which a handler
 * searches as the unit reads them.
 */
export async function exportCasesCsv(
  deps: { readonly directory: Directory; readonly queries: ReadQueries },
  viewer: Viewer,
  listed: { readonly filter: CaseFilter; readonly q?: string | undefined },
  locale: ExportLocale,
): Promise<CaseExport> {
  const request = {
    scope: maySearchFor(viewer, listed.q) ? scopeOf(viewer, deps.directory) : NO_CASE,
    filter: listed.filter,
    q: listed.q,
    contactPhone: contactPhoneSearchedBy(viewer, listed.q),
  };
  const columns = columnsFor(deps.directory).filter((c) => !c.identity || seesIdentity(viewer));
  const line = (cells: string[]) => cells.map(csvCell).join(",") + "\r\n";
  async function* lines(): AsyncGenerator<string> {
    yield "\uFEFF" + line(columns.map((c) => c[locale]));
    const visible = seesIdentity(viewer) ? (row: ExportRow) => row : withoutIdentity;
    for await (const rows of deps.queries.exportRows.batches(request, EXPORT_BATCH)) {
      yield rows
        .map(visible)
        .map((row) => line(columns.map((c) => c.value(row, locale))))
        .join("");
    }
  }
  return {
    rows: await deps.queries.cases.countAll(request),
    csv: Readable.from(lines(), { objectMode: false }),
  };
}

/** A row as a handler may read it: no contact, and none in the citizen's words either. */
function withoutIdentity(row: ExportRow): ExportRow {
  return {
    ...row,
    description: maskIdentity(row.description, row.contact),
    address: row.address && maskIdentity(row.address, row.contact),
    contact: null,
  };
}

/**
 * One CSV cell (RFC 4180). A text that a spreadsheet would run as a formula
 * (=, +, -, @) is prefixed with an apostrophe: citizens write these texts.
 */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function columnsFor(directory: Directory): Column[] {
  // Looked up once per row of exports of any size: maps, not list searches.
  const byCode = <T extends { code: string }>(list: readonly T[]) =>
    new Map(list.map((item) => [item.code, item]));
  const categories = byCode(directory.categories);
  const regions = byCode(directory.regions);
  const units = new Map(directory.units.map((u) => [u.id, u.name]));
  const name = (
    known: ReadonlyMap<string, { name: string; nameEn: string }>,
    code: string | null,
    locale: ExportLocale,
  ) => {
    const found = code === null ? undefined : known.get(code);
    return found ? nameIn(found, locale) : (code ?? "");
  };
  // "2026-03-04 07:40": one conversion per cell, four cells a row.
  const at = (d: Date | null) => (d ? shanghaiDateTime(d).slice(0, 16).replace("T", " ") : "");
  return [
    { zh: "编号", en: "Tracking no.", value: (r) => r.case.trackingNo },
    { zh: "登记时间", en: "Submitted", value: (r) => at(r.case.submittedAt) },
    { zh: "来源渠道", en: "Channel", value: (r, l) => labelOf("channel", r.channel, l) },
    { zh: "状态", en: "Status", value: (r, l) => labelOf("status", r.case.status, l) },
    {
      zh: "类别",
      en: "Category",
      value: (r, l) => name(categories, r.case.categoryCode, l),
    },
    { zh: "地区", en: "Region", value: (r, l) => name(regions, r.case.regionCode, l) },
    {
      zh: "承办单位",
      en: "Unit",
      value: (r) => (r.case.unitId === null ? "" : (units.get(r.case.unitId) ?? "")),
    },
    {
      zh: "诉求类型",
      en: "Request kind",
      value: (r, l) => labelOf("requestKind", r.case.requestKind, l),
    },
    {
      zh: "紧急",
      en: "Emergency",
      value: (r, l) => (r.case.isEmergency ? (l === "zh" ? "是" : "yes") : ""),
    },
    {
      zh: "群体诉求",
      en: "Group complaint",
      value: (r, l) => (r.group ? groupExtent(l, r.group) : ""),
    },
    { zh: "诉求内容", en: "Description", value: (r) => r.description },
    { zh: "地点", en: "Address", value: (r) => r.address ?? "" },
    { zh: "纬度", en: "Latitude", value: (r) => (r.latitude === null ? "" : String(r.latitude)) },
    {
      zh: "经度",
      en: "Longitude",
      value: (r) => (r.longitude === null ? "" : String(r.longitude)),
    },
    {
      zh: "地区依据",
      en: "Region source",
      value: (r, l) => (r.regionSource ? labelOf("regionSource", r.regionSource, l) : ""),
    },
    {
      // Empty: in the city.
      zh: "不在本市",
      en: "Outside the city",
      value: (r, l) => (r.outsideCity ? placeOutsideCityText(l, r.outsideCity) : ""),
    },
    {
      zh: "联系人",
      en: "Contact name",
      identity: true,
      value: (r, l) => (r.contact?.name ? contactName(l, r.contact.name) : ""),
    },
    { zh: "联系电话", en: "Contact phone", identity: true, value: (r) => r.contact?.phone ?? "" },
    {
      // Empty: the citizen's own number.
      zh: "电话机主",
      en: "Phone holder",
      identity: true,
      value: (r, l) => (r.contact?.holder ? numberHolderText(l, r.contact.holder) : ""),
    },
    { zh: "受理时间", en: "Accepted", value: (r) => at(r.case.acceptedAt) },
    { zh: "办理期限", en: "Handling due", value: (r) => at(r.case.handlingDueAt) },
    { zh: "答复时间", en: "Answered", value: (r) => at(r.case.answeredAt) },
    {
      zh: "答复结果",
      en: "Outcome",
      value: (r, l) => (r.case.answerOutcome ? labelOf("outcome", r.case.answerOutcome, l) : ""),
    },
    {
      zh: "是否解决",
      en: "Solved",
      value: (r, l) =>
        r.case.solved === null
          ? ""
          : r.case.solved
            ? l === "zh"
              ? "已解决"
              : "yes"
            : l === "zh"
              ? "未解决"
              : "no",
    },
    {
      zh: "满意度",
      en: "Satisfaction",
      value: (r, l) => (r.case.satisfaction ? labelOf("satisfaction", r.case.satisfaction, l) : ""),
    },
  ];
}
