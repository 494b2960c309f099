/**
 * The closed value lists of the domain, each written once as a tuple. Types,
 * zod enums and label tables (src/i18n/labels.ts) are derived from these;
 * nothing else spells the values out.
 */

/**
 * The states of a case (信访事项); see lifecycle/case-status.ts for what each means
 * and lifecycle/transitions.ts for the moves between them.
 */
export const CASE_STATUSES = [
  "submitted",
  "not_accepted",
  "accepted",
  "assigned",
  "in_progress",
  "returned",
  "answered",
  "under_review",
  "closed",
  "merged",
  "withdrawn",
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** 支持 / 解释说明 / 不予支持. */
export const ANSWER_OUTCOMES = ["support", "explain", "reject"] as const;
export type AnswerOutcome = (typeof ANSWER_OUTCOMES)[number];

/** 建议意见 / 检举控告 / 申诉求决 (《信访工作条例》 art. 17). */
export const CASE_CLASSES = ["suggestion", "report", "request"] as const;
export type CaseClass = (typeof CASE_CLASSES)[number];

/**
 * What the citizen asks for: a matter put right (反映: a complaint, a report, a suggestion), or an
 * answer to a question about a policy or a procedure (咨询), due sooner and never reviewed.
 */
export const REQUEST_KINDS = ["complaint", "consultation"] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** The procedure a not-accepted matter belongs to (诉讼, 仲裁, 行政复议, 纪检监察, 其他法定途径). */
export const OTHER_CHANNELS = [
  "court",
  "arbitration",
  "administrative_review",
  "discipline",
  "other_procedure",
] as const;
export type OtherChannel = (typeof OTHER_CHANNELS)[number];

/** 满意 / 基本满意 / 不满意. */
export const SATISFACTIONS = ["satisfied", "basically_satisfied", "dissatisfied"] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

/** The chat channels a citizen files through. */
export const CHANNELS = ["telegram", "wecom", "web"] as const;
export type ChannelName = (typeof CHANNELS)[number];

/**
 * How a citizen came when a clerk registered their case in the console: they phoned (来电) or
 * walked in (来访). No chat reaches them: their notices go by SMS only, when they left a mobile.
 */
export const CLERK_CHANNELS = ["phone", "visit"] as const;
export type ClerkChannel = (typeof CLERK_CHANNELS)[number];

/**
 * Where a case came from: a chat channel, another system through Open311 (/open311/v2), or a
 * call or visit a clerk registered.
 */
export const CASE_CHANNELS = [...CHANNELS, "open311", ...CLERK_CHANNELS] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];
/** What a staff member may do: route cases (clerk), handle their unit's (handler), manage (admin). */
export const STAFF_ROLES = ["clerk", "handler", "admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** How a classifier reached its answer. */
export const CLASSIFICATION_METHODS = ["rules", "model", "llm"] as const;
export type ClassificationMethod = (typeof CLASSIFICATION_METHODS)[number];

/** How the routing shown to the clerk was chosen: by a classifier, or by the citizen. */
export const ROUTING_METHODS = [...CLASSIFICATION_METHODS, "citizen"] as const;
export type RoutingMethod = (typeof ROUTING_METHODS)[number];

/**
 * Why a routing needs the clerk's eye, beside the unit it chose: a report against
 * officials goes to the discipline body; an unknown category goes to manual triage;
 * an unknown region, or one without a unit of the department, goes to the city level.
 */
export const ROUTING_NOTES = [
  "discipline_body",
  "unknown_category",
  "region_unknown",
  "no_unit_in_region",
] as const;
export type RoutingNote = (typeof ROUTING_NOTES)[number];

/** The deadline a case runs against: 受理, 办理, 复查复核. */
export const DEADLINE_CLOCKS = ["acceptance", "handling", "review"] as const;
export type DeadlineClock = (typeof DEADLINE_CLOCKS)[number];

/** What decided a case's region: the citizen's words, a shared location, or a clerk. */
export const REGION_SOURCES = ["text", "coordinates", "clerk"] as const;
export type RegionSource = (typeof REGION_SOURCES)[number];

/**
 * How precisely a time the citizen gave is known: to the day ("昨天", "上周三", "前几天"), the
 * month ("三个月前", "上个月"), the season ("去年夏天") or the year ("去年", "好几年了"). The
 * day kept beside it is the span's start or a point in it; it is shown no more precisely.
 */
// Finest first: a later time that says more replaces a vaguer one (intake/time-step.ts).
export const TIME_PRECISIONS = ["day", "month", "season", "year"] as const;
export type TimePrecision = (typeof TIME_PRECISIONS)[number];

/** Whom a group complaint's count counts: people (人) or households (户, 家住户). */
export const GROUP_UNITS = ["people", "households"] as const;
export type GroupUnit = (typeof GROUP_UNITS)[number];

/**
 * The whole collective a complaint speaks for, named without a number: 全村, 整栋楼, 一个单元
 * (the households of one stairwell), 全小区, 整条街, 全厂 / 全体职工 (a workplace).
 */
export const WHOLE_GROUPS = [
  "village",
  "building",
  "stairwell",
  "estate",
  "street",
  "workplace",
] as const;
export type WholeGroup = (typeof WHOLE_GROUPS)[number];

/** The notices a decision sends to the citizen (有信必复). */
export const CITIZEN_NOTICE_KINDS = [
  "received",
  "accepted",
  /** The case handed to a unit after its acceptance, or to another unit: who has it now. */
  "transferred",
  "not_accepted",
  "in_progress",
  "progress",
  "extended",
  "answered",
  /** The answer's one follow-up while it is unrated (answer-follow-up.ts): is it solved? */
  "answer_follow_up",
  "review_received",
  "closed",
  "merged",
  "withdrawn",
  "query_code_reset",
] as const;
export type CitizenNoticeKind = (typeof CITIZEN_NOTICE_KINDS)[number];

/**
 * Where a notice to the citizen went: their chat, an SMS in its place, nowhere (the chat could
 * not take it and no SMS went), or not yet decided (still being delivered).
 */
export const NOTICE_ROUTES = ["chat", "sms", "not_reachable", "pending"] as const;
export type NoticeRoute = (typeof NOTICE_ROUTES)[number];

/**
 * The language a complaint was written in, as the offline classifier detected it:
 * simplified or traditional Chinese characters, English, pinyin typed without a
 * Chinese keyboard, or unknown (emoji, digits, a stray word).
 */
export const DETECTED_LANGUAGES = ["zh", "zh_hant", "en", "pinyin", "unknown"] as const;
export type DetectedLanguage = (typeof DETECTED_LANGUAGES)[number];
