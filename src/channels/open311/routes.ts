/**
 * The Open311 GeoReport v2 server under /open311/v2: services, services/{code},
 * requests (GET and POST) and requests/{id}, each as .json or .xml
 * (https://wiki.open311.org/GeoReport_v2). A POSTed request becomes a case of
 * channel "open311" at once, so the answer carries its service_request_id (the
 * tracking number) and never a token. Bad input gets the spec's error list
 * ([{code, description}]) with its HTTP status, never a 500.
 */
import { randomUUID } from "node:crypto";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { unitNameOfId, type Directory } from "../../domain/directory.ts";
import type { ComplaintSubmitter } from "../../domain/intake/ports.ts";
import type { PlaceLocator } from "../../domain/places/locate.ts";
import type { GeoPoint } from "../../domain/places/places.ts";
import { detectHazards } from "../../domain/intake/emergency.ts";
import type { Locale } from "../../i18n/catalog.ts";
import { localeOfLanguageTag, t } from "../../i18n/t.ts";
import type { Logger } from "../../logging/logger.ts";
import { GUESS_WINDOW_MS, secondsBlocked, type GuessCounter } from "../../storage/guess-counter.ts";
import type { Open311CaseRow, Open311Store } from "../../storage/open311-store.ts";
import {
  caseStatusesFor,
  discoveryOf,
  GEOREPORT_MEDIA_TYPES,
  parseRequestsQuery,
  parseServiceRequestPost,
  publishableDescription,
  publishableWords,
  renderGeoReport,
  requestOf,
  servicesOf,
  type CaseForGeoReport,
  type GeoReportDocument,
  type GeoReportError,
  type GeoReportFormat,
  type PostedComplaint,
} from "./georeport.ts";

export interface Open311RoutesOptions {
  readonly directory: Directory;
  /** The directory's point locator (null without a places file), built once by the composition root. */
  readonly locator: PlaceLocator | null;
  readonly store: Pick<Open311Store, "verifyKey" | "reporter" | "requests">;
  readonly submitter: ComplaintSubmitter;
  /** A citizen's words in simplified characters, as the chats keep them (core's OpenCC). */
  readonly inSimplifiedChinese: (text: string) => string;
  /** The region a text names (the classifier's gazetteer), or null. */
  readonly regionDetector: { detect(text: string): string | null };
  readonly now: () => Date;
  readonly logger: Logger;
  /** The service's address as citizens and other systems reach it (PUBLIC_URL), if set. */
  readonly publicUrl?: string | undefined;
  /** Wrong api_keys per client address, shared by every instance. */
  readonly guesses: Pick<GuessCounter, "state" | "countFailure">;
}

/** Wrong api_keys an address may send in a day before each further one holds it off. */
export const OPEN311_FREE_KEY_FAILURES = 10;

/** How long an address that sent too many wrong api_keys is answered 429 without a look. */
export const OPEN311_KEY_BLOCK_MS = 10 * 60_000;

const PREFIX = "/open311/v2";

/**
 * The posted words as every channel keeps a citizen's words: in simplified characters, so that
 * a 311 app writing 繁體 files cases the clerks, the region reader and the duplicate search read
 * as they read a chat's. The name too: it is matched in the words to mask it.
 */
function inSimplifiedCharacters(
  posted: PostedComplaint,
  convert: (text: string) => string,
): PostedComplaint {
  const simplified = (text: string | null) => (text === null ? null : convert(text));
  return {
    ...posted,
    description: simplified(posted.description),
    address: simplified(posted.address),
    contact: posted.contact && { ...posted.contact, name: simplified(posted.contact.name) },
  };
}

type Fields = Record<string, string | undefined>;

/** A form's fields, a repeated one with all its values (a POST refuses it: which one was meant?). */
function formFields(body: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const earlier = fields[name];
    fields[name] = earlier === undefined ? value : [earlier, value].flat();
  }
  return fields;
}

/** Query values as the spec's single strings (a repeated field keeps its first). */
function fieldsOf(value: unknown): Fields {
  if (value === null || typeof value !== "object") return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).flatMap(([key, v]) => {
      const first = Array.isArray(v) ? v[0] : v;
      return typeof first === "string" || typeof first === "number" || typeof first === "boolean"
        ? [[key, String(first)]]
        : [];
    }),
  );
}

export function open311Routes(options: Open311RoutesOptions): FastifyPluginAsync {
  const { directory, store, locator } = options;
  const unitName = (id: string | null, locale: Locale) =>
    id === null ? null : (unitNameOfId(directory, id, locale) ?? id);

  const localeOf = (request: FastifyRequest): Locale =>
    localeOfLanguageTag(fieldsOf(request.query).locale);

  const send = (
    reply: FastifyReply,
    format: GeoReportFormat,
    document: GeoReportDocument,
    status = 200,
  ) =>
    reply
      .code(status)
      .type(`${GEOREPORT_MEDIA_TYPES[format]}; charset=utf-8`)
      .send(renderGeoReport(document, format));

  const fail = (reply: FastifyReply, format: GeoReportFormat, errors: GeoReportError[]) =>
    send(reply, format, { kind: "errors", items: errors }, errors[0]!.code);

  /** The format from the path's extension; an unknown one is answered in JSON. */
  function formatOf(request: FastifyRequest, reply: FastifyReply): GeoReportFormat | null {
    const { format } = request.params as { format: string };
    if (format === "json" || format === "xml") return format;
    void fail(reply, "json", [
      { code: 404, description: `format ${format} is not served: use .json or .xml` },
    ]);
    return null;
  }

  /** A case as the GeoReport documents show it, its unit named in `locale`. */
  const toGeoReport = ({ contact, ...row }: Open311CaseRow, locale: Locale): CaseForGeoReport => ({
    ...row,
    publicDescription: publishableDescription(
      row.description,
      row.caseClass,
      row.categoryCode,
      contact,
    ),
    address: row.address && publishableWords(row.address, contact),
    unitName: unitName(row.unitId, locale),
    point:
      row.latitude !== null && row.longitude !== null
        ? { latitude: row.latitude, longitude: row.longitude }
        : null,
    photoUrl: null,
  });

  function regionOf(
    text: string,
    point: GeoPoint | null,
  ): { region: string; source: "text" | "coordinates" } | null {
    const named = options.regionDetector.detect(text);
    if (named) return { region: named, source: "text" };
    const placed = point ? locator?.locate(point) : undefined;
    return placed?.inCity ? { region: placed.region, source: "coordinates" } : null;
  }

  // The directory is read once, at the start: the services can only have changed then.
  const servicesChangedAt = options.now();

  /** This endpoint's address: under PUBLIC_URL, else as the client reached it. */
  const endpointUrl = (request: FastifyRequest) =>
    `${options.publicUrl?.replace(/\/+$/, "") ?? `${request.protocol}://${request.host}`}${PREFIX}`;

  return async (app) => {
    app.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string", bodyLimit: 16_384 },
      (_request, body, done) => done(null, formFields(String(body))),
    );
    // A body the parsers refuse (malformed, too large, another type) is the client's mistake.
    app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
      const status = error.statusCode ?? 500;
      if (status >= 500) {
        options.logger.error({ err: error, url: request.url }, "open311 request failed");
        return fail(reply, "json", [{ code: 500, description: "internal error" }]);
      }
      return fail(reply, "json", [{ code: 400, description: error.message }]);
    });

    // Discovery's own address ends in /discovery above the versions; 311 clients also look for
    // it beside the services (FixMyStreet's server answers there), so both answer.
    for (const path of ["/open311/discovery.:format", `${PREFIX}/discovery.:format`]) {
      app.get(path, async (request, reply) => {
        const format = formatOf(request, reply);
        if (!format) return reply;
        return send(reply, format, {
          kind: "discovery",
          item: discoveryOf(endpointUrl(request), servicesChangedAt, localeOf(request)),
        });
      });
    }

    app.get(`${PREFIX}/services.:format`, async (request, reply) => {
      const format = formatOf(request, reply);
      if (!format) return reply;
      return send(reply, format, {
        kind: "services",
        items: servicesOf(directory, localeOf(request)),
      });
    });

    app.get(`${PREFIX}/services/:code.:format`, async (request, reply) => {
      const format = formatOf(request, reply);
      if (!format) return reply;
      const { code } = request.params as { code: string };
      if (!directory.categories.some((c) => c.code === code)) {
        return fail(reply, format, [
          { code: 404, description: `service_code ${code} was not found` },
        ]);
      }
      return send(reply, format, {
        kind: "service_definition",
        item: { service_code: code, attributes: [] },
      });
    });

    app.get(`${PREFIX}/requests.:format`, async (request, reply) => {
      const format = formatOf(request, reply);
      if (!format) return reply;
      const parsed = parseRequestsQuery(fieldsOf(request.query), options.now());
      if (!parsed.ok) return fail(reply, format, parsed.errors);
      const { ids, serviceCodes, statuses, start, end } = parsed.query;
      const rows = await store.requests({
        ids,
        categoryCodes: serviceCodes,
        statuses: statuses ? statuses.flatMap(caseStatusesFor) : null,
        start,
        end,
      });
      const locale = localeOf(request);
      return send(reply, format, {
        kind: "service_requests",
        items: rows.map((row) => requestOf(toGeoReport(row, locale), directory, locale)),
      });
    });

    app.get(`${PREFIX}/requests/:id.:format`, async (request, reply) => {
      const format = formatOf(request, reply);
      if (!format) return reply;
      const { id } = request.params as { id: string };
      const [row] = await store.requests({
        ids: [id],
        categoryCodes: null,
        statuses: null,
        start: new Date(0),
        end: new Date(0),
      });
      if (!row) {
        return fail(reply, format, [
          { code: 404, description: `service_request_id ${id} was not found` },
        ]);
      }
      const locale = localeOf(request);
      return send(reply, format, {
        kind: "service_requests",
        items: [requestOf(toGeoReport(row, locale), directory, locale)],
      });
    });

    app.post(`${PREFIX}/requests.:format`, async (request, reply) => {
      const format = formatOf(request, reply);
      if (!format) return reply;
      const { body } = request;
      // Another type (text/plain) reaches here as a string: its fields cannot be read.
      if (
        body !== undefined &&
        (body === null || typeof body !== "object" || Array.isArray(body))
      ) {
        return fail(reply, format, [
          {
            code: 400,
            description:
              "the request's fields are posted as application/x-www-form-urlencoded or a JSON object",
          },
        ]);
      }
      const parsed = parseServiceRequestPost(
        { ...(request.query as object), ...(body as object | undefined) },
        directory,
      );
      if (!parsed.ok) return fail(reply, format, parsed.errors);
      const posted = inSimplifiedCharacters(parsed.complaint, options.inSimplifiedChinese);
      const now = options.now();
      // Keys are long and random; a client trying one after another is held off all the same.
      const guesser = `open311-api-key:${request.ip}`;
      const seconds = secondsBlocked(await options.guesses.state(guesser), now);
      if (seconds !== null) {
        void reply.header("retry-after", String(seconds));
        return fail(reply, format, [
          { code: 429, description: `too many invalid api_keys: try again in ${seconds} s` },
        ]);
      }
      const keyId = await store.verifyKey(posted.apiKey, now);
      if (!keyId) {
        await options.guesses.countFailure(guesser, now, GUESS_WINDOW_MS, (failures) =>
          failures >= OPEN311_FREE_KEY_FAILURES ? OPEN311_KEY_BLOCK_MS : null,
        );
        return fail(reply, format, [{ code: 403, description: "api_key is not valid" }]);
      }
      const category = directory.categories.find((c) => c.code === posted.categoryCode)!;
      const description = posted.description ?? category.name;
      const region = regionOf(`${posted.address ?? ""} ${description}`, posted.location);
      // An immediate danger posted by another system is urgent as it is in a chat: first in the
      // clerks' queue, and the reporter told whom to call now.
      const hazards = detectHazards(description);
      const locale = localeOf(request);
      const receipt = await options.submitter.submit({
        idempotencyKey: `open311:${randomUUID()}`,
        citizenRef: await store.reporter(keyId, posted.reporterRef),
        locale,
        description,
        category: category.code,
        classification: null,
        region: region?.region ?? null,
        regionSource: region?.source ?? null,
        address: posted.address,
        location: posted.location,
        occurredAt: null,
        photos: [],
        contact: posted.contact
          ? { kind: "named", name: posted.contact.name, phone: posted.contact.phone }
          : { kind: "anonymous" },
        isEmergency: hazards.length > 0,
        startedAt: now,
        submittedAt: now,
      });
      options.logger.info({ caseNo: receipt.trackingNo, channel: "open311" }, "request posted");
      return send(
        reply,
        format,
        {
          kind: "service_requests",
          items: [
            {
              service_request_id: receipt.trackingNo,
              service_notice: hazards.length > 0 ? t(locale, "emergencyNotice", { hazards }) : null,
              account_id: null,
            },
          ],
        },
        201,
      );
    });
  };
}
