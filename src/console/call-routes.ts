/**
 * POST /api/cases: a clerk registers a citizen's phone call or visit (来电/来访登记) as a case.
 * Bad input is answered 400 with a reason per field (`fields`), never a 500. The same
 * `submissionKey` again (a double click, a retry) answers the case it filed, 201 again.
 * POST /api/cases/of-caller: the cases a caller's number was left with before, for the clerk to
 * see while the caller is on the line (a POST, so that the number stays out of the logged URL).
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { caseRecordsByIds } from "../cases/case-records.ts";
import { registerCall, type CallRegistrationDeps } from "../cases/register-call.ts";
import { scopeOf } from "../cases/staff-viewer.ts";
import { localDateOf } from "../domain/calendar.ts";
import { parseChinesePhone } from "../domain/intake/phone.ts";
import { MAX_DESCRIPTION_LENGTH } from "../domain/intake/text-quality.ts";
import { excerpt } from "../i18n/format.ts";
import type { Directory } from "../domain/directory.ts";
import { CLERK_CHANNELS } from "../domain/vocabulary.ts";
import { viewerOf, type ConsoleContext } from "./console-context.ts";
import { ConsoleHttpError } from "./http-errors.ts";

/** Why a field was refused; the console's page words each (i18n.js `register.problem`). */
type FieldProblem =
  "required" | "too_long" | "unknown_region" | "bad_date" | "future_date" | "bad_phone" | "bad_key";

/**
 * What the registration page is built from (served in /api/reference): how a citizen may come
 * to a clerk, and the longest text each field takes.
 */
export const REGISTRATION_FORM = {
  channels: CLERK_CHANNELS,
  maxLength: { description: MAX_DESCRIPTION_LENGTH, address: 200, name: 50, phone: 40 },
} as const;
const { maxLength } = REGISTRATION_FORM;

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "too_long")
    .optional()
    .transform((value) => (value ? value : null));

/**
 * The registration form, each field checked on its own so that every refused field is named;
 * `today` (Shanghai) bounds the day it happened.
 */
function callBodySchema(directory: Directory, today: () => string) {
  return z.object({
    channel: z.enum(REGISTRATION_FORM.channels, "required"),
    description: z
      .string("required")
      .trim()
      .min(1, "required")
      .max(maxLength.description, "too_long"),
    region: z
      .string("required")
      .refine((code) => directory.regions.some((r) => r.code === code), "unknown_region"),
    address: text(maxLength.address),
    /** YYYY-MM-DD, Shanghai day; absent or "": not said. */
    occurredOn: z
      .union([z.literal(""), z.iso.date("bad_date")], "bad_date")
      .optional()
      .refine((day) => !day || day <= today(), "future_date")
      .transform((day) => day || null),
    anonymous: z.boolean("required").default(false),
    name: text(maxLength.name),
    phone: text(maxLength.phone).refine((phone) => !phone || parseChinesePhone(phone), "bad_phone"),
    /**
     * The page's random key of this filling of the form, sent again when it is submitted again
     * (a double click, a retry after a lost answer): the same key files no second case.
     */
    submissionKey: z
      .string()
      .regex(/^[0-9a-f]{32}$/, "bad_key")
      .optional(),
  });
}

/** The earlier cases shown while a caller is on the line: the newest few (the list has all). */
const EARLIER_CASES_SHOWN = 5;

/** The characters of an earlier case's description shown as its title. */
const EARLIER_TITLE_CHARS = 30;

const CallerBodySchema = z.object({ phone: z.string().max(maxLength.phone) });

export const callRoutes: FastifyPluginAsyncZod<{
  context: ConsoleContext;
  registration: CallRegistrationDeps;
}> = async (app, { context, registration }) => {
  const { directory, clock, queries, reads } = context;
  const CallBodySchema = callBodySchema(directory, () => localDateOf(clock.now()));

  app.post(
    "/api/cases",
    {
      schema: {
        tags: ["cases"],
        summary:
          "Register a citizen's phone call or visit as a case (clerks); 400 with `fields` for bad input",
        body: z.unknown(),
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request, ["clerk"]);
      const parsed = CallBodySchema.safeParse(request.body ?? {});
      const fields: Partial<Record<string, FieldProblem>> = {};
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? "body");
          fields[field] ??= (issue.message as FieldProblem) || "required";
        }
      }
      const body = parsed.data;
      // A name without a phone reaches no one: the citizen is anonymous, or leaves a number.
      if (body && !body.anonymous && !body.phone) fields.phone = "required";
      if (!body || Object.keys(fields).length > 0) {
        throw new ConsoleHttpError(400, "registration.invalid", "registration refused", {
          fields,
        });
      }
      const call = await registerCall(
        registration,
        {
          channel: body.channel,
          description: body.description,
          region: body.region,
          address: body.address,
          occurredOn: body.occurredOn,
          contact: body.anonymous ? null : { name: body.name, phone: body.phone! },
        },
        viewer.staff.id,
        body.submissionKey ?? null,
      );
      request.log.info(
        { caseNo: call.trackingNo, channel: body.channel, staffId: viewer.staff.id },
        "call registered",
      );
      return reply.code(201).send(call);
    },
  );

  app.post(
    "/api/cases/of-caller",
    {
      schema: {
        tags: ["cases"],
        summary:
          "The newest cases left with a phone number as their contact (clerks), to tell a caller about them; `valid` false and none for what is no phone number (yet), `landline` true for a landline (shared: the cases may be others')",
        body: CallerBodySchema,
      },
    },
    async (request) => {
      const viewer = viewerOf(request, ["clerk"]);
      const phone = parseChinesePhone(request.body.phone);
      if (!phone) return { valid: false, landline: false, total: 0, cases: [] };
      const page = await queries.cases.page({
        scope: scopeOf(viewer, directory),
        filter: {},
        contactPhone: phone.display,
        limit: EARLIER_CASES_SHOWN,
      });
      const found = await caseRecordsByIds(reads.records, viewer, page.ids);
      return {
        valid: true,
        // A household's or village office's number: its cases may be several people's.
        landline: phone.kind === "landline",
        total: page.total,
        cases: found.map(({ record }) => ({
          trackingNo: record.case.trackingNo,
          submittedAt: record.case.submittedAt,
          status: record.case.status,
          categoryCode: record.case.categoryCode,
          channel: record.channel,
          title: excerpt(record.description, EARLIER_TITLE_CHARS),
          contactName: record.contact?.name ?? null,
        })),
      };
    },
  );
};
