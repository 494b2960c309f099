/**
 * The status page (/status): the look-up by tracking number and query code, and what the
 * citizen who filed a case may do there — rate the answer, ask for a review, withdraw, add to
 * it (补充, photos and all) or urge it (催办). Every decision goes through the case actions as
 * that citizen, checked by the code again. Registered inside the web channel's scope: its
 * cookie, CSRF, upload and rate-limit plugins and its error answers apply.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { CaseActions, CaseRequest } from "../../cases/case-actions.ts";
import { parseCitizenRef } from "../../domain/citizen-ref.ts";
import type { Directory } from "../../domain/directory.ts";
import { detectHazards } from "../../domain/intake/emergency.ts";
import type { Supplements } from "../../domain/intake/ports.ts";
import { categoryName } from "../../domain/intake/prompts.ts";
import { MAX_PHOTOS } from "../../domain/intake/state.ts";
import {
  MAX_DESCRIPTION_LENGTH,
  normaliseTrackingNo,
  withoutInvisibleMarks,
} from "../../domain/intake/text-quality.ts";
import { isAppError } from "../../errors.ts";
import { t } from "../../i18n/t.ts";
import {
  STATUS_FIELDS,
  webPageText,
  type StatusField,
  type WebPageText,
} from "../../i18n/web-page.ts";
import type { Logger } from "../../logging/logger.ts";
import { ratingTexts } from "../../notifications/rating-messages.ts";
import { detectPhotoType, type PhotoType } from "../../photo-type.ts";
import type { CaseLookup, StatusLookup } from "../../storage/case-lookup.ts";
import { photoOwner, type PhotoStore } from "../../storage/photo-store.ts";
import {
  MAX_REASON_LENGTH,
  petitionerMayAct,
  renderStatusPage,
  type PageService,
} from "./status-page.ts";
import { WebError, describeIssues } from "./web-error.ts";

export interface StatusRoutesDeps {
  readonly cases: CaseLookup;
  /** The case actions the rating, review and withdrawal forms go through. */
  readonly actions: CaseActions;
  /** The additions (补充) and urges, as the chat's go. */
  readonly supplements: Supplements;
  /** Where an addition's photos are kept, as the case's citizen's own. */
  readonly uploads: PhotoStore;
  /** Records a citizen's reason for a rating (see rating-reasons.ts). */
  readonly recordRatingReason: (trackingNo: string, reason: string) => Promise<boolean>;
  readonly directory: Directory;
  readonly service: PageService;
  readonly clock: { now(): Date };
  readonly logger: Logger;
  /** Look-ups and decisions per client address per minute. */
  readonly lookupsPerMinute: number;
  /** Bytes per photo of an addition. */
  readonly photoBytes: number;
}

/**
 * The code as typed: full-width digits, spaces and unseen marks ("１２３ ４５６") are the code too,
 * and so is the code pasted with its label or stop ("查询码：307452。").
 */
function typedQueryCode(code: string): string {
  const typed = withoutInvisibleMarks(code.normalize("NFKC")).replace(/\s+/gu, "");
  return /^\D*(\d{6})\D*$/u.exec(typed)?.[1] ?? typed;
}

/** A tracking number as citizens type it: any case, dashes optional, spaces tolerated. */
const TypedTrackingNo = z.string().max(60).trim().transform(normaliseTrackingNo);
const StatusQuerySchema = z.object({
  lang: z.enum(["zh", "en"]).catch("zh").default("zh"),
  no: TypedTrackingNo.catch("").default(""),
});
const StatusFormSchema = z.object({
  trackingNo: TypedTrackingNo.default(""),
  queryCode: z.string().max(40).transform(typedQueryCode).default(""),
  lang: z.enum(["zh", "en"]).catch("zh").default("zh"),
});
type StatusForm = z.infer<typeof StatusFormSchema>;

/** A look-up's form as read: its values, and its fields left empty (or only spaces). */
interface LookupForm {
  readonly values: StatusForm;
  readonly missing: readonly StatusField[];
}

/** Reads a look-up's form; one that does not parse (a field too long) has no field missing. */
function readLookupForm(body: unknown): LookupForm {
  const form = StatusFormSchema.safeParse(body ?? {});
  if (!form.success) return { values: { trackingNo: "", queryCode: "", lang: "zh" }, missing: [] };
  return { values: form.data, missing: STATUS_FIELDS.filter((name) => form.data[name] === "") };
}
/** A withdrawal only with its box ticked: the browser requires it, the server too. */
const WithdrawFormSchema = StatusFormSchema.extend({ confirm: z.literal("yes") });
/** The words may be left out when photos are sent (checked once the photos are read). */
const SupplementFormSchema = StatusFormSchema.extend({
  text: z.string().trim().max(MAX_DESCRIPTION_LENGTH).default(""),
});
const RatingFormSchema = StatusFormSchema.extend({
  solved: z.enum(["yes", "no"]),
  satisfaction: z.enum(["satisfied", "basically_satisfied", "dissatisfied"]),
  reason: z.string().max(MAX_REASON_LENGTH).trim().default(""),
});

/** What became of a citizen's request on the status page, and the page's HTTP status (409 when refused). */
interface Flash {
  readonly text: string;
  readonly refused: boolean;
  readonly status?: number;
}

/** A photo posted with an addition on the status page, a picture by its bytes. */
interface PostedPhoto {
  readonly bytes: Buffer;
  readonly mimeType: PhotoType;
}

/** Why an addition's photos were not taken: the page says so and keeps the words. */
type PhotoProblem = "photo_type" | "photo_size" | "photo_count";

const PHOTO_PROBLEM_STATUS: Record<PhotoProblem, number> = {
  photo_type: 415,
  photo_size: 413,
  photo_count: 400,
};

/** The photos of an addition: those taken, or why none is. */
interface PostedPhotos {
  readonly photos: readonly PostedPhoto[];
  readonly problem: PhotoProblem | null;
}

const NO_PHOTOS: PostedPhotos = { photos: [], problem: null };

/** A decision's form as posted. @throws WebError 400 naming what does not parse. */
function formOf<F>(schema: z.ZodType<F>, body: unknown): F {
  const form = schema.safeParse(body ?? {});
  if (!form.success) {
    throw new WebError(400, "invalid_request", `Invalid request: ${describeIssues(form.error)}`);
  }
  return form.data;
}

/** The status page's routes: GET and POST /status, and the decisions posted from it. */
export function createStatusRoutes(deps: StatusRoutesDeps): FastifyPluginAsync {
  const { logger, service } = deps;
  return async function statusRoutes(scope: FastifyInstance) {
    scope.get("/status", async (request, reply) => {
      const { lang, no } = StatusQuerySchema.parse(request.query ?? {});
      return reply
        .type("text/html; charset=utf-8")
        .header("cache-control", "no-store")
        .send(
          renderStatusPage({
            locale: lang,
            service,
            trackingNo: no,
            result: { kind: "none" },
          }),
        );
    });

    const statusRateLimit = {
      rateLimit: { max: deps.lookupsPerMinute, timeWindow: 60_000 },
    };

    /** Looks the case up with the form's number and code; every wrong code is counted. */
    async function lookUp(form: StatusForm): Promise<StatusLookup> {
      return form.trackingNo && /^\d{6}$/.test(form.queryCode)
        ? deps.cases.find(form.trackingNo, form.queryCode, deps.clock.now(), form.lang)
        : { kind: "not_found" };
    }

    /** The status page for a look-up's outcome, with what the citizen just did. */
    function sendLookup(
      reply: FastifyReply,
      form: StatusForm,
      lookup: StatusLookup,
      flash?: Flash,
      supplementDraft?: string,
    ) {
      const page = renderStatusPage({
        locale: form.lang,
        service,
        trackingNo: form.trackingNo,
        result:
          lookup.kind === "found"
            ? {
                kind: "found",
                detail: lookup.detail,
                categoryName: categoryName(deps.directory, form.lang, lookup.detail.category),
                queryCode: form.queryCode,
                csrfToken: reply.generateCsrf(),
                flash,
                supplementDraft,
              }
            : lookup.kind === "locked"
              ? { kind: "error", message: webPageText(form.lang).errors.query_locked }
              : { kind: "not_found" },
      });
      return reply
        .code(
          lookup.kind === "locked"
            ? 429
            : lookup.kind === "not_found"
              ? 404
              : flash?.refused
                ? (flash.status ?? 409)
                : 200,
        )
        .type("text/html; charset=utf-8")
        .header("cache-control", "no-store")
        .send(page);
    }

    /** Each look-up's form, read once by whichever asks first (the limiter, then the handler). */
    const lookupForms = new WeakMap<FastifyRequest, LookupForm>();
    function lookupFormOf(request: FastifyRequest): LookupForm {
      let form = lookupForms.get(request);
      if (!form) lookupForms.set(request, (form = readLookupForm(request.body)));
      return form;
    }

    /**
     * A look-up sent with a field left empty is sent back asking for it, what was typed kept. It
     * guesses nothing, so it is not counted among the client's look-ups: the limiter reads the
     * form (after the body is parsed) and lets it pass, as it lets the page itself (GET).
     */
    const lookupRateLimit = {
      rateLimit: {
        ...statusRateLimit.rateLimit,
        hook: "preHandler" as const,
        allowList: (request: FastifyRequest) => lookupFormOf(request).missing.length > 0,
      },
    };

    scope.post("/status", { bodyLimit: 4096, config: lookupRateLimit }, async (request, reply) => {
      const { values, missing } = lookupFormOf(request);
      // A form that does not parse (a field too long) is no look-up to complete: not found.
      if (missing.length > 0) return sendIncomplete(reply, values, missing);
      return sendLookup(reply, values, await lookUp(values));
    });

    /** The look-up form again, asking for the fields left empty and keeping what was typed. */
    function sendIncomplete(reply: FastifyReply, form: StatusForm, fields: readonly StatusField[]) {
      const page = renderStatusPage({
        locale: form.lang,
        service,
        trackingNo: form.trackingNo,
        queryCode: form.queryCode,
        result: { kind: "missing", fields },
      });
      return reply
        .code(400)
        .type("text/html; charset=utf-8")
        .header("cache-control", "no-store")
        .send(page);
    }

    /**
     * A rating or review request from the status page: only with the case's number and
     * its valid code (a wrong one is counted like a look-up's), as the citizen who filed it,
     * through the same case actions and rules as the chat.
     */
    async function actOnStatusPage(
      reply: FastifyReply,
      form: StatusForm,
      request: CaseRequest,
      done: string,
      refused: string,
      after?: (trackingNo: string) => Promise<unknown>,
    ) {
      const lookup = await lookUp(form);
      if (lookup.kind !== "found") return sendLookup(reply, form, lookup);
      const no = lookup.detail.trackingNo;
      const log = logger.child({ caseNo: no, component: "status-page" });
      try {
        await deps.actions.act(no, request, { kind: "citizen", id: lookup.ownerRef });
      } catch (error) {
        if (
          !isAppError(error, "case.illegal_transition") &&
          !isAppError(error, "storage.conflict")
        ) {
          throw error;
        }
        log.warn({ request: request.type, code: error.code }, "status page decision refused");
        return sendLookup(reply, form, await lookUp(form), { text: refused, refused: true });
      }
      await after?.(no);
      log.info({ request: request.type }, "status page decision applied");
      return sendLookup(reply, form, await lookUp(form), { text: done, refused: false });
    }

    const actionRoute = {
      bodyLimit: 8192,
      preHandler: scope.csrfProtection,
      config: statusRateLimit,
    };

    /** What a status page form decides, in the page's words. */
    interface StatusDecision {
      readonly request: CaseRequest;
      readonly done: string;
      readonly refused: string;
      readonly after?: (trackingNo: string) => Promise<unknown>;
    }

    /** A citizen's decision posted from the status page: its form read, then acted on. */
    function statusAction<F extends StatusForm>(
      path: string,
      schema: z.ZodType<F>,
      decide: (form: F, text: WebPageText) => StatusDecision,
    ): void {
      scope.post(path, actionRoute, async (request, reply) => {
        const form = formOf(schema, request.body);
        const decision = decide(form, webPageText(form.lang));
        const { request: caseRequest, done, refused, after } = decision;
        return actOnStatusPage(reply, form, caseRequest, done, refused, after);
      });
    }

    statusAction("/status/rate", RatingFormSchema, (form, text) => ({
      request: { type: "rate", solved: form.solved === "yes", satisfaction: form.satisfaction },
      done: text.rated,
      refused: ratingTexts(form.lang).alreadyRated,
      ...(form.reason && { after: (no: string) => deps.recordRatingReason(no, form.reason) }),
    }));
    statusAction("/status/review", StatusFormSchema, (form, text) => ({
      request: { type: "request_review" },
      done: text.reviewRequested,
      refused: ratingTexts(form.lang).cannotReview,
    }));
    statusAction("/status/withdraw", WithdrawFormSchema, (_, text) => ({
      request: { type: "withdraw" },
      done: text.withdrawn,
      refused: text.cannotWithdraw,
    }));
    /**
     * 催办 from the status page: the case's `urge` as its citizen, through the chat's own path
     * (Supplements.urge), so the unit holding it is told as from a chat; without words. The
     * page says which urge it was, or that today's is counted already, or that the case no
     * longer runs.
     */
    scope.post("/status/urge", actionRoute, async (request, reply) => {
      const form = formOf(StatusFormSchema, request.body);
      const text = webPageText(form.lang);
      const lookup = await lookUp(form);
      if (lookup.kind !== "found") return sendLookup(reply, form, lookup);
      const no = lookup.detail.trackingNo;
      const log = logger.child({ caseNo: no, component: "status-page" });
      // Nothing was urged: the case's page as just read (a failing store is not read again).
      const refused = (message: string, status: number) =>
        sendLookup(reply, form, lookup, { text: message, refused: true, status });
      let urged;
      try {
        urged = await deps.supplements.urge(lookup.ownerRef, no, null, []);
      } catch (error) {
        log.error({ err: error }, "status page urge failed");
        return refused(text.urgeFailed, 503);
      }
      if (urged.decision === "refused") {
        log.warn({ request: "urge" }, "status page decision refused");
        return refused(text.cannotUrge, 409);
      }
      log.info(
        { request: "urge", counted: urged.ordinal !== null },
        "status page decision applied",
      );
      const done = t(form.lang, "urgeDone", {
        trackingNo: no,
        ordinal: urged.ordinal,
        words: false,
      });
      return sendLookup(reply, form, await lookUp(form), { text: done, refused: false });
    });
    /** The photos posted with each multipart addition, read before its CSRF token is checked. */
    const postedPhotos = new WeakMap<FastifyRequest, PostedPhotos>();

    /**
     * 补充情况 from the status page: the words, and the photos chosen with them (multipart; a
     * form posted without photos may be urlencoded). The photos are kept as the case's citizen's
     * own and go with the words as a chat addition's do (attached in the addition's commit);
     * photos refused, an addition refused or failed answer the case's page with the words kept
     * in its form. Words of a danger are warned of as at filing (the case becomes urgent by its
     * rules).
     */
    scope.post(
      "/status/supplement",
      {
        ...actionRoute,
        // The form's fields are the body the CSRF check reads: a multipart one is read first.
        preValidation: async (request) => {
          if (!request.isMultipart()) return;
          const { fields, ...photos } = await readAdditionParts(request, deps.photoBytes);
          request.body = fields;
          postedPhotos.set(request, photos);
        },
      },
      async (request, reply) => {
        const form = formOf(SupplementFormSchema, request.body);
        const { photos, problem } = postedPhotos.get(request) ?? NO_PHOTOS;
        const text = webPageText(form.lang);
        const lookup = await lookUp(form);
        if (lookup.kind !== "found") return sendLookup(reply, form, lookup);
        const no = lookup.detail.trackingNo;
        const log = logger.child({ caseNo: no, component: "status-page" });
        const keptWords = (message: string, status: number) =>
          sendLookup(reply, form, lookup, { text: message, refused: true, status }, form.text);
        if (problem) {
          log.info({ problem }, "status page addition's photos refused");
          const why =
            problem === "photo_count"
              ? text.tooManyPhotos.replace("{max}", String(MAX_PHOTOS))
              : text.errors[problem];
          return keptWords(`${why}${text.supplementKept}`, PHOTO_PROBLEM_STATUS[problem]);
        }
        if (form.text === "" && photos.length === 0) return keptWords(text.supplementEmpty, 400);
        if (!petitionerMayAct(lookup.detail)) return keptWords(text.cannotSupplement, 409);
        // No words: the photos are added alone (as data, not as a placeholder text).
        const words = form.text === "" ? null : form.text;
        let supplemented;
        try {
          const photoIds = await keepPhotos(lookup.ownerRef, photos);
          supplemented = await deps.supplements.supplement(lookup.ownerRef, no, words, photoIds);
        } catch (error) {
          log.error({ err: error, photos: photos.length }, "status page addition failed");
          return keptWords(`${text.supplementFailed}${text.supplementKept}`, 503);
        }
        if (supplemented.decision === "refused") {
          log.warn({ request: "supplement" }, "status page decision refused");
          return keptWords(text.cannotSupplement, 409);
        }
        log.info({ request: "supplement", photos: photos.length }, "status page decision applied");
        const hazards = detectHazards(form.text);
        const added =
          words === null
            ? text.supplementedPhotos.replace("{n}", String(photos.length))
            : text.supplemented;
        const { grownTo } = supplemented;
        const done = [
          added,
          ...(hazards.length > 0 ? [t(form.lang, "emergency", { hazards })] : []),
          ...(grownTo === null ? [] : [t(form.lang, "supplementGroupGrown", { group: grownTo })]),
        ].join("\n");
        return sendLookup(reply, form, await lookUp(form), { text: done, refused: false });
      },
    );

    /** Keeps the addition's photos as the case's citizen's own (as their chat's would be). */
    async function keepPhotos(ownerRef: string, photos: readonly PostedPhoto[]): Promise<string[]> {
      const owner = parseCitizenRef(ownerRef);
      if (!owner) return [];
      const ids: string[] = [];
      for (const { bytes, mimeType } of photos) {
        const kept = photoOwner(owner.channel, owner.externalId);
        ids.push(await deps.uploads.save(kept, bytes, mimeType, deps.clock.now()));
      }
      return ids;
    }
  };
}

/**
 * An addition's multipart body: its fields, and its photos (at most MAX_PHOTOS, each at most
 * `photoBytes` and a picture by its bytes): all of them, or none and why. The form's words come
 * before its photos, so photos refused leave the words to answer with. A file input left empty
 * posts an empty part: no photo.
 * @throws WebError 400 for a body that is not readable multipart.
 */
async function readAdditionParts(
  request: FastifyRequest,
  photoBytes: number,
): Promise<{ fields: Record<string, string> } & PostedPhotos> {
  const fields: Record<string, string> = {};
  const photos: PostedPhoto[] = [];
  let notPictures = false;
  const limits = { fileSize: photoBytes, files: MAX_PHOTOS, fields: 10, fieldSize: 64 * 1024 };
  try {
    for await (const part of request.parts({ limits })) {
      if (part.type === "field") {
        if (typeof part.value === "string") fields[part.fieldname] = part.value;
        continue;
      }
      const bytes = await part.toBuffer();
      if (bytes.length === 0) continue;
      const mimeType = detectPhotoType(bytes);
      // Read on: the body is read to its end, and a photo too large says so first.
      if (mimeType) photos.push({ bytes, mimeType });
      else notPictures = true;
    }
  } catch (error) {
    const problem = PHOTO_LIMITS_PASSED[String((error as { code?: unknown }).code)];
    if (!problem) {
      throw new WebError(400, "invalid_request", "The upload is not a readable multipart body.");
    }
    return { fields, photos: [], problem };
  }
  return notPictures
    ? { fields, photos: [], problem: "photo_type" }
    : { fields, photos, problem: null };
}

/** The multipart reader's errors of a photo too large or one too many. */
const PHOTO_LIMITS_PASSED: Partial<Record<string, PhotoProblem>> = {
  FST_REQ_FILE_TOO_LARGE: "photo_size",
  FST_FILES_LIMIT: "photo_count",
};
