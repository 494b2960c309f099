/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2): our categories
 * as `services`, our cases as `service_requests`, a POSTed request as the
 * fields of a complaint — pure translation, in JSON and XML as the spec's
 * examples write them. The HTTP routes under /open311/v2 use it.
 *
 * Never in a request: the citizen's name, phone, email or account. A case's
 * identity is its tracking number (service_request_id).
 */
import { maskIdentity, type LeftContact } from "../../domain/identity-in-text.ts";
import type * as FastXmlParser from "fast-xml-parser";
import { z } from "zod";
import { requireCommonJsBuild } from "../../commonjs-build.ts";
import { nameIn, nameOfCode, type Directory } from "../../domain/directory.ts";
import {
  CASE_STATUSES,
  type AnswerOutcome,
  type CaseStatus,
} from "../../domain/lifecycle/case-status.ts";
import { parseChinesePhone } from "../../domain/intake/phone.ts";
import type { GeoPoint } from "../../domain/places/places.ts";
import type { CaseClass } from "../../domain/vocabulary.ts";
import { DAY_MS, shanghaiDateTime } from "../../domain/shanghai-time.ts";
import type { Locale } from "../../i18n/catalog.ts";

export type GeoReportFormat = "json" | "xml";

/** The media type of each format, as service discovery lists them and the answers are typed. */
export const GEOREPORT_MEDIA_TYPES: Record<GeoReportFormat, string> = {
  json: "application/json",
  xml: "text/xml",
};

/**
 * Service discovery (https://wiki.open311.org/Service_Discovery), which GeoReport v2 requires:
 * where the endpoint is, in which formats, when its services last changed, and how to get a key.
 */
export interface GeoReportDiscovery {
  readonly changeset: string;
  readonly contact: string;
  readonly key_service: string;
  readonly endpoints: readonly {
    readonly specification: string;
    readonly url: string;
    readonly changeset: string;
    readonly type: "production";
    readonly formats: readonly string[];
  }[];
}

const DISCOVERY_TEXT: Record<Locale, { contact: string; key_service: string }> = {
  zh: {
    contact: "请联系本服务的管理员（信访/12345 工作机构）。",
    key_service:
      "查询无需密钥；提交诉求需要 api_key，由管理员在管理页面（/console/admin）发放，只显示一次。",
  },
  en: {
    contact: "Contact the administrators of this service (the petitions / 12345 office).",
    key_service:
      "Reading needs no key; posting a request needs an api_key, issued by the administrators on the admin page (/console/admin) and shown once.",
  },
};

/**
 * The discovery document of the GeoReport v2 endpoint at `url`, whose services (the
 * directory's categories, read at the service's start) last changed at `changeset`.
 */
export function discoveryOf(url: string, changeset: Date, locale: Locale): GeoReportDiscovery {
  const at = changeset.toISOString().replace(/\.\d{3}Z$/, "Z");
  return {
    changeset: at,
    ...DISCOVERY_TEXT[locale],
    endpoints: [
      {
        specification: "http://wiki.open311.org/GeoReport_v2",
        url,
        changeset: at,
        type: "production",
        formats: Object.values(GEOREPORT_MEDIA_TYPES),
      },
    ],
  };
}

/** One entry of GET services. */
export interface GeoReportService {
  readonly service_code: string;
  readonly service_name: string;
  readonly description: string;
  /** Ours: false (a category asks for no extra attributes). */
  readonly metadata: boolean;
  /** Ours: realtime (a case gets its tracking number, the service_request_id, when posted). */
  readonly type: "realtime" | "batch" | "blackbox";
  readonly keywords: string;
  readonly group: string;
}

/** GET services/{service_code}: a category asks for no attributes. */
export interface GeoReportServiceDefinition {
  readonly service_code: string;
  readonly attributes: readonly never[];
}

/** One entry of GET requests and GET requests/{id}. Null fields are sent empty. */
export interface GeoReportRequest {
  readonly service_request_id: string;
  readonly status: "open" | "closed";
  readonly status_notes: string | null;
  readonly service_name: string;
  readonly service_code: string;
  readonly description: string | null;
  readonly agency_responsible: string | null;
  readonly service_notice: string | null;
  readonly requested_datetime: string;
  readonly updated_datetime: string;
  readonly expected_datetime: string | null;
  readonly address: string | null;
  readonly address_id: string | null;
  readonly zipcode: string | null;
  readonly lat: number | null;
  readonly long: number | null;
  readonly media_url: string | null;
}

/** The answer to POST requests. */
export interface GeoReportPostResponse {
  readonly service_request_id: string;
  readonly service_notice: string | null;
  readonly account_id: string | null;
}

export interface GeoReportError {
  /**
   * The HTTP status: 400 bad request, 403 api_key, 404 unknown code or id, 429 too many wrong
   * api_keys, 500 our failure.
   */
  readonly code: 400 | 403 | 404 | 429 | 500;
  readonly description: string;
}

/** Statuses a GeoReport client sees as open; every other one is closed. */
const OPEN_STATUSES: readonly CaseStatus[] = [
  "submitted",
  "accepted",
  "assigned",
  "in_progress",
  "returned",
  "under_review",
];

/**
 * open: reported and not yet answered, or under review (复查/复核); closed: answered,
 * finished, not accepted, merged or withdrawn — the spec's "it has been resolved".
 */
export function geoReportStatus(status: CaseStatus): "open" | "closed" {
  return OPEN_STATUSES.includes(status) ? "open" : "closed";
}

/** Our statuses behind a GeoReport status, for the read side's filter. */
export function caseStatusesFor(status: "open" | "closed"): CaseStatus[] {
  return CASE_STATUSES.filter((s) => geoReportStatus(s) === status);
}

/** The directory's categories as GeoReport services, grouped by department. */
export function servicesOf(directory: Directory, locale: Locale): GeoReportService[] {
  const departments = new Map(directory.departments.map((d) => [d.code, d.name]));
  return directory.categories.map((category) => ({
    service_code: category.code,
    service_name: nameIn(category, locale),
    description: locale === "zh" ? category.plain : category.plainEn,
    metadata: false,
    type: "realtime",
    keywords: (locale === "zh"
      ? category.plain.replace(/等$/u, "").split(/[、，,]/u)
      : [category.nameEn]
    )
      .map((word) => word.trim())
      .filter((word) => word.length > 0)
      .join(", "),
    group: departments.get(category.department) ?? category.department,
  }));
}

/** What GET requests shows of a case; the read side fills it, without the citizen's identity. */
export interface CaseForGeoReport {
  readonly trackingNo: string;
  readonly status: CaseStatus;
  readonly categoryCode: string;
  /** The description to publish, or null to withhold it (a petition may name people). */
  readonly publicDescription: string | null;
  /** The unit's name, null before one is assigned. */
  readonly unitName: string | null;
  readonly submittedAt: Date;
  readonly updatedAt: Date;
  /** The handling (or, before acceptance, the acceptance) due date. */
  readonly dueAt: Date | null;
  readonly address: string | null;
  readonly point: GeoPoint | null;
  readonly answerOutcome: AnswerOutcome | null;
  /** The reason given to the citizen for not accepting, in the chosen language. */
  readonly notAcceptedReason: string | null;
  readonly mergedIntoTrackingNo: string | null;
  readonly photoUrl: string | null;
}

const NOTES = {
  zh: {
    answered: { support: "已答复：支持", explain: "已答复：解释说明", reject: "已答复：不予支持" },
    merged: (no: string) => `重复事项，已并入 ${no}`,
    notAccepted: (reason: string | null) => `不予受理${reason ? `：${reason}` : ""}`,
    withdrawn: "已撤回",
    underReview: "复查/复核中",
    returned: "承办单位已退回，正在重新交办",
  },
  en: {
    answered: {
      support: "Answered: supported",
      explain: "Answered: explained",
      reject: "Answered: not supported",
    },
    merged: (no: string) => `Duplicate request, merged into ${no}`,
    notAccepted: (reason: string | null) => `Not accepted${reason ? `: ${reason}` : ""}`,
    withdrawn: "Withdrawn",
    underReview: "Under review",
    returned: "Returned by the unit; being assigned again",
  },
} as const;

/** Why the status is what it is, when there is more to say than open/closed. */
export function statusNotes(c: CaseForGeoReport, locale: Locale): string | null {
  const notes = NOTES[locale];
  switch (c.status) {
    case "answered":
    case "closed":
      return c.answerOutcome ? notes.answered[c.answerOutcome] : null;
    case "merged":
      return c.mergedIntoTrackingNo ? notes.merged(c.mergedIntoTrackingNo) : null;
    case "not_accepted":
      return notes.notAccepted(c.notAcceptedReason);
    case "withdrawn":
      return notes.withdrawn;
    case "under_review":
      return notes.underReview;
    case "returned":
      return notes.returned;
    default:
      return null;
  }
}

/**
 * The words of a case a public API may show: none of a report against officials
 * (检举控告) or a matter for the discipline body (it names people and may name the
 * reporter); elsewhere what identifies the writer, masked as a unit reads it (their phone and
 * ID numbers, also written in groups: "139 1234 5678", and the name they left), and any other
 * run of 7 or more digits.
 */
export function publishableDescription(
  text: string,
  caseClass: CaseClass,
  categoryCode: string,
  writer: LeftContact | null,
): string | null {
  if (caseClass === "report" || categoryCode === "discipline") return null;
  return publishableWords(text, writer);
}

/** Words of the citizen's (a description, an address) with what identifies the writer masked. */
export function publishableWords(text: string, writer: LeftContact | null): string {
  return maskIdentity(text, writer).replace(/\d{7,}[Xx]?/g, (digits) => "*".repeat(digits.length));
}

/** A case as a GeoReport request. */
export function requestOf(
  c: CaseForGeoReport,
  directory: Directory,
  locale: Locale,
): GeoReportRequest {
  return {
    service_request_id: c.trackingNo,
    status: geoReportStatus(c.status),
    status_notes: statusNotes(c, locale),
    service_name: nameOfCode(directory.categories, c.categoryCode, locale),
    service_code: c.categoryCode,
    description: c.publicDescription,
    agency_responsible: c.unitName,
    service_notice: null,
    requested_datetime: w3cDateTime(c.submittedAt),
    updated_datetime: w3cDateTime(c.updatedAt),
    expected_datetime: c.dueAt ? w3cDateTime(c.dueAt) : null,
    address: c.address,
    address_id: null,
    zipcode: null,
    lat: c.point?.latitude ?? null,
    long: c.point?.longitude ?? null,
    media_url: c.photoUrl,
  };
}

/** ISO 8601 with the city's offset (UTC+8), as the spec requires a zone: 2026-03-04T07:40:12+08:00. */
export function w3cDateTime(date: Date): string {
  return `${shanghaiDateTime(date)}+08:00`;
}

/** The complaint a POST requests carries, in our fields. */
export interface PostedComplaint {
  readonly apiKey: string;
  readonly categoryCode: string;
  readonly description: string | null;
  readonly address: string | null;
  readonly location: GeoPoint | null;
  /** Name (family name first, as written in Chinese) and phone, when given; else anonymous. */
  readonly contact: { readonly name: string | null; readonly phone: string } | null;
  /** The reporting app's account or device id, to recognise the same reporter again. */
  readonly reporterRef: string | null;
  readonly mediaUrl: string | null;
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === "" ? null : value))
    .nullable()
    .default(null);

const PostSchema = z.object({
  api_key: optionalText(200),
  service_code: z.string().trim().min(1, "service_code was not provided").nullable().default(null),
  lat: optionalText(32),
  long: optionalText(32),
  address_string: optionalText(200),
  address_id: optionalText(100),
  email: optionalText(254),
  device_id: optionalText(100),
  account_id: optionalText(100),
  first_name: optionalText(50),
  last_name: optionalText(50),
  phone: optionalText(32),
  description: optionalText(4000),
  media_url: optionalText(2000),
});

/** The fields of POST requests this server reads; any other (attribute[…], jurisdiction_id) is left. */
const POSTED_FIELDS = Object.keys(PostSchema.shape) as (keyof typeof PostSchema.shape)[];

/**
 * Each field the server reads as its one value, a JSON number or true/false as its text; a
 * field given twice (a repeated form field, a JSON list) or as an object is refused by name,
 * never read as one of its values nor as not given — a phone sent as an object would
 * otherwise file an anonymous case, a description as a list someone's other words.
 */
function singleValues(
  fields: Readonly<Record<string, unknown>>,
): { ok: true; values: Record<string, string> } | { ok: false; errors: GeoReportError[] } {
  const values: Record<string, string> = {};
  for (const name of POSTED_FIELDS) {
    const value = fields[name];
    if (value === undefined || value === null) continue;
    if (typeof value === "string") values[name] = value;
    else if (typeof value === "number" || typeof value === "boolean") values[name] = String(value);
    else {
      const problem = Array.isArray(value) ? "was given more than once" : "must be a text";
      return { ok: false, errors: [{ code: 400, description: `${name} ${problem}` }] };
    }
  }
  return { ok: true, values };
}

/**
 * Reads a POST requests body (application/x-www-form-urlencoded or JSON, as fields).
 * Errors follow the spec: 403 without an api_key, 400 without a service_code or a
 * location (lat & long, address_string or address_id), for a field that is not one text, a
 * position that is not decimal degrees or a phone that is no phone number, 404 for an unknown
 * service_code. Whether the api_key is valid is the route's to check.
 */
export function parseServiceRequestPost(
  fields: Readonly<Record<string, unknown>>,
  directory: Directory,
): { ok: true; complaint: PostedComplaint } | { ok: false; errors: GeoReportError[] } {
  const single = singleValues(fields);
  if (!single.ok) return single;
  const parsed = PostSchema.safeParse(single.values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return {
      ok: false,
      errors: [{ code: 400, description: `${issue.path.join(".")}: ${issue.message}` }],
    };
  }
  const body = parsed.data;
  if (!body.api_key)
    return { ok: false, errors: [{ code: 403, description: "api_key was not provided" }] };
  if (!body.service_code)
    return { ok: false, errors: [{ code: 400, description: "service_code was not provided" }] };
  if (!directory.categories.some((c) => c.code === body.service_code)) {
    return {
      ok: false,
      errors: [{ code: 404, description: `service_code ${body.service_code} was not found` }],
    };
  }
  const location = parseLocation(body.lat, body.long);
  if (location === "invalid") {
    return {
      ok: false,
      errors: [{ code: 400, description: "lat and long must both be WGS84 decimal degrees" }],
    };
  }
  const address = body.address_string ?? body.address_id;
  if (!location && !address) {
    return {
      ok: false,
      errors: [
        {
          code: 400,
          description: "a location (lat & long, address_string or address_id) is required",
        },
      ],
    };
  }
  // Kept as every contact is (13812345678), so that the citizen's cases are found by it.
  const phone = body.phone === null ? null : parseChinesePhone(body.phone);
  if (body.phone !== null && !phone) {
    return { ok: false, errors: [{ code: 400, description: "phone is not a phone number" }] };
  }
  const name = [body.last_name, body.first_name].filter((part) => part !== null);
  const han = name.some((part) => /\p{Script=Han}/u.test(part));
  return {
    ok: true,
    complaint: {
      apiKey: body.api_key,
      categoryCode: body.service_code,
      description: body.description,
      address,
      location,
      contact: phone
        ? {
            name: name.length > 0 ? (han ? name.join("") : name.reverse().join(" ")) : null,
            phone: phone.display,
          }
        : null,
      reporterRef: body.account_id ?? body.device_id,
      mediaUrl: body.media_url,
    },
  };
}

/** A WGS84 degree as the spec writes it, 37.76524078 or -122.4212043 (not 0x21, 1e1 nor NaN). */
const DECIMAL_DEGREES = /^[+-]?\d{1,3}(?:\.\d+)?$/;

function parseLocation(lat: string | null, long: string | null): GeoPoint | null | "invalid" {
  if (lat === null && long === null) return null;
  if (lat === null || long === null || !DECIMAL_DEGREES.test(lat) || !DECIMAL_DEGREES.test(long))
    return "invalid";
  const [latitude, longitude] = [Number(lat), Number(long)];
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return "invalid";
  return { latitude, longitude };
}

/** The filters of GET requests, checked. */
export interface RequestsQuery {
  /** When given, these requests only; every other filter is ignored (the spec says so). */
  readonly ids: readonly string[] | null;
  readonly serviceCodes: readonly string[] | null;
  readonly statuses: readonly ("open" | "closed")[] | null;
  readonly start: Date;
  readonly end: Date;
}

const MAX_SPAN_MS = 90 * DAY_MS;

/**
 * Reads GET requests' query: comma-separated lists, w3c dates; the range defaults to the
 * last 90 days and may not span more. `now` ends the default range.
 */
export function parseRequestsQuery(
  query: Readonly<Record<string, string | undefined>>,
  now: Date,
): { ok: true; query: RequestsQuery } | { ok: false; errors: GeoReportError[] } {
  const list = (value: string | undefined) => {
    const items = (value ?? "")
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== "");
    return items.length > 0 ? items : null;
  };
  const date = (value: string | undefined, name: string): Date | null | GeoReportError => {
    if (!value) return null;
    const ok = z.iso.datetime({ offset: true }).safeParse(value).success;
    return ok
      ? new Date(value)
      : { code: 400, description: `${name} must be a w3c date-time, e.g. 2010-01-01T00:00:00Z` };
  };
  const statuses = list(query.status);
  if (statuses?.some((s) => s !== "open" && s !== "closed")) {
    return { ok: false, errors: [{ code: 400, description: "status must be open or closed" }] };
  }
  const start = date(query.start_date, "start_date");
  const end = date(query.end_date, "end_date");
  const errors = [start, end].filter(
    (d): d is GeoReportError => d !== null && !(d instanceof Date),
  );
  if (errors.length > 0) return { ok: false, errors };
  const to =
    (end as Date | null) ?? (start ? new Date((start as Date).getTime() + MAX_SPAN_MS) : now);
  const from = (start as Date | null) ?? new Date(to.getTime() - MAX_SPAN_MS);
  if (to.getTime() < from.getTime() || to.getTime() - from.getTime() > MAX_SPAN_MS) {
    return {
      ok: false,
      errors: [
        { code: 400, description: "start_date and end_date may not span more than 90 days" },
      ],
    };
  }
  return {
    ok: true,
    query: {
      ids: list(query.service_request_id),
      serviceCodes: list(query.service_code),
      statuses: statuses as ("open" | "closed")[] | null,
      start: from,
      end: to,
    },
  };
}

export type GeoReportDocument =
  | { readonly kind: "services"; readonly items: readonly GeoReportService[] }
  | { readonly kind: "service_definition"; readonly item: GeoReportServiceDefinition }
  | {
      readonly kind: "service_requests";
      readonly items: readonly (GeoReportRequest | GeoReportPostResponse)[];
    }
  | { readonly kind: "errors"; readonly items: readonly GeoReportError[] }
  | { readonly kind: "discovery"; readonly item: GeoReportDiscovery };

/** The element name of one item in each list, as the spec's XML has it. */
const ITEM: Record<
  Exclude<GeoReportDocument["kind"], "service_definition" | "discovery">,
  string
> = {
  services: "service",
  service_requests: "request",
  errors: "error",
};

const { XMLBuilder } = requireCommonJsBuild("fast-xml-parser") as typeof FastXmlParser;

// Text needs only &, < and > escaped; the spec's examples keep quotes as they are.
const xml = new XMLBuilder({
  format: true,
  indentBy: "    ",
  suppressEmptyNode: true,
  processEntities: false,
  tagValueProcessor: (_name: string, value: unknown) =>
    String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"),
});

/**
 * Renders a GeoReport document: JSON as the spec's examples (lists as arrays, nulls
 * as null), or XML with the declaration, one element per field, empty ones closed.
 */
export function renderGeoReport(document: GeoReportDocument, format: GeoReportFormat): string {
  if (format === "json") return JSON.stringify("item" in document ? document.item : document.items);
  return `<?xml version="1.0" encoding="utf-8"?>\n${xml.build({ [document.kind]: xmlContent(document) }) as string}`;
}

/** A document's content as the spec's XML nests it: each list's items under their own element. */
function xmlContent(document: GeoReportDocument): object {
  switch (document.kind) {
    case "service_definition":
      return { ...document.item, attributes: "" };
    case "discovery": {
      const endpoint = document.item.endpoints.map(({ formats, ...rest }) => ({
        ...rest,
        formats: { format: formats },
      }));
      return { ...document.item, endpoints: { endpoint } };
    }
    default:
      return { [ITEM[document.kind]]: document.items.map(emptyForNull) };
  }
}

function emptyForNull(item: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([key, value]) => [key, value ?? ""]));
}
