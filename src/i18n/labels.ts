/**
 * The one zh/en label of every value of the domain's closed lists
 * (src/domain/vocabulary.ts): server messages, CSV exports, chat cards and the
 * console (through GET /api/reference) all read them here. Each table is typed
 * by its tuple, so a value without both labels does not compile.
 */
import type {
  AnswerOutcome,
  CitizenNoticeKind,
  NoticeRoute,
  CaseClass,
  CaseStatus,
  CaseChannel,
  DeadlineClock,
  OtherChannel,
  RegionSource,
  RoutingMethod,
  RoutingNote,
  Satisfaction,
  GroupUnit,
  RequestKind,
  WholeGroup,
} from "../domain/vocabulary.ts";
import type { DetectedLanguage } from "../domain/classification.ts";
import type { DUPLICATE_REASONS } from "../domain/places/duplicates.ts";
import type { TimelineFact } from "../domain/lifecycle/timeline.ts";
import type { CommandType } from "../domain/lifecycle/commands.ts";
import type { ReviewStage } from "../domain/lifecycle/case-status.ts";

export type LabelLocale = "zh" | "en";

export interface Label {
  readonly zh: string;
  readonly en: string;
}

/** A label for each value of `T`, no more and no fewer. */
export type LabelTable<T extends string> = Readonly<Record<T, Label>>;

const STATUS: LabelTable<CaseStatus> = {
  submitted: { zh: "待受理", en: "Submitted" },
  not_accepted: { zh: "不予受理", en: "Not accepted" },
  accepted: { zh: "已受理", en: "Accepted" },
  assigned: { zh: "已交办", en: "Assigned" },
  in_progress: { zh: "办理中", en: "In progress" },
  returned: { zh: "已退回", en: "Returned" },
  answered: { zh: "已答复", en: "Answered" },
  under_review: { zh: "复查复核中", en: "Under review" },
  closed: { zh: "已办结", en: "Closed" },
  merged: { zh: "已合并", en: "Merged" },
  withdrawn: { zh: "已撤回", en: "Withdrawn" },
};

const OUTCOME: LabelTable<AnswerOutcome> = {
  support: { zh: "支持", en: "Supported" },
  explain: { zh: "解释说明", en: "Explained" },
  reject: { zh: "不予支持", en: "Not supported" },
};

/** The regulation's words: 建议意见类, 检举控告类, 申诉求决类. */
const CASE_CLASS: LabelTable<CaseClass> = {
  suggestion: { zh: "建议意见", en: "Suggestion" },
  report: { zh: "检举控告", en: "Report" },
  request: { zh: "申诉求决", en: "Request" },
};

const OTHER_CHANNEL: LabelTable<OtherChannel> = {
  court: { zh: "诉讼（人民法院）", en: "Court" },
  arbitration: { zh: "仲裁", en: "Arbitration" },
  administrative_review: { zh: "行政复议", en: "Administrative review" },
  discipline: { zh: "纪检监察机关", en: "Discipline body" },
  other_procedure: { zh: "其他法定途径", en: "Other legal procedure" },
};

const SATISFACTION: LabelTable<Satisfaction> = {
  satisfied: { zh: "满意", en: "Satisfied" },
  basically_satisfied: { zh: "基本满意", en: "Basically satisfied" },
  dissatisfied: { zh: "不满意", en: "Dissatisfied" },
};

const CHANNEL: LabelTable<CaseChannel> = {
  telegram: { zh: "Telegram", en: "Telegram" },
  wecom: { zh: "企业微信", en: "WeCom" },
  web: { zh: "网页", en: "Web" },
  open311: { zh: "其他系统接口", en: "Open311 API" },
  phone: { zh: "来电登记", en: "Phone call (registered by a clerk)" },
  visit: { zh: "来访登记", en: "Visit (registered by a clerk)" },
};

const METHOD: LabelTable<RoutingMethod> = {
  rules: { zh: "关键词规则", en: "Keyword rules" },
  model: { zh: "统计模型", en: "Statistical model" },
  llm: { zh: "大模型", en: "LLM" },
  citizen: { zh: "群众自选类别", en: "Chosen by the citizen" },
};

const CLOCK: LabelTable<DeadlineClock> = {
  acceptance: { zh: "受理", en: "Acceptance" },
  handling: { zh: "办理", en: "Handling" },
  review: { zh: "复查复核", en: "Review" },
};

const ROUTING_NOTE: LabelTable<RoutingNote> = {
  discipline_body: {
    zh: "反映公职人员问题，交纪检监察机关，不交被反映单位",
    en: "A report against officials: the discipline body, never the unit reported on",
  },
  unknown_category: { zh: "类别无法识别，转人工分办", en: "Unknown category: manual triage" },
  region_unknown: {
    zh: "地区不明，暂交市本级，请确认地区",
    en: "Region unknown: city level; confirm the region",
  },
  no_unit_in_region: {
    zh: "该地区无此部门的承办单位，暂交市本级",
    en: "No unit of the department in the region: city level",
  },
};

const REGION_SOURCE: LabelTable<RegionSource> = {
  text: { zh: "群众所述", en: "The citizen's words" },
  coordinates: { zh: "位置坐标", en: "The shared location" },
  clerk: { zh: "工作人员确定", en: "A clerk" },
};

const NOTICE_KIND: LabelTable<CitizenNoticeKind> = {
  received: { zh: "收到反映", en: "Received" },
  accepted: { zh: "已受理", en: "Accepted" },
  transferred: { zh: "转交办理单位", en: "Passed to an office" },
  not_accepted: { zh: "不予受理", en: "Not accepted" },
  in_progress: { zh: "开始办理", en: "Handling started" },
  progress: { zh: "办理进展", en: "Progress" },
  extended: { zh: "延期办理", en: "Extended" },
  answered: { zh: "答复意见", en: "Answer" },
  answer_follow_up: { zh: "询问是否解决", en: "Was it solved?" },
  review_received: { zh: "收到复查复核申请", en: "Review request received" },
  closed: { zh: "已办结", en: "Closed" },
  merged: { zh: "已合并", en: "Merged" },
  withdrawn: { zh: "已撤回", en: "Withdrawn" },
  query_code_reset: { zh: "新查询码", en: "New query code" },
};

const NOTICE_ROUTE: LabelTable<NoticeRoute> = {
  chat: { zh: "已发到聊天", en: "Sent to the chat" },
  sms: { zh: "已改发短信", en: "Sent by SMS instead" },
  not_reachable: { zh: "未能送达，请电话联系", en: "Not reachable: call the citizen" },
  pending: { zh: "发送中", en: "Being sent" },
};

const LANGUAGE: LabelTable<DetectedLanguage> = {
  zh: { zh: "简体中文", en: "Simplified Chinese" },
  zh_hant: { zh: "繁体中文", en: "Traditional Chinese" },
  en: { zh: "英文", en: "English" },
  pinyin: { zh: "拼音", en: "Pinyin" },
  unknown: { zh: "无法识别", en: "Unknown" },
};

/** Why two cases look alike; the figures (metres, days, similarity) follow the words. */
const DUPLICATE_REASON: LabelTable<(typeof DUPLICATE_REASONS)[number]> = {
  near: { zh: "位置相近", en: "Near each other" },
  same_place: { zh: "同一地点", en: "Same place" },
  same_party: { zh: "同一对象", en: "Same party" },
  same_road: { zh: "同一道路", en: "Same road" },
  similar_text: { zh: "描述相似", en: "Similar words" },
  same_topic: { zh: "同一问题", en: "Same problem" },
  same_citizen: { zh: "同一反映人", en: "Same citizen" },
  same_category: { zh: "同一类别", en: "Same category" },
  days_apart: { zh: "相隔天数", en: "Days apart" },
};

/**
 * What each entry of a case's history (its timeline) is called: the console's history and the
 * staff cards' 处理记录 both read it. Staff-facing, short, the same verb as the action that
 * wrote it (标为紧急 / 取消紧急, 报告进展 / 办理进展).
 */
const TIMELINE: LabelTable<TimelineFact["kind"]> = {
  submitted: { zh: "群众登记", en: "Filed by citizen" },
  accepted: { zh: "受理", en: "Accepted" },
  not_accepted: { zh: "不予受理", en: "Not accepted" },
  assigned: { zh: "交办", en: "Assigned" },
  reassigned: { zh: "改派", en: "Reassigned" },
  started: { zh: "开始办理", en: "Handling started" },
  progress: { zh: "办理进展", en: "Progress update" },
  returned: { zh: "退回", en: "Returned" },
  extended: { zh: "延期", en: "Extended" },
  answered: { zh: "答复", en: "Answered" },
  review_requested: { zh: "申请复查复核", en: "Review requested" },
  review_answered: { zh: "复查复核答复", en: "Review answered" },
  closed: { zh: "办结", en: "Closed" },
  merged: { zh: "合并到", en: "Merged into" },
  merged_from: { zh: "合并入本件", en: "Merged into this case" },
  withdrawn: { zh: "撤回反映", en: "Withdrawn" },
  supplemented: { zh: "群众补充", en: "Citizen's addition" },
  urged: { zh: "群众催办", en: "Urged by citizen" },
  contact_changed: { zh: "群众更新联系电话", en: "Citizen's phone number changed" },
  made_urgent: { zh: "标为紧急", en: "Marked urgent" },
  group_grown: { zh: "涉及人数增加", en: "More people affected" },
  urgency_lifted: { zh: "取消紧急", en: "Urgency lifted" },
  rated: { zh: "群众评价", en: "Rated by citizen" },
  answer_followed_up: {
    zh: "询问群众是否解决",
    en: "Citizen asked whether it was solved",
  },
  answer_commented: { zh: "群众对答复的意见", en: "Citizen's words on the answer" },
  recategorized: { zh: "调整类别", en: "Category changed" },
  reclassified: { zh: "调整性质", en: "Class changed" },
  region_changed: { zh: "更正地区", en: "Region corrected" },
  reminded: { zh: "催办提醒", en: "Reminder" },
  escalated: { zh: "超期督办", en: "Escalated" },
  supported: { zh: "附议", en: "Supported" },
  support_withdrawn: { zh: "撤回附议", en: "Support withdrawn" },
  query_code_reset: { zh: "查询码已重置", en: "Query code reset" },
};

/** What a group complaint's count counts (群体诉求：约 10 人以上 / 约 200 户以上). */
/** 反映 (a matter to put right) or 咨询 (a question to answer), as 12345 registers them. */
const REQUEST_KIND: LabelTable<RequestKind> = {
  complaint: { zh: "反映", en: "Complaint" },
  consultation: { zh: "咨询", en: "Consultation" },
};

const GROUP_UNIT: LabelTable<GroupUnit> = {
  people: { zh: "人", en: "people" },
  households: { zh: "户", en: "households" },
};

/** The whole collective a group complaint names, as a clerk would say it. */
const WHOLE_GROUP: LabelTable<WholeGroup> = {
  village: { zh: "全村", en: "whole village" },
  building: { zh: "整栋楼", en: "whole building" },
  stairwell: { zh: "整个单元", en: "whole stairwell" },
  estate: { zh: "全小区", en: "whole estate" },
  street: { zh: "整条街", en: "whole street" },
  workplace: { zh: "全体职工", en: "whole workforce" },
};

/**
 * The two reviews a citizen may ask for (《信访工作条例》 art. 35): 复查 of the answer, then 复核
 * of the 复查 opinion. The chats, notices, staff cards and the console name them so.
 */
const REVIEW_STAGE: LabelTable<`${Exclude<ReviewStage, 0>}`> = {
  1: { zh: "复查", en: "Review" },
  2: { zh: "复核", en: "Second review" },
};

/** The commands only citizens or the system give: no staff member's button names them. */
type NotStaffCommand =
  | "withdraw"
  | "supplement"
  | "urge"
  | "change_contact"
  | "request_review"
  | "rate"
  | "comment_on_answer"
  | "remind"
  | "escalate"
  | "follow_up_answer";

/**
 * What staff press: every command a clerk or handler gives (src/domain/lifecycle/commands.ts),
 * and lift_urgency, set_urgency's other way, named on its own. The console's buttons and
 * dialogs and the chat cards' buttons say these words.
 */
export type StaffAction = Exclude<CommandType, NotStaffCommand> | "lift_urgency";

const ACTION: LabelTable<StaffAction> = {
  accept: { zh: "受理", en: "Accept" },
  route: { zh: "确认交办", en: "Confirm routing" },
  assign: { zh: "交办", en: "Assign" },
  reassign: { zh: "改派", en: "Reassign" },
  not_accept: { zh: "不予受理", en: "Not accepted" },
  merge: { zh: "合并", en: "Merge" },
  recategorize: { zh: "调整类别", en: "Change category" },
  set_class: { zh: "调整性质", en: "Change class" },
  set_region: { zh: "更正地区", en: "Correct region" },
  set_urgency: { zh: "标为紧急", en: "Mark urgent" },
  lift_urgency: { zh: "取消紧急", en: "Lift urgency" },
  close: { zh: "办结", en: "Close" },
  start: { zh: "开始办理", en: "Start handling" },
  report_progress: { zh: "报告进展", en: "Report progress" },
  answer: { zh: "答复", en: "Answer" },
  extend: { zh: "申请延期", en: "Extend" },
  return: { zh: "退回", en: "Return" },
};

/** Every label table, by the name the console reads it under (`labels.status.closed.zh`). */
export const LABELS = {
  status: STATUS,
  outcome: OUTCOME,
  caseClass: CASE_CLASS,
  otherChannel: OTHER_CHANNEL,
  satisfaction: SATISFACTION,
  channel: CHANNEL,
  method: METHOD,
  clock: CLOCK,
  routingNote: ROUTING_NOTE,
  regionSource: REGION_SOURCE,
  noticeKind: NOTICE_KIND,
  noticeRoute: NOTICE_ROUTE,
  language: LANGUAGE,
  duplicateReason: DUPLICATE_REASON,
  timeline: TIMELINE,
  action: ACTION,
  reviewStage: REVIEW_STAGE,
  groupUnit: GROUP_UNIT,
  wholeGroup: WHOLE_GROUP,
  requestKind: REQUEST_KIND,
} as const;

export type LabelKind = keyof typeof LABELS;

/** The words of one value of list `kind` in `locale`. */
export function labelOf<K extends LabelKind>(
  kind: K,
  value: keyof (typeof LABELS)[K] & string,
  locale: LabelLocale,
): string {
  const table: Readonly<Record<string, Label>> = LABELS[kind];
  return table[value]![locale];
}

/** 复查 or 复核 ("Review" / "Second review"): what the review of stage `stage` is called. */
export function reviewName(stage: Exclude<ReviewStage, 0>, locale: LabelLocale): string {
  return labelOf("reviewStage", `${stage}`, locale);
}
