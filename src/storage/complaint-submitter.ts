import type { WorkingCalendar } from "../domain/calendar.ts";
import { localDateOf } from "../domain/calendar.ts";
import { fromShanghaiDateTime } from "../domain/shanghai-time.ts";
import type { Classification } from "../domain/classification.ts";
import type { Directory } from "../domain/directory.ts";
import type {
  ComplaintSubmission,
  ComplaintSubmitter,
  SubmissionReceipt,
} from "../domain/intake/ports.ts";
import { isOngoing } from "../domain/intake/occurred-at.ts";
import { trackingNoOf } from "../domain/intake/text-quality.ts";
import { groupColumnsOf } from "./group-columns.ts";
import { outsideCityColumns } from "./outside-city-columns.ts";
import { holderColumns } from "./holder-columns.ts";
import { openCase } from "../domain/lifecycle/open-case.ts";
import { storedPlaceKeys, type DuplicateScorer } from "../domain/places/duplicates.ts";
import { createPlaceReader, type PlaceReader } from "../domain/places/place-text.ts";
import { routeComplaint } from "../domain/routing.ts";
import {
  filedRegionFact,
  withRegionFact,
  type Explanation,
} from "../domain/routing-explanation.ts";
import { AppError } from "../errors.ts";
import { Prisma } from "../generated/sqlite/client.ts";
import type { Channel } from "../generated/sqlite/enums.ts";
import {
  appendTimeline,
  citizenAddress,
  deadlineColumns,
  enqueueNotifications,
  type NotificationWriter,
} from "./case-rows.ts";
import { outboxMessageFor } from "../notifications/outbox-payload.ts";
import { caseSearchTerms } from "./case-search.ts";
import { parseCitizenRef } from "../domain/citizen-ref.ts";
import { isUniqueViolation, type Db } from "./database.ts";
import { keptAttachments, photoAttachments } from "./case-attachments.ts";
import { insertRows, plainSqlOf, type PlainStatements } from "./plain-sql.ts";
import { newQueryCode } from "./query-code.ts";
import { relinkRepeats } from "./repeat-links.ts";
import { newRowId } from "./row-ids.ts";

export interface SubmitterDeps {
  readonly db: Db;
  readonly directory: Directory;
  readonly calendar: () => WorkingCalendar;
  readonly notifications: NotificationWriter;
  /** Decides, at filing, which of the citizen's cases the new one likely repeats. */
  readonly scorer: DuplicateScorer;
}

/**
 * Registers (登记) a complaint: in one transaction the case with a new
 * tracking number, its deadline columns and search terms, its attachments,
 * the "submitted" timeline entry, the routing suggestion(s), the citizen's earlier cases it
 * likely repeats (repeat-links.ts) and the clerks' new-case notification. A retried
 * submission of the same draft returns the first receipt.
 */
export function createComplaintSubmitter(deps: SubmitterDeps): ComplaintSubmitter {
  const reader = createPlaceReader(deps.directory);
  // Once per complaint, but a chat turn waits for it: plain statements (plain-sql.ts).
  const sql = plainSqlOf(deps.db);
  return {
    async submit(submission) {
      const existing = await findReceipt(sql, submission.idempotencyKey);
      if (existing) return existing;
      try {
        return await sql.transaction((tx) => register(tx, deps, reader, submission));
      } catch (error) {
        if (isUniqueViolation(error)) {
          const receipt = await findReceipt(sql, submission.idempotencyKey);
          if (receipt) return receipt;
        }
        throw error;
      }
    },
  };
}

async function register(
  tx: PlainStatements,
  deps: SubmitterDeps,
  reader: PlaceReader,
  submission: ComplaintSubmission,
): Promise<SubmissionReceipt> {
  const ref = parseCitizenRef(submission.citizenRef);
  const [identity] = ref
    ? await tx.query<{ id: string; citizenId: string; channel: Channel; chatId: string | null }>(
        Prisma.sql`SELECT "id", "citizenId", "channel", "chatId" FROM "ChannelIdentity"
          WHERE "channel" = ${ref.channel} AND "externalId" = ${ref.externalId}`,
      )
    : [];
  if (!ref || !identity) {
    throw new AppError(
      "input.invalid",
      `no channel identity for citizen ref ${submission.citizenRef}`,
    );
  }
  const category = deps.directory.categories.find((c) => c.code === submission.category);
  if (!category) throw new AppError("input.invalid", `unknown category ${submission.category}`);

  const now = submission.submittedAt;
  const trackingNo = await nextTrackingNo(tx, deps.directory.trackingPrefix, now);
  const opened = openCase(
    {
      trackingNo,
      category,
      regionCode: submission.region,
      regionSource: submission.regionSource ?? "text",
      isEmergency: submission.isEmergency,
      requestKind: submission.requestKind ?? "complaint",
    },
    submission.registeredBy
      ? { kind: "clerk", id: submission.registeredBy }
      : { kind: "citizen", id: submission.citizenRef },
    now,
    deps.calendar(),
  );
  const named = submission.contact.kind === "named" ? submission.contact : null;
  // The language is kept for an anonymous citizen too: their notices are written in it.
  await tx.execute(
    named
      ? Prisma.sql`UPDATE "Citizen"
      SET "name" = ${named.name}, "phone" = ${named.phone}, "locale" = ${submission.locale}
      WHERE "id" = ${identity.citizenId}`
      : Prisma.sql`UPDATE "Citizen" SET "locale" = ${submission.locale}
      WHERE "id" = ${identity.citizenId}`,
  );
  const caseId = newRowId();
  const queryCode = newQueryCode();
  const created = new Date();
  const noAlertYet = { lastReminderAt: null, lastEscalationAt: null };
  const deadlines = deadlineColumns(opened.case, noAlertYet);
  await insertRows(tx, "Case", [
    {
      id: caseId,
      trackingNo,
      queryCode,
      idempotencyKey: submission.idempotencyKey,
      citizenId: identity.citizenId,
      identityId: identity.id,
      channel: ref.channel,
      anonymous: !named,
      contactName: named?.name ?? null,
      contactPhone: named?.phone ?? null,
      ...holderColumns(named?.holder),
      description: submission.description,
      categoryCode: category.code,
      regionCode: submission.region,
      regionSource: opened.case.regionSource,
      caseClass: opened.case.caseClass,
      address: submission.address,
      latitude: submission.location?.latitude ?? null,
      longitude: submission.location?.longitude ?? null,
      locatedAt: submission.location ? now : null,
      occurredAt: submission.occurredAt?.date ? occurredInstant(submission.occurredAt) : null,
      occurredText: submission.occurredAt?.text ?? null,
      occurredPrecision: submission.occurredAt?.date ? submission.occurredAt.precision : "day",
      occurredOngoing: isOngoing(submission.occurredAt),
      isEmergency: submission.isEmergency,
      requestKind: opened.case.requestKind,
      ...groupColumnsOf(submission.description),
      ...outsideCityColumns(submission.outsideCity),
      status: opened.case.status,
      submittedAt: now,
      acceptanceDueAt: opened.case.acceptanceDueAt,
      runningDueAt: deadlines.runningDueAt,
      reviewStage: 0,
      supporterCount: 0,
      version: 0,
      createdAt: created,
      updatedAt: created,
    },
  ]);
  await insertRows(tx, "CaseAlert", [
    { caseId, ...noAlertYet, nextAlertAt: deadlines.nextAlertAt },
  ]);
  await insertRows(
    tx,
    "Attachment",
    [
      ...(await photoAttachments(tx, ref, submission.photos)),
      ...(await keptAttachments(tx, ref, submission.recordings ?? [])),
    ].map((attachment) => ({
      id: newRowId(),
      caseId,
      channel: ref.channel,
      fileId: attachment.fileId,
      mimeType: attachment.mimeType,
      storagePath: attachment.storagePath,
      createdAt: created,
    })),
  );
  await insertRows(
    tx,
    "RoutingSuggestion",
    suggestions(deps.directory, submission).map((suggestion) => ({
      id: newRowId(),
      caseId,
      ...suggestion,
      alternatives: JSON.stringify(suggestion.alternatives),
      explanation: JSON.stringify(suggestion.explanation),
      createdAt: created,
    })),
  );
  await insertRows(tx, "CaseSearch", [
    {
      caseId,
      ...caseSearchTerms({
        ...submission,
        contact: {
          name: named?.name ?? null,
          phone: named?.phone ?? null,
          holder: named?.holder ?? null,
        },
      }),
    },
  ]);
  await insertRows(
    tx,
    "CasePlaceKey",
    storedPlaceKeys(reader, submission.description, submission.address).map((key) => ({
      caseId,
      key,
      submittedAt: now,
    })),
  );
  await relinkRepeats(tx, deps.scorer, {
    id: caseId,
    citizenId: identity.citizenId,
    categoryCode: category.code,
    submittedAt: now,
  });
  await appendTimeline(tx, caseId, opened.timeline);
  // The citizen reads the receipt in the chat that submitted; the clerks get the new case.
  await enqueueNotifications(
    tx,
    deps.notifications,
    caseId,
    [
      {
        to: { kind: "clerks" },
        kind: "new_case",
        trackingNo,
        status: "submitted",
        nextStep: "route_case",
        dueAt: opened.case.acceptanceDueAt,
        dueDate: localDateOf(opened.case.acceptanceDueAt),
        details: { caseClass: opened.case.caseClass },
      },
    ],
    null,
  );
  const citizen = citizenAddress(identity, submission.locale);
  if (deps.notifications.smsReceipts && named && citizen) {
    // Beside the chat's receipt, the same by SMS: the number and code survive a lost chat.
    const receipt = opened.notifications.find((n) => n.kind === "received")!;
    await deps.notifications.outbox.enqueue(tx, [
      outboxMessageFor(
        { ...receipt, details: { ...receipt.details, queryCode } },
        {
          caseId,
          channel: citizen.channel,
          recipient: citizen.chatId,
          locale: citizen.locale,
          smsOnly: true,
        },
      ),
    ]);
  }
  return { trackingNo, acceptanceDueAt: opened.case.acceptanceDueAt, queryCode };
}

/** A RoutingSuggestion row of the case, but its id, case and time. */
interface NewSuggestion {
  readonly categoryCode: string;
  readonly regionCode: string | null;
  readonly unitId: string;
  readonly confidence: number;
  readonly method: string;
  /** Always "": the reasons are `explanation` (the column keeps the text of older rows). */
  readonly rationale: string;
  readonly explanation: Explanation;
  readonly alternatives: readonly object[];
  readonly flagged: boolean;
  readonly chosen: boolean;
  readonly unsure: boolean;
  readonly language: string | null;
}

/**
 * The routing suggestions to keep: the one shown to the clerk (the category
 * the citizen confirmed, routed by region), and each classifier's own answer,
 * so that accuracy can later be measured against the clerk's decision. A kind
 * the citizen left to the clerk (其他 / 不确定) is no choice of theirs: the one
 * shown is then the classifier's guess, unsure at its own confidence, so that
 * the clerk chooses among its top 3 instead of confirming 其他 with one tap.
 */
function suggestions(directory: Directory, submission: ComplaintSubmission): NewSuggestion[] {
  const shown = routeComplaint(directory, submission.category, submission.region);
  const proposed = submission.classification;
  const agreed = proposed?.category === submission.category ? proposed : null;
  // The region as the case has it (chosen in the dialogue, placed by a location …), not as
  // the classifier read it in the description.
  const region = filedRegionFact(
    proposed?.explanation ?? [],
    submission.region,
    submission.regionDecidedBy ??
      (submission.regionSource === "coordinates" ? "coordinates" : "words"),
  );
  const answers = [proposed, proposed?.offline].filter((a): a is Classification => Boolean(a));
  const leftToClerk = submission.categoryLeftToClerk === true;
  const guess = leftToClerk ? proposed : agreed;
  return [
    {
      categoryCode: submission.category,
      regionCode: shown.regionCode,
      unitId: shown.unitId,
      confidence: guess?.confidence ?? (leftToClerk ? 0 : 1),
      method: guess?.method ?? "citizen",
      // What the routing adds (region unknown, discipline body …) is derived from the case when read.
      rationale: "",
      explanation: withRegionFact(guess?.explanation ?? [], region),
      alternatives: (proposed?.alternatives ?? []).map((a) => ({ ...a })),
      flagged: shown.flagged,
      chosen: true,
      // The citizen's own choice where the classifier did not agree: nothing to be unsure of.
      unsure: leftToClerk || (agreed?.unsure ?? false),
      language: proposed?.language ?? null,
    },
    ...answers.map((answer) => classifierSuggestion(directory, answer)),
  ];
}

function classifierSuggestion(directory: Directory, answer: Classification): NewSuggestion {
  const route = routeComplaint(directory, answer.category, answer.region);
  return {
    categoryCode: answer.category,
    regionCode: route.regionCode,
    unitId: route.unitId,
    confidence: answer.confidence,
    method: answer.method,
    rationale: "",
    // The classifier's own view at filing, for measuring it against the clerk's decision.
    explanation: answer.explanation,
    alternatives: answer.alternatives.map((a) => ({ ...a })),
    flagged: route.flagged,
    chosen: false,
    unsure: answer.unsure,
    language: answer.language,
  };
}

/**
 * ZK-20261128-0042: the prefix, the Shanghai day and a per-day counter. The
 * counter row is only ever incremented, so a number is never issued twice.
 */
async function nextTrackingNo(tx: PlainStatements, prefix: string, now: Date): Promise<string> {
  const day = localDateOf(now).replaceAll("-", "");
  const [counter] = await tx.query<{ last: number }>(Prisma.sql`
    INSERT INTO "TrackingCounter" ("day", "last") VALUES (${day}, 1)
    ON CONFLICT ("day") DO UPDATE SET "last" = "TrackingCounter"."last" + 1
    RETURNING "last"`);
  return trackingNoOf(prefix, day, counter!.last);
}

function occurredInstant(occurred: { date: string; time: string | null }): Date {
  return fromShanghaiDateTime(`${occurred.date}T${occurred.time ?? "12:00"}`);
}

async function findReceipt(
  sql: PlainStatements,
  idempotencyKey: string,
): Promise<SubmissionReceipt | null> {
  const [row] = await sql.query<SubmissionReceipt>(Prisma.sql`
    SELECT "trackingNo", "acceptanceDueAt", "queryCode" FROM "Case"
    WHERE "idempotencyKey" = ${idempotencyKey}`);
  return row ?? null;
}
