import type { GroupComplaint } from "../domain/group-complaint.ts";
import type { LeftContact } from "../domain/identity-in-text.ts";
import type { Case, CaseContact } from "../domain/lifecycle/case.ts";
import type { CaseStatus } from "../domain/lifecycle/case-status.ts";
import type { CaseStore } from "../domain/lifecycle/ports.ts";
import type { TimelineEntry } from "../domain/lifecycle/timeline.ts";
import type { Decision, ProposedRouting } from "../domain/lifecycle/transitions.ts";
import {
  ExplanationSchema,
  regionFactOf,
  withRegionFact,
  type ExplanationFact,
} from "../domain/routing-explanation.ts";
import { AppError } from "../errors.ts";
import {
  alertHistoryUpdate,
  appendTimeline,
  CASE_INCLUDE,
  deadlineColumns,
  citizenAddress,
  enqueueNotifications,
  toCaseUpdate,
  toDomainCase,
  type NotificationWriter,
} from "./case-rows.ts";
import { parseCitizenRef } from "../domain/citizen-ref.ts";
import type { Db, Tx } from "./database.ts";
import { FORMER_CONTACTS_SELECT, formerContactsOf, keepFormerContact } from "./former-contacts.ts";
import { HOLDER_SELECT, holderColumns, holderOf, type HolderColumns } from "./holder-columns.ts";
import { createAlertCommits, type AlertCommits } from "./alert-commits.ts";
import { caseSearchUpsert, storedCaseSearchTerms } from "./case-search.ts";
import { attachSenderPhotos } from "./case-attachments.ts";
import { columnsOfGroup, GROUP_SELECT, groupOf } from "./group-columns.ts";
import { prismaStatements, type PlainStatements } from "./plain-sql.ts";
import { relinkRepeats } from "./repeat-links.ts";
import type { DuplicateScorer } from "../domain/places/duplicates.ts";

/**
 * The lifecycle's CaseStore with what the case actions and the deadline scheduler add (a new
 * case is the complaint submitter's job).
 */
export interface LifecycleCaseStore extends CaseStore, AlertCommits {
  /** Whether the citizen behind `citizenRef` (channel:externalId) filed the case. */
  isOwnedBy(trackingNo: string, citizenRef: string): Promise<boolean>;
  /**
   * The contact the case keeps (what a unit's copy of the citizen's words is masked by, what
   * a new phone number changes); null for no such case.
   */
  contactOf(trackingNo: string): Promise<CaseContact | null>;
  /**
   * What a citizen's addition (补充, 催办) is decided on, read in one go: the contact its words
   * are masked by and the many the case speaks for (群体诉求, which the words may grow); null
   * for no such case.
   */
  additionFactsOf(trackingNo: string): Promise<AdditionFacts | null>;
}

export interface AdditionFacts {
  /** The contact the case keeps, with the ones it kept before. */
  readonly contact: LeftContact;
  readonly group: GroupComplaint | null;
}

const CONTACT_SELECT = {
  anonymous: true,
  contactName: true,
  contactPhone: true,
  ...HOLDER_SELECT,
} as const;

interface ContactColumns extends HolderColumns {
  readonly anonymous: boolean;
  readonly contactName: string | null;
  readonly contactPhone: string | null;
}

function contactOfRow(row: ContactColumns): CaseContact {
  return {
    anonymous: row.anonymous,
    name: row.contactName,
    phone: row.contactPhone,
    holder: holderOf(row),
  };
}

/** The lifecycle's case store on Prisma. */
export function createCaseStore(
  db: Db,
  writer: NotificationWriter,
  scorer: DuplicateScorer,
): LifecycleCaseStore {
  return {
    async find(trackingNo) {
      const row = await db.case.findUnique({ where: { trackingNo }, include: CASE_INCLUDE });
      return row ? toDomainCase(row) : null;
    },

    async commit(trackingNo, expectedStatus, decision) {
      return db.$transaction((tx) =>
        commitDecision(tx, writer, scorer, trackingNo, expectedStatus, decision),
      );
    },

    async isOwnedBy(trackingNo, ref) {
      const parsed = parseCitizenRef(ref);
      if (!parsed) return false;
      const count = await db.case.count({
        where: {
          trackingNo,
          citizen: {
            identities: { some: { channel: parsed.channel, externalId: parsed.externalId } },
          },
        },
      });
      return count === 1;
    },

    async contactOf(trackingNo) {
      const row = await db.case.findUnique({ where: { trackingNo }, select: CONTACT_SELECT });
      return row && contactOfRow(row);
    },

    async additionFactsOf(trackingNo) {
      const row = await db.case.findUnique({
        where: { trackingNo },
        select: { ...CONTACT_SELECT, ...FORMER_CONTACTS_SELECT, ...GROUP_SELECT },
      });
      return (
        row && {
          contact: { ...contactOfRow(row), former: formerContactsOf(row) },
          group: groupOf(row),
        }
      );
    },

    ...createAlertCommits(db, writer),
  };
}

/**
 * Writes a decision in one transaction: the case's changed fields (only if it
 * is still in `expectedStatus`, its contact and group when they change) with its deadline columns, its timeline, the
 * linked case's timeline, rating and review rows, the case's likely repeats when a fact they
 * are decided on changed, its search terms when its contact changed, and the notifications as
 * outbox rows.
 */
async function commitDecision(
  tx: Tx,
  writer: NotificationWriter,
  scorer: DuplicateScorer,
  trackingNo: string,
  expectedStatus: CaseStatus,
  decision: Decision,
): Promise<Case> {
  const { changes, contact, group } = decision;
  const mergedInto = changes.mergedIntoTrackingNo
    ? await tx.case.findUniqueOrThrow({
        where: { trackingNo: changes.mergedIntoTrackingNo },
        select: { id: true },
      })
    : null;
  // Read in the transaction of the change: the contact the case kept until now.
  const before = contact
    ? await tx.case.findUnique({ where: { trackingNo }, select: { id: true, ...CONTACT_SELECT } })
    : null;
  const { count } = await tx.case.updateMany({
    where: { trackingNo, status: expectedStatus },
    data: {
      ...toCaseUpdate(changes),
      ...(mergedInto && { mergedIntoId: mergedInto.id }),
      ...(contact && {
        anonymous: contact.anonymous,
        contactName: contact.name,
        contactPhone: contact.phone,
        ...holderColumns(contact.holder),
      }),
      ...(group && columnsOfGroup(group)),
      version: { increment: 1 },
    },
  });
  if (count !== 1) {
    throw new AppError(
      "storage.conflict",
      `case ${trackingNo} is no longer ${expectedStatus}: someone else decided first`,
      { userMessageKey: "case.already_decided" },
    );
  }
  const row = await tx.case.findUniqueOrThrow({
    where: { trackingNo },
    include: {
      ...CASE_INCLUDE,
      identity: true,
      citizen: { select: { locale: true } },
      alert: { select: { lastReminderAt: true, lastEscalationAt: true } },
    },
  });
  // The terms follow the contact: a clerk finds the case by the new holder's name and every
  // earlier one's, a unit by none (its terms mask them all, as its reader does).
  if (before) {
    // A new contact is always told by its entry (change_contact): when the old one was replaced.
    const changed = decision.timeline.find((entry) => entry.kind === "contact_changed")!;
    await keepFormerContact(tx, row.id, before, changed.at);
    const { formerContacts } = await tx.case.findUniqueOrThrow({
      where: { id: row.id },
      select: FORMER_CONTACTS_SELECT,
    });
    await tx.caseSearch.upsert(
      caseSearchUpsert(row.id, storedCaseSearchTerms({ ...row, formerContacts })),
    );
  }
  await appendTimeline(prismaStatements(tx), row.id, decision.timeline);
  await attachCitizenPhotos(prismaStatements(tx), row, decision.timeline);
  for (const linked of decision.linked) {
    const other = await tx.case.findUniqueOrThrow({
      where: { trackingNo: linked.trackingNo },
      select: { id: true },
    });
    await appendTimeline(prismaStatements(tx), other.id, [linked.entry]);
  }
  await recordRatingAndReview(tx, row.id, row.reviewStage, decision);
  // A repeat is decided on the category, the region and when the earlier case was answered or
  // closed (a review's answer moves it later): the case's pairs follow a change of any.
  if (
    changes.categoryCode !== undefined ||
    changes.regionCode !== undefined ||
    changes.answeredAt !== undefined ||
    changes.closedAt !== undefined
  ) {
    await relinkRepeats(prismaStatements(tx), scorer, row);
  }
  if (decision.proposal) {
    const clerkRegion = changes.regionCode !== undefined ? row.regionCode : undefined;
    await recordProposal(tx, row.id, row.categoryCode, decision.proposal, clerkRegion);
  }
  const citizen = citizenAddress(row.identity, row.citizen.locale);
  await enqueueNotifications(prismaStatements(tx), writer, row.id, decision.notifications, citizen);
  const alerted = alertHistoryUpdate(decision.timeline);
  const { runningDueAt, nextAlertAt } = deadlineColumns(toDomainCase(row), {
    lastReminderAt: row.alert!.lastReminderAt,
    lastEscalationAt: row.alert!.lastEscalationAt,
    ...alerted,
  });
  const updated = await tx.case.update({
    where: { id: row.id },
    data: { runningDueAt, alert: { update: { ...alerted, nextAlertAt } } },
    include: CASE_INCLUDE,
  });
  return toDomainCase(updated);
}

/**
 * The photos a citizen's addition (补充) or comment on the answer names, attached to the case in
 * the entry's own transaction: neither is kept without its photos, nor its photos without it.
 * Photos about the answer are marked with the answer's review stage, as a rating's evidence is.
 * Only the citizen's own files are taken (see attachSenderPhotos).
 */
async function attachCitizenPhotos(
  tx: PlainStatements,
  subject: { readonly id: string; readonly reviewStage: number },
  timeline: readonly TimelineEntry[],
): Promise<void> {
  for (const entry of timeline) {
    if (entry.kind !== "supplemented" && entry.kind !== "answer_commented") continue;
    const sender = entry.actor.kind === "citizen" ? parseCitizenRef(entry.actor.id) : null;
    const photoIds = entry.data.photoIds ?? [];
    if (!sender || photoIds.length === 0) continue;
    const ratingStage = entry.kind === "answer_commented" ? subject.reviewStage : null;
    await attachSenderPhotos(tx, { caseId: subject.id, ratingStage }, sender, photoIds, entry.at);
  }
}

/**
 * Keeps a new routing proposal as the case's newest chosen suggestion, carrying the
 * classifier's figures of the one before; the first one stays, for learning from clerks.
 * `clerkRegion`: the region a clerk set by this decision (its explanation then says so).
 */
async function recordProposal(
  tx: Tx,
  caseId: string,
  categoryCode: string,
  proposal: ProposedRouting,
  clerkRegion: string | null | undefined,
): Promise<void> {
  const shown = await tx.routingSuggestion.findFirst({
    where: { caseId, chosen: true },
    orderBy: { createdAt: "desc" },
  });
  // The classifier's figures speak for its category only: after a clerk's recategorisation,
  // the category is the clerk's (as the submitter records a citizen's own choice).
  const classifier = shown?.categoryCode === categoryCode ? shown : null;
  const explanation = carriedExplanation(shown?.explanation, classifier !== null, clerkRegion);
  await tx.routingSuggestion.create({
    data: {
      caseId,
      categoryCode,
      regionCode: proposal.regionCode,
      unitId: proposal.unitId,
      flagged: proposal.flagged,
      chosen: true,
      confidence: classifier?.confidence ?? 1,
      method: classifier?.method ?? "citizen",
      rationale: classifier?.rationale ?? "",
      ...(explanation && { explanation }),
      alternatives: shown?.alternatives ?? [],
      unsure: classifier?.unsure ?? false,
      language: shown?.language ?? null,
    },
  });
}

/**
 * The explanation a new proposal carries from the one before: all of it while the category is
 * the classifier's, else the region alone; a region a clerk set is said as the clerk's. Null
 * when the one before had none (kept before explanations were facts, or unreadable).
 */
function carriedExplanation(
  stored: unknown,
  classifierCategory: boolean,
  clerkRegion: string | null | undefined,
): ExplanationFact[] | null {
  const before = ExplanationSchema.safeParse(stored);
  if (!before.success) return null;
  const region = regionFactOf(before.data);
  let facts: ExplanationFact[] = classifierCategory ? before.data : region ? [region] : [];
  if (clerkRegion !== undefined) {
    facts = withRegionFact(
      facts,
      clerkRegion === null
        ? { kind: "region_unknown" }
        : { kind: "region", region: clerkRegion, source: "clerk", evidence: [] },
    );
  }
  return facts;
}

async function recordRatingAndReview(
  tx: Tx,
  caseId: string,
  reviewStage: number,
  decision: Decision,
): Promise<void> {
  const { changes } = decision;
  if (changes.solved != null && changes.satisfaction != null) {
    await tx.rating.create({
      data: {
        caseId,
        reviewStage,
        solved: changes.solved,
        satisfaction: changes.satisfaction,
        ...(changes.ratedAt && { createdAt: changes.ratedAt }),
      },
    });
  }
  for (const entry of decision.timeline) {
    if (entry.kind === "review_requested" && changes.reviewDueAt) {
      await tx.reviewRequest.create({
        data: {
          caseId,
          stage: reviewStage,
          // The citizen gives no reason when asking for a review.
          reason: "",
          requestedAt: entry.at,
          dueAt: changes.reviewDueAt,
        },
      });
    }
    if (entry.kind === "review_answered") {
      await tx.reviewRequest.updateMany({
        where: { caseId, stage: reviewStage },
        data: {
          answeredAt: entry.at,
          outcome: changes.answerOutcome ?? null,
          answerText: changes.answerText ?? null,
        },
      });
    }
  }
}
