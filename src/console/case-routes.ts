/**
 * The console's case API: reference data, the routing queue, case lists and
 * pages, photos, and the actions — every action through `caseActions.act`,
 * the one path chat and console share.
 */
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { listFilterAt, ListSearchSchema } from "../cases/case-filter.ts";
import { caseDetail } from "../cases/case-detail.ts";
import { caseRecordsByIds, requireCaseRecord } from "../cases/case-records.ts";
import { casePhoto } from "../cases/case-photo.ts";
import { routingQueue } from "../cases/routing-queue.ts";
import { contactPhoneSearchedBy, maySearchFor, scopeOf } from "../cases/staff-viewer.ts";
import { NOT_ACCEPT_REASONS } from "../domain/lifecycle/not-accept-reasons.ts";
import { DISPATCH_TARGET_MS } from "../domain/lifecycle/dispatch.ts";
import { isOverdue, runningClock } from "../domain/lifecycle/reminders.ts";
import { MAX_ANSWER_CHARS } from "../domain/lifecycle/timeline.ts";
import { OTHER_CHANNELS } from "../domain/vocabulary.ts";
import { unitNameIn } from "../domain/directory.ts";
import { LABELS } from "../i18n/labels.ts";
import { isAppError } from "../errors.ts";
import { withoutMetadata } from "../photo-metadata.ts";
import { detectPhotoType } from "../photo-type.ts";
import { CaseActionBodySchema, MAX_REASON_CHARS } from "./action-schemas.ts";
import { REGISTRATION_FORM } from "./call-routes.ts";
import { viewerOf, type ConsoleContext } from "./console-context.ts";
import { ConsoleHttpError } from "./http-errors.ts";

const TrackingNoParams = z.object({ trackingNo: z.string().min(1).max(40) });

const ListQuerySchema = ListSearchSchema.extend({
  /** The `next` cursor of the page before (keyset paging). */
  after: z.string().max(400).optional(),
  /** The `previous` cursor of the page after. */
  before: z.string().max(400).optional(),
});

const QueueQuerySchema = z.object({
  /** Position (0-based) of the first waiting case of the page. */
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** Cases per page of the list: explicit, and shown as "1–50 of 1,024,311". */
const PAGE_SIZE = 50;

/** The list's answer to a search that must find nothing (see maySearchFor). */
const NOTHING_FOUND = {
  total: 0,
  totalIsLowerBound: false,
  first: 0,
  next: null,
  previous: null,
  items: [],
} as const;

export const caseRoutes: FastifyPluginAsyncZod<{ context: ConsoleContext }> = async (
  app,
  { context },
) => {
  const { reads, directory, queries, caseActions, clock } = context;
  const detailDeps = {
    reads,
    directory,
    queries,
    staff: context.staffNames,
    calendar: context.calendar,
    locatedIn: context.locatedIn,
    wecomReplyWindow: context.wecomReplyWindow,
  };

  app.get(
    "/api/reference",
    {
      schema: {
        tags: ["reference"],
        summary:
          "Categories, regions, units, reasons, targets and the zh/en labels of every status, outcome, class, channel and method",
      },
    },
    async (request) => {
      viewerOf(request);
      return {
        categories: directory.categories.map(({ code, name, nameEn, department, class: c }) => ({
          code,
          name,
          nameEn,
          department,
          caseClass: c,
        })),
        regions: directory.regions.map(({ code, name, nameEn, level }) => ({
          code,
          name,
          nameEn,
          level,
        })),
        departments: directory.departments,
        units: directory.units.map((unit) => ({
          id: unit.id,
          name: unit.name,
          /** Its name on the English console, as an English reader reads it (unitNameIn). */
          nameEn: unitNameIn(directory, unit, "en"),
          department: unit.department,
          region: unit.region,
        })),
        notAcceptReasons: NOT_ACCEPT_REASONS,
        otherChannels: OTHER_CHANNELS,
        dispatchTargetsMs: DISPATCH_TARGET_MS,
        /** The answer form's limit (the lifecycle's, MAX_ANSWER_CHARS). */
        maxAnswerChars: MAX_ANSWER_CHARS,
        /** The limit of a reason's or progress note's words (MAX_REASON_CHARS). */
        maxReasonChars: MAX_REASON_CHARS,
        /** The channels and field limits of the registration form (登记来电/来访). */
        registration: REGISTRATION_FORM,
        /** The one label table (src/i18n/labels.ts): `labels.status.closed.zh`. */
        labels: LABELS,
      };
    },
  );

  app.get(
    "/api/queue",
    {
      schema: {
        tags: ["cases"],
        summary: "Cases waiting for routing (clerks), the most urgent first, 50 a page",
        querystring: QueueQuerySchema,
      },
    },
    async (request) => {
      const viewer = viewerOf(request, ["clerk"]);
      const now = clock.now();
      const page = await routingQueue(
        { reads, directory, queries },
        viewer,
        request.query.offset,
        now,
      );
      return { now, ...page };
    },
  );

  app.get(
    "/api/cases",
    {
      schema: {
        tags: ["cases"],
        summary:
          "The cases the staff member may see, filtered, newest first (with `urged`, the most urged first; with `overdue`, the longest overdue first), 50 a page (keyset cursors)",
        querystring: ListQuerySchema,
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      const { q, after, before, ...filter } = request.query;
      if (!maySearchFor(viewer, q)) return { ...NOTHING_FOUND, pageSize: PAGE_SIZE };
      // One moment for the filter and each row's `overdue`: every case listed is marked.
      const now = clock.now();
      const page = await queries.cases.page({
        scope: scopeOf(viewer, directory),
        filter: listFilterAt(filter, now),
        q,
        contactPhone: contactPhoneSearchedBy(viewer, q),
        after,
        before,
        limit: PAGE_SIZE,
      });
      const found = await caseRecordsByIds(reads.records, viewer, page.ids);
      return {
        total: page.total,
        totalIsLowerBound: page.totalIsLowerBound,
        first: page.first,
        pageSize: PAGE_SIZE,
        next: page.next,
        previous: page.previous,
        // `dueAt`: the deadline running now (acceptance, handling or review), none when settled;
        // `overdue`: it has passed, by the server's clock (a browser's may be wrong).
        items: found.map(({ record }) => ({
          ...record,
          dueAt: runningClock(record.case)?.dueAt ?? null,
          overdue: isOverdue(record.case, now),
        })),
      };
    },
  );

  app.get(
    "/api/cases/:trackingNo",
    {
      schema: {
        tags: ["cases"],
        summary: "A case with its photos, timeline and allowed actions",
        params: TrackingNoParams,
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      return caseDetail(detailDeps, viewer, request.params.trackingNo, clock.now());
    },
  );

  app.post(
    "/api/cases/:trackingNo/actions",
    {
      schema: {
        tags: ["cases"],
        summary: "Act on a case (the same domain actions as in chat)",
        params: TrackingNoParams,
        body: CaseActionBodySchema,
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const { trackingNo } = request.params;
      const { action, expectedStatus } = request.body;
      // Loads the case as the viewer may see it: another unit's case is "not found", not "forbidden".
      const before = (await requireCaseRecord(reads.records, directory, viewer, trackingNo)).record
        .case;
      if (expectedStatus !== undefined && before.status !== expectedStatus) {
        throw alreadyDecided(trackingNo, before.status);
      }
      await requireUnitPhotos(context, trackingNo, action);
      const changedSince = async () => {
        const stored = await reads.records.byTrackingNo(trackingNo);
        const status = stored?.case.status;
        return expectedStatus !== undefined && status !== undefined && status !== expectedStatus
          ? status
          : null;
      };
      let decided;
      try {
        decided = await caseActions.act(trackingNo, action, viewer.actor);
      } catch (error) {
        if (isAppError(error, "storage.conflict") || isAppError(error, "case.illegal_transition")) {
          const now = await changedSince();
          if (now) throw alreadyDecided(trackingNo, now);
        }
        throw error;
      }
      request.log.info(
        {
          caseNo: trackingNo,
          staffId: viewer.staff.id,
          command: action.type,
          from: before.status,
        },
        "console action",
      );
      try {
        return await caseDetail(detailDeps, viewer, trackingNo, clock.now());
      } catch (error) {
        // The decision is committed: the answer must say so, never a 5xx a clerk would retry.
        request.log.warn(
          { err: error, caseNo: trackingNo },
          "action committed; case not read back",
        );
        return reply.code(200).send({ committed: true, trackingNo, status: decided.status });
      }
    },
  );

  // A photo, or a citizen's voice recording (played with <audio> on the case page).
  for (const kind of ["photo", "recording"] as const) {
    app.get(
      `/api/cases/:trackingNo/${kind}s/:photoId`,
      {
        schema: {
          tags: ["cases"],
          summary: `A ${kind === "photo" ? "photo" : "voice recording"} of a case the staff member may see`,
          params: TrackingNoParams.extend({ photoId: z.string().min(1).max(64) }),
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const photo = await casePhoto(
          {
            records: reads.records,
            directory,
            photoRoot: context.photoRoot,
            chatPhotos: context.chatPhotos,
          },
          viewer,
          request.params.trackingNo,
          request.params.photoId,
          kind,
        );
        const size = await stat(photo.file).then(
          (s) => s.size,
          () => null,
        );
        if (size === null) {
          throw new ConsoleHttpError(
            404,
            "photo.not_found",
            `${kind} file of ${request.params.trackingNo} missing`,
          );
        }
        if (!photo.withoutMetadata) {
          return shownInline(reply, photo.mimeType)
            .header("content-length", size)
            .send(createReadStream(photo.file));
        }
        const bytes = await readFile(photo.file);
        const type = detectPhotoType(bytes);
        const shown = type && withoutMetadata(bytes, type);
        if (!shown) {
          // Kept, but a unit must not get what the file may say of who took it.
          throw new ConsoleHttpError(
            404,
            "photo.withheld",
            `${kind} ${request.params.photoId} of ${request.params.trackingNo} not readable without its metadata`,
          );
        }
        return shownInline(reply, type).send(shown);
      },
    );
  }
};

/** A kept file of a case, shown in the page and cached by this browser only. */
function shownInline(reply: FastifyReply, mimeType: string): FastifyReply {
  return reply
    .header("content-type", mimeType)
    .header("cache-control", "private, max-age=300")
    .header("content-disposition", "inline");
}

/**
 * The photos an answer or progress report names must have been uploaded for the case.
 * @throws ConsoleHttpError 400 "photo.unknown" otherwise.
 */
async function requireUnitPhotos(
  context: ConsoleContext,
  trackingNo: string,
  action: z.infer<typeof CaseActionBodySchema>["action"],
): Promise<void> {
  const ids = "photoIds" in action ? (action.photoIds ?? []) : [];
  if (ids.length === 0) return;
  const unknown = context.unitPhotos ? await context.unitPhotos.unknown(trackingNo, ids) : ids;
  if (unknown.length > 0) {
    throw new ConsoleHttpError(
      400,
      "photo.unknown",
      `photos ${unknown.join(", ")} not kept for ${trackingNo}`,
    );
  }
}

function alreadyDecided(trackingNo: string, status: string): ConsoleHttpError {
  return new ConsoleHttpError(
    409,
    "case.already_decided",
    `case ${trackingNo} is ${status} now: someone else acted first`,
    { status },
  );
}
