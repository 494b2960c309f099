import type { AnswerOutcome, OtherChannel } from "../domain/lifecycle/case-status.ts";
import type { DeadlineClock } from "../domain/lifecycle/notifications.ts";
import { MACHINE_TRANSLATION_HEADING } from "../i18n/en.ts";
import { labelOf } from "../i18n/labels.ts";
import type { NotificationCatalog, NotificationView } from "./message-catalog.ts";

const OUTCOME: Record<AnswerOutcome, string> = {
  support: "your request is supported",
  explain: "with an explanation of the situation",
  reject: "your request is not supported",
};

const OTHER_CHANNEL: Record<OtherChannel, string> = {
  court: "a court",
  arbitration: "arbitration",
  administrative_review: "an administrative review",
  discipline: "the discipline inspection authorities",
  other_procedure: "another legal procedure",
};

const CLOCK: Record<DeadlineClock, string> = {
  acceptance: "acceptance",
  handling: "handling",
  review: "review",
};

const REVIEW = ["", "review", "second review"] as const;

/** Until when the answer may be taken to a review, or, of a consultation, that a complaint may follow; null when neither. */
function reviewUntil(v: NotificationView): string | null {
  if (v.nextStep === "may_request_review") {
    return `If you are not satisfied, you may ask for a review by ${v.due ?? "within 30 days"}.`;
  }
  if (v.nextStep === "may_file_complaint") {
    return "A question's answer is not reviewed. If it does not settle the matter, you may file it as a complaint.";
  }
  if (v.nextStep === "may_request_second_review") {
    return `If you are not satisfied, you may ask for a second review by ${v.due ?? "within 30 days"}.`;
  }
  return null;
}

/** Ends a quoted reason with a full stop unless it already has one. */
function sentence(text: string | null): string {
  const trimmed = (text ?? "").trim();
  return /[。！？.!?]$/u.test(trimmed) ? trimmed : `${trimmed}.`;
}

const yours = (v: NotificationView) =>
  `Your ${v.consultation ? "question" : "report"} (no. ${v.trackingNo})`;

/** English: the same facts as the Chinese texts, in plain words. */
/** What the citizen added (an addition, or with an urge), for the unit: words, photos, what they tell. */
function additionLines(v: NotificationView): string[] {
  const photos = v.supplementPhotos;
  return [
    ...(v.supplementText === null
      ? photos > 0
        ? [`They added ${photos} photo(s) without words: open them in the console.`]
        : []
      : [`They added: ${v.supplementText}`]),
    ...(v.supplementText !== null && photos > 0
      ? [`With ${photos} photo(s): open them in the console.`]
      : []),
    ...(v.urgent
      ? [
          "The addition tells of an immediate danger: the case is now urgent, please handle it first.",
        ]
      : []),
    ...(v.group === null ? [] : [`The addition tells of more people affected: ${v.group}.`]),
  ];
}

export const notificationsEn: NotificationCatalog = {
  received: (v) =>
    `${yours(v)} has been received. We will decide whether to accept it${
      v.due === null ? " soon" : ` by ${v.due}`
    } and tell you here.`,
  accepted: (v) =>
    v.urgent && v.unitName !== null
      ? `${yours(v)} has been accepted. It tells of a danger, so ${v.unitName} has been asked to handle it first. ${v.due === null ? "You will get an answer here." : `You will get an answer by ${v.due} at the latest.`}`
      : `${yours(v)} has been accepted${
          v.unitName === null
            ? " and is being passed to the responsible office"
            : ` and passed to ${v.unitName}`
        }. ${v.due === null ? "You will get an answer here." : `You should get an answer by ${v.due}.`}`,
  transferred: (v) =>
    `${yours(v)} is now with ${v.unitName ?? "the responsible office"}. ${
      v.due === null ? "You will get an answer here." : `You should get an answer by ${v.due}.`
    }`,
  not_accepted: (v) =>
    [
      `${yours(v)} cannot be accepted.`,
      `Reason: ${sentence(v.reason)}`,
      v.otherChannel === null
        ? "If you have questions, call 12345."
        : `Please turn to ${OTHER_CHANNEL[v.otherChannel]}. If you need help, call 12345.`,
    ].join("\n"),
  in_progress: (v) =>
    `${yours(v)} is now being handled. ${
      v.due === null ? "You will get an answer here." : `You should get an answer by ${v.due}.`
    }`,
  progress: (v) =>
    [
      `${yours(v)} has a progress update: ${sentence(v.progressNote)}`,
      v.due === null ? "You will get an answer here." : `You should get an answer by ${v.due}.`,
    ].join("\n"),
  extended: (v) =>
    [
      `${yours(v)} needs more time: handling is extended by ${v.extensionDays ?? 0} days.${
        v.due === null ? "" : ` You should get an answer by ${v.due}.`
      }`,
      `Reason: ${sentence(v.reason)}`,
    ].join("\n"),
  answered: (v) => {
    const what = v.reviewStage === 0 ? "an answer" : `a ${REVIEW[v.reviewStage]} opinion`;
    const outcome = v.outcome === null ? "" : ` (${OUTCOME[v.outcome]})`;
    const next = reviewUntil(v) ?? "This second review opinion is final.";
    const promise =
      v.promisedBy === null ? "" : `The office promises to have it done by ${v.promisedBy}.\n`;
    return `${yours(v)} has ${what}${outcome}. It follows in the next message.\n${promise}${next}`;
  },
  answer_follow_up: (v) => {
    const answer = v.reviewStage === 0 ? "answer" : `${REVIEW[v.reviewStage]} opinion`;
    const asked =
      v.promisedBy !== null
        ? `The ${answer} to no. ${v.trackingNo} said it would be done by ${v.promisedBy}. Has your problem been solved now?`
        : `No. ${v.trackingNo} was given its ${answer} on ${v.answeredOn ?? ""}. Has your problem been solved?`;
    return [asked, reviewUntil(v)].filter((line) => line !== null).join("\n");
  },
  review_received: (v) =>
    `Your request for a ${REVIEW[v.reviewStage] || "review"} of no. ${v.trackingNo} has been received. ${
      v.due === null ? "We will answer soon." : `We will answer by ${v.due}.`
    }`,
  closed: (v) =>
    v.nextStep === "may_request_review" || v.nextStep === "may_request_second_review"
      ? `${yours(v)} is closed. If you are not satisfied, you may still ask for a ${
          v.nextStep === "may_request_review" ? "review" : "second review"
        } by ${v.due ?? "within 30 days"}.`
      : `${yours(v)} is closed. Thank you for telling us.`,
  merged: (v) =>
    `${yours(v)} is about the same matter as no. ${v.mergedInto ?? ""} and is handled together with it. Please follow no. ${v.mergedInto ?? ""} from now on.`,
  withdrawn: (v) => `${yours(v)} has been withdrawn as you asked and will not be handled further.`,
  query_code_reset: (v) =>
    [
      `Someone entered a wrong query code for ${yours(v).replace(/^Your/, "your")} several times. To protect your information, its query code is now: ${v.queryCode ?? ""}`,
      "The old code no longer works. Keep the new one to yourself.",
    ].join("\n"),

  assigned: (v) =>
    [
      `${v.urgent ? "[Urgent] " : ""}[${v.reviewStage === 0 ? "New case" : `New ${REVIEW[v.reviewStage]}`}] Case ${v.trackingNo}${
        v.caseClass === null ? "" : ` (${labelOf("caseClass", v.caseClass, "en").toLowerCase()})`
      } is assigned to your unit${v.due === null ? "." : `; answer by ${v.due}.`}`,
      v.urgent ? "The citizen reports an immediate danger: please handle it first." : "",
      v.returnDue === null
        ? ""
        : `If it is outside your unit's duties, return it by ${v.returnDue}.`,
    ]
      .filter((line) => line !== "")
      .join("\n"),
  unassigned: (v) =>
    v.status === "withdrawn"
      ? `[Withdrawn] Case ${v.trackingNo} was withdrawn by the person who filed it; your unit need not handle it further.`
      : v.status === "merged"
        ? `[Merged] Case ${v.trackingNo} is handled together with another case; your unit need not handle it.`
        : `[Reassigned] Case ${v.trackingNo} now goes to another unit; your unit need not handle it.`,
  supplemented: (v) =>
    [
      `${v.urgent ? "[Urgent] " : ""}[Addition] The person who filed case ${v.trackingNo} added to it; please take it into account${
        v.due === null ? "." : ` (due ${v.due}).`
      }`,
      ...additionLines(v),
    ].join("\n"),
  urged: (v) =>
    [
      `${v.urgent ? "[Urgent] " : ""}[Urged] The person who filed case ${v.trackingNo} urges it on (urge no. ${
        v.urgeOrdinal ?? 1
      }); please handle it soon${v.due === null ? "." : ` (due ${v.due}).`}`,
      ...additionLines(v),
    ].join("\n"),
  urgency_changed: (v) =>
    v.urgent
      ? `[Urgent] [Made urgent] The staff found an immediate danger in case ${v.trackingNo}: it is now urgent, please handle it first${
          v.due === null ? "." : ` (due ${v.due}).`
        }`
      : `[No longer urgent] The staff found no immediate danger in case ${v.trackingNo}: it is an ordinary case again, to be handled by its deadline${
          v.due === null ? "." : ` (due ${v.due}).`
        }`,
  reminder: (v) =>
    v.audience === "unit"
      ? `[Reminder] The ${CLOCK[v.clock ?? "handling"]} deadline of case ${v.trackingNo} is ${v.due ?? "—"}.`
      : `[Reminder] Case ${v.trackingNo} needs a ${CLOCK[v.clock ?? "acceptance"]} decision by ${v.due ?? "—"}.`,

  new_case: (v) =>
    `[New case] Case ${v.trackingNo}${
      v.caseClass === null ? "" : ` (${labelOf("caseClass", v.caseClass, "en").toLowerCase()})`
    } was filed; decide whether to accept and route it${v.due === null ? " soon" : ` by ${v.due}`}.`,
  returned: (v) =>
    [
      `[Returned] Case ${v.trackingNo} was returned by ${v.unitName ?? "the unit"}.`,
      `Reason: ${sentence(v.reason)}`,
      `Please route it again${v.due === null ? "." : `; the handling deadline is ${v.due}.`}`,
    ].join("\n"),
  review_to_route: (v) =>
    `[${REVIEW[v.reviewStage] || "review"} requested] Case ${v.trackingNo}${
      v.unitName === null ? "" : ` (handled by ${v.unitName})`
    } needs routing${v.due === null ? "." : `; the answer is due by ${v.due}.`}`,
  escalation: (v) =>
    `[Overdue] The ${CLOCK[v.clock ?? "handling"]} deadline of case ${v.trackingNo} (${v.due ?? "—"}) passed ${
      v.overdueDays ?? 0
    } days ago${v.unitName === null ? "" : ` (${v.unitName})`}. Please follow it up.`,

  answerHeading: ({ reviewStage }) =>
    reviewStage === 0
      ? "Answer:"
      : `${REVIEW[reviewStage] === "review" ? "Review" : "Second review"} opinion:`,
  machineTranslationHeading: MACHINE_TRANSLATION_HEADING,
  statusLink: ({ url }) => `Progress, answer and rating (with your query code): ${url}`,
  unitPhotos: ({ trackingNo, count }) =>
    `${count === 1 ? "A photo" : `${count} photos`} from the office handling ${trackingNo}`,
};
