/**
 * The texts clerks and unit handlers read in their chats: the case cards,
 * button labels, questions and the answers to their button presses.
 * Staff work in Simplified Chinese.
 */
import type {
  CardHistoryKind,
  ClerkCard,
  HistoryEntry,
  DirectoryNames,
  UnitCard,
} from "../cases/case-cards.ts";
import type { ReviewProposal } from "../cases/routing-suggestion.ts";
import { confidencePercent } from "../domain/classification.ts";
import type { PlaceOutsideCity } from "../domain/places/elsewhere.ts";
import type { AnswerOutcome, CaseStatus } from "../domain/lifecycle/case-status.ts";
import { ANSWER_OUTCOMES, type CaseClass } from "../domain/vocabulary.ts";
import { labelOf, reviewName, type StaffAction } from "../i18n/labels.ts";
import {
  contactName,
  duplicateReasonText,
  formatDate,
  groupExtent,
  groupText,
  numberHolderNote,
  occurredDay,
  ongoingTime,
  placeOutsideCityText,
} from "../i18n/format.ts";

const STATUS = (status: CaseStatus) => labelOf("status", status, "zh");
const OUTCOME = (outcome: AnswerOutcome) => labelOf("outcome", outcome, "zh");
const ACTION = (action: StaffAction) => labelOf("action", action, "zh");

/** The description shown on a card is cut here: a card must fit one Telegram message. */
const DESCRIPTION_LIMIT = 1500;

/** Each addition shown is cut here, for the same reason. */
const ADDITION_LIMIT = 500;

function clip(text: string, limit = DESCRIPTION_LIMIT): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}…`;
}

/** A case whose region is not known. */
const NO_REGION = "未明确";

/** The citizen's name as the clerks read it: a surname said alone is said to be one. */
function nameShown(name: string | null): string {
  if (name === null) return "—";
  return contactName("zh", name);
}

const percent = (confidence: number) => `${confidencePercent(confidence)}%`;

function matterLines(card: UnitCard): string[] {
  const source =
    card.regionName && card.regionSource
      ? `（依据：${labelOf("regionSource", card.regionSource, "zh")}）`
      : "";
  const { location } = card;
  return [
    `类别：${card.categoryName}（${labelOf("caseClass", card.caseClass, "zh")}类）`,
    `地区：${card.regionName ?? NO_REGION}${source}`,
    ...(card.address ? [`地点：${card.address}`] : []),
    ...(location
      ? [
          `位置：${location.latitude.toFixed(5)}, ${location.longitude.toFixed(5)}${locatedInOf(card)}`,
        ]
      : []),
    ...(card.occurredText ? [`时间：${occurredOf(card)}`] : []),
    ...(card.photos > 0
      ? [`照片：${card.photos} 张${card.pageUrl ? `，在工作台查看：${card.pageUrl}` : ""}`]
      : []),
    ...(card.supporters > 0 ? [`附议：${card.supporters} 人`] : []),
    ...(card.urgeCount > 0 ? [`催办：${card.urgeCount} 次`] : []),
    "",
    "诉求内容：",
    clip(card.description),
    ...additionLines(card),
  ];
}

/** The citizen's newest additions (补充) under the description, as the console's timeline names them. */
function additionLines(card: UnitCard): string[] {
  if (card.additionCount === 0) return [];
  const shown = card.additions.length;
  const title =
    card.additionCount > shown
      ? `群众补充（共 ${card.additionCount} 条，最新 ${shown} 条）：`
      : "群众补充：";
  return [
    "",
    title,
    ...card.additions.map((a) => `${HISTORY_TIME.format(a.at)} ${additionWords(a)}`),
  ];
}

/** An addition's words, with its photos counted; photos added alone are said to be so. */
function additionWords(a: UnitCard["additions"][number]): string {
  if (a.text === null) return `（照片 ${a.photos} 张，没有文字）`;
  const words = clip(a.text, ADDITION_LIMIT);
  return a.photos > 0 ? `${words}（附照片 ${a.photos} 张）` : words;
}

/** Where the shared point lies, in brackets after it: the town, or honestly that none is known. */
function locatedInOf({ locatedIn }: UnitCard): string {
  if (!locatedIn) return "";
  if (!locatedIn.inCity) return "（不在本市范围内）";
  const { regionName, town } = locatedIn;
  return town ? `（${regionName}${town}）` : `（${regionName}，乡镇/街道不明）`;
}

/**
 * The mark before each kind of a card's history entry: a card's decoration only, its words are
 * the history's one label table (labelOf "timeline"), the console's too.
 */
const HISTORY_MARK: Readonly<Record<CardHistoryKind, string>> = {
  accepted: "✅",
  assigned: "📤",
  reassigned: "🔀",
  not_accepted: "⛔",
  merged: "🔗",
  started: "▶",
  progress: "📝",
  extended: "⏳",
  returned: "↩",
  answered: "💬",
  review_answered: "💬",
  closed: "📁",
  withdrawn: "🚫",
  made_urgent: "🚨",
  urgency_lifted: "🔕",
  group_grown: "👥",
  recategorized: "🏷",
  reclassified: "🏷",
  region_changed: "📍",
};

/** What a card's history entry says after who did it: its mark and the history's label. */
const historyLabel = (kind: CardHistoryKind) =>
  `${HISTORY_MARK[kind]} ${labelOf("timeline", kind, "zh")}`;

const change = (from: string, to: string) => `${from} → ${to}`;
const CLASS = (caseClass: CaseClass) => `${labelOf("caseClass", caseClass, "zh")}类`;

/**
 * A history entry's facts in words, names and not codes, then the words a person wrote (a
 * reason, a progress note); null when it has neither.
 */
function historyDetail({ fact, note }: HistoryEntry, names: DirectoryNames): string | null {
  switch (fact.kind) {
    case "assigned":
      return names.unit(fact.data.unitId);
    case "reassigned":
      return names.unit(fact.data.toUnitId);
    case "merged":
      return fact.data.intoTrackingNo;
    case "extended":
      return `${fact.data.days} 天${note ? `，${note}` : ""}`;
    case "made_urgent":
      // A clerk's mark has its reason as the note (none on a unit's card); the citizen's addition
      // that made the case urgent is listed under the description.
      return fact.data.cause === "supplement" ? "补充的情况有紧急危险" : note;
    case "group_grown": {
      const grown = groupExtent("zh", fact.data.to);
      return fact.data.from === null ? grown : change(groupExtent("zh", fact.data.from), grown);
    }
    case "recategorized": {
      const { fromCategory, toCategory, fromClass, toClass } = fact.data;
      const categories = change(names.category(fromCategory), names.category(toCategory));
      return fromClass === toClass
        ? categories
        : `${categories}（${change(CLASS(fromClass), CLASS(toClass))}）`;
    }
    case "reclassified":
      return change(CLASS(fact.data.from), CLASS(fact.data.to));
    case "region_changed":
      return change(
        names.region(fact.data.fromRegion) ?? NO_REGION,
        names.region(fact.data.toRegion) ?? NO_REGION,
      );
    default:
      return note;
  }
}

const HISTORY_TIME = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  month: "numeric",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/**
 * The routing suggestion, or — when the classifier was unsure — its top 3 to choose from,
 * never presented as a guess.
 */
function suggestionLines(card: ClerkCard): string[] {
  const s = card.suggestion;
  if (s === null) return ["建议交办：无"];
  const region = s.flagged ? "，地区不明，暂按市本级" : "";
  if (card.choices.length > 0) {
    return [
      `⚠ 分类不确定（最高把握 ${percent(s.confidence)}${region}），请从下列中选择：`,
      ...card.choices.map(
        (c, i) => `${i + 1}. ${c.categoryName} ${percent(c.confidence)} → ${c.unitName}`,
      ),
    ];
  }
  return [
    `建议交办：${s.unitName}（把握 ${percent(s.confidence)}${region}）`,
    ...(s.rationale === "" ? [] : [`理由：${s.rationale}`]),
    ...(card.alternatives.length === 0
      ? []
      : [
          `其他可能：${card.alternatives.map((a) => `${a.categoryName} ${percent(a.confidence)}`).join("、")}`,
        ]),
  ];
}

/**
 * What a clerk sees first, before the case's number: 【紧急】, 【咨询】 (a question answered in 5
 * working days), the many it speaks for (【群体诉求：约 30 人以上】) and a place outside the city
 * (【不在本市：郑州市】), so that none waits in the description.
 */
function marks(
  card: Pick<UnitCard, "isEmergency" | "requestKind" | "group" | "outsideCity">,
): string {
  const urgent = card.isEmergency ? "【紧急】" : "";
  const consultation = card.requestKind === "consultation" ? "【咨询】" : "";
  const group = card.group === null ? "" : `【${groupText("zh", card.group)}】`;
  const outside = card.outsideCity === null ? "" : `【${outsideCityText(card.outsideCity)}】`;
  return `${urgent}${consultation}${group}${outside}`;
}

/** "不在本市：郑州市", or for a point shared outside the city "不在本市：所发位置". */
function outsideCityText(outside: PlaceOutsideCity): string {
  return `不在本市：${placeOutsideCityText("zh", outside)}`;
}

/** The texts of the staff side. */
export const staffZh = {
  clerkCard(card: ClerkCard): string {
    return [
      `${marks(card)}【新反映】${card.trackingNo}（${STATUS(card.status)}）`,
      ...matterLines(card),
      "",
      card.contact === null
        ? "反映人：匿名"
        : `反映人：${nameShown(card.contact.name)}  电话：${card.contact.phone ?? "—"}${card.contact.holder ? numberHolderNote("zh", card.contact.holder) : ""}（仅限登记人员可见）`,
      ...suggestionLines(card),
      ...(card.duplicates.length === 0
        ? []
        : [
            `可能重复：${card.duplicates
              .map(
                (d) =>
                  `${d.trackingNo}（${d.reasons
                    .filter((r) => r.kind !== "same_category")
                    .map((r) => duplicateReasonText("zh", r))
                    .join("，")}，${STATUS(d.status)}）`,
              )
              .join("、")}`,
          ]),
    ].join("\n");
  },

  unitCard(card: UnitCard, heading: string): string {
    return [
      `${marks(card)}${heading} ${card.trackingNo}（${STATUS(card.status)}）`,
      ...matterLines(card),
      ...(card.handlingDueAt ? ["", `答复期限：${formatDate("zh", card.handlingDueAt)}`] : []),
    ].join("\n");
  },

  /** Where a review is proposed to go: the next higher organ of the unit whose answer is disputed. */
  reviewProposal: (review: ReviewProposal) =>
    review.unitName === null
      ? `建议${reviewName(review.stage, "zh")}机关：无（名录中没有作出答复单位的上一级机关），请选择办理单位`
      : `建议${reviewName(review.stage, "zh")}机关：${review.unitName}（作出答复单位的上一级机关）`,

  unitHeading: (reviewStage: number) =>
    reviewStage === 0 ? "【交办】" : reviewStage === 1 ? "【复查交办】" : "【复核交办】",

  buttons: {
    confirm: (unitName: string) => `✅ 受理并交 ${unitName}`,
    /** One of an unsure classification's top 3: accepts and routes to its unit. */
    routeTo: (categoryName: string, unitName: string) => `${categoryName} → ${unitName}`,
    choose: "🔀 改派其他单位",
    /** Sends a case under review to the unit proposed for it. */
    reviewTo: (unitName: string) => `✅ 交 ${unitName} 复查复核`,
    notAccept: `⛔ ${ACTION("not_accept")}`,
    merge: "🔗 合并到已有事项",
    back: "↩ 返回",
    typeReason: "✍ 输入其他原因",
    typeTrackingNo: "✍ 输入编号",
    mergeInto: (trackingNo: string) => `合并到 ${trackingNo}`,
    start: `▶ ${ACTION("start")}`,
    answer: `💬 ${ACTION("answer")}`,
    progress: `📝 ${ACTION("report_progress")}`,
    extend: `⏳ ${ACTION("extend")}`,
    return: `↩ ${ACTION("return")}（非本单位职责）`,
    outcome: (outcome: AnswerOutcome) => OUTCOME(outcome),
    /** Under the promised-day question: the answer goes without one. */
    noPromise: "不需要",
  },

  /** Short button labels of the usual not-accepted reasons (NOT_ACCEPT_REASONS), by id. */
  notAcceptLabels: {
    litigation: "应通过诉讼解决",
    labour_arbitration: "应申请劳动仲裁",
    administrative_review: "应申请行政复议",
    discipline: "属纪检监察事项",
    other_procedure: "应通过其他法定途径",
    concluded: "已处理完毕不再受理",
  } as Readonly<Record<string, string>>,

  chooseCategory: (trackingNo: string) => `请选择 ${trackingNo} 的类别：`,
  chooseUnit: (trackingNo: string, categoryName: string) =>
    `请选择 ${trackingNo} 的办理单位（${categoryName}）：`,
  chooseReason: (trackingNo: string) => `请选择 ${trackingNo} 不予受理的原因：`,
  chooseMergeTarget: (trackingNo: string) => `请选择 ${trackingNo} 要合并到的事项：`,
  chooseOutcome: (trackingNo: string) => `请选择 ${trackingNo} 的处理结果：`,

  ask: {
    notAccept: (trackingNo: string) => `请回复 ${trackingNo} 不予受理的原因：`,
    mergeInto: (trackingNo: string) => `请回复 ${trackingNo} 要合并到的事项编号：`,
    answer: (trackingNo: string, outcome: AnswerOutcome) =>
      `请回复 ${trackingNo} 的答复内容（${OUTCOME(outcome)}），这段文字会原样发给反映人：`,
    extend: (trackingNo: string) =>
      `请回复 ${trackingNo} 延期的天数和原因，例如：15 需要现场勘查（最多 30 天，只能延期一次）`,
    return: (trackingNo: string) => `请回复 ${trackingNo} 退回的原因（为什么不属于本单位职责）：`,
    progress: (trackingNo: string) =>
      `请回复 ${trackingNo} 的办理进展，这段文字会原样发给反映人，例如：已派人现场查看，预计周五前修复`,
    /**
     * After the answer's words: the day it promises the work done by (承诺办结日期), asked once;
     * the answer waits for it. The words of `noPromiseWords` go without one.
     */
    promise: (trackingNo: string) =>
      `${trackingNo} 承诺哪天办好？请回复日期，如 12月20日、下周五；不需要承诺就回复“不需要”。答复在您回复后发给反映人。`,
    /** After a reply to the promise question that says no day. */
    promiseUnread: (trackingNo: string) =>
      `没看懂这个日期，答复还没有发出。${trackingNo} 承诺哪天办好？请回复日期，如 12月20日、2026-12-20、下周五；不需要承诺就回复“不需要”。`,
    extendFormat: "格式不对。请回复天数和原因，例如：15 需要现场勘查",
    /** After an extension's days without its reason: the next message is taken as the reason. */
    extendReason: (days: number) =>
      `延期须说明理由。请回复延期 ${days} 天的理由，例如：需要现场勘查`,
    /** After an empty reply: the question stays open for the next message. */
    needed: {
      not_accept: "不予受理须说明原因。请回复不予受理的原因：",
      return: "退回须说明理由。请回复退回的原因（为什么不属于本单位职责）：",
      answer: "答复内容不能为空。请回复答复内容：",
      progress: "办理进展不能为空。请回复办理进展：",
      merge: "请回复要合并到的事项编号：",
    },
    /** After a photo sent while an answer or progress report is asked for. */
    photoKept: (trackingNo: string, count: number) =>
      `已收到 ${trackingNo} 的照片${count}张，将随文字一并发给反映人。可以继续发照片，最后回复文字。`,
    photoLimit: (max: number) => `一次最多附 ${max} 张照片，这张没有收下。请回复文字。`,
    photoRefused: "这张照片无法使用（只收 JPEG、PNG、WebP、HEIC，不超过 5 MB）。",
    photoNotReceived: "这张照片暂时没能取到，没有收下。请稍后再发一次，其他照片和文字不受影响。",
    photoNotAsked: "要附照片，请先点卡片上的「答复」或「报告进展」，再发照片和文字。",
    /** Telegram's: there a photo may also reply to the case's card. */
    photoHowTo:
      "要附照片，请直接回复办理中事项的卡片发照片，或先点卡片上的「答复」或「报告进展」再发照片和文字；已办结的事项不再收照片。",
    /** After a photo sent as a reply to the case's card, no question open. */
    photoOnCard: (trackingNo: string, count: number) =>
      `已收到 ${trackingNo} 的照片${count}张。请回复这条消息写下办理进展，照片随进展一并发给反映人；如果这是最终答复，请点卡片上的「答复」，照片会随答复发送。`,
    photoCaseClosed: (trackingNo: string) => `${trackingNo} 已不在办理中，这张照片没有收下。`,
  },

  /**
   * A card with its history under it (处理记录): one line per entry, when, who (`who`, by the
   * entry), what, with its facts and notes; the card alone when there is no history.
   */
  withHistory(
    card: string,
    history: readonly HistoryEntry[],
    who: (entry: HistoryEntry) => string,
    names: DirectoryNames,
  ): string {
    if (history.length === 0) return card;
    const lines = history.map((entry) => {
      const detail = historyDetail(entry, names);
      return `${HISTORY_TIME.format(entry.at)} ${who(entry)} ${historyLabel(entry.kind)}${detail ? `：${detail}` : ""}`;
    });
    return [card, "", "—— 处理记录 ——", ...lines].join("\n");
  },
  systemName: "系统",
  citizenName: "反映人",

  /** Short answers to a button press or a command. */
  answers: {
    done: "已处理",
    alreadyHandled: (who: string) => `已由 ${who} 处理`,
    alreadyHandledBySomeone: "该事项已由其他人处理",
    notStaff: "您不是登记在册的工作人员，无权操作。",
    wrongRole: "您的角色不能进行这项操作。",
    notYourUnit: "这个事项不在本单位，您无权操作。",
    illegal: (status: CaseStatus) => `当前状态（${STATUS(status)}）不能进行这项操作。`,
    illegalRule: "这项操作不符合办理规定，未执行。",
    reportToDiscipline: "检举控告类事项只能交纪检监察机关办理。",
    returnWindowClosed: "退回期限已过，请联系登记人员改派。",
    extensionUsed: "已经延期过一次，不能再延期。",
    extensionTooLate: "已超过办理期限，不能再申请延期。",
    extensionDays: (max: number) => `延期天数须为 1 到 ${max} 天，未执行。`,
    answerTooLong: (max: number) =>
      `答复内容最多 ${max.toLocaleString("en")} 字，答复还没有发出，请精简后重新发送。`,
    /** A promised day out of range: the answer waits, the question is asked again. */
    promiseOutOfRange: (trackingNo: string) =>
      `承诺日期须在今天到反映人申请复查期限的前一天之间，答复还没有发出。请重新回复 ${trackingNo} 承诺办好的日期，不需要承诺就回复“不需要”。`,
    notFound: (trackingNo: string) => `没有找到事项 ${trackingNo}。`,
    invalid: "输入有误，未执行。",
    expired: "这个按钮已过期。",
    failed: "操作失败，请稍后再试。",
  },

  commandUsage: {
    route: "用法：/route 编号 单位代码",
    reassign: "用法：/reassign 编号 单位代码",
    reject: "用法：/reject 编号 原因",
    merge: "用法：/merge 编号 合并到的编号",
    progress: "用法：/progress 编号（开始办理），或 /progress 编号 进展内容（告知反映人）",
    answer: "用法：/answer 编号 支持|解释说明|不予支持 答复内容",
    extend: "用法：/extend 编号 天数 原因",
    return: "用法：/return 编号 原因",
  },

  /** What a handler replies to the promised-day question when the answer promises no day. */
  noPromiseWords: ["不需要", "不用", "无", "没有", "不承诺", "跳过", "skip", "no", "none"],

  /** The outcome a staff member types by its Chinese label (支持|解释说明|不予支持). */
  outcomeWords: Object.fromEntries(
    ANSWER_OUTCOMES.map((outcome) => [OUTCOME(outcome), outcome]),
  ) as Readonly<Record<string, AnswerOutcome>>,

  statusName: (status: CaseStatus) => STATUS(status),
};

export type StaffTexts = typeof staffZh;

/**
 * "2026年9月25日（中秋节前后）", "约 2025年（去年）": the day the words were read as, to the
 * precision they said it, then the citizen's words, as the console shows them.
 */
function occurredOf(
  card: Pick<UnitCard, "occurredText" | "occurredAt" | "occurredPrecision" | "occurredOngoing">,
): string {
  if (card.occurredAt === null) {
    const words = card.occurredText ?? "";
    return card.occurredOngoing ? ongoingTime("zh", words) : words;
  }
  return `${occurredDay("zh", card.occurredAt, card.occurredPrecision)}（${card.occurredText}）`;
}
