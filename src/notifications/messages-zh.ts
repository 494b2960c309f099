import type { AnswerOutcome, OtherChannel, ReviewStage } from "../domain/lifecycle/case-status.ts";
import type { DeadlineClock } from "../domain/lifecycle/notifications.ts";
import { labelOf, reviewName } from "../i18n/labels.ts";
import type { NotificationCatalog, NotificationView } from "./message-catalog.ts";

const OUTCOME: Record<AnswerOutcome, string> = {
  support: "支持您的诉求",
  explain: "对有关情况作了解释说明",
  reject: "不予支持",
};

const OTHER_CHANNEL: Record<OtherChannel, string> = {
  court: "向人民法院起诉",
  arbitration: "申请仲裁",
  administrative_review: "申请行政复议",
  discipline: "向纪检监察机关反映",
  other_procedure: "其他法定途径",
};

/** Each deadline's name in a staff text ("办理期限"). */
export const CLOCK: Record<DeadlineClock, string> = {
  acceptance: "受理",
  handling: "办理",
  review: "复查复核",
};

/** 复查 or 复核; a notice about a review of no stage yet (0) is about the first, 复查. */
const REVIEW = (stage: ReviewStage) => reviewName(stage || 1, "zh");

/** Until when the answer may be taken to a review (复查 / 复核), or, of a consultation, that a complaint may follow; null when neither. */
function reviewUntil(v: NotificationView): string | null {
  if (v.nextStep === "may_request_review") {
    return `如果您对答复不满意，可以在 ${v.due ?? "30 日内"}前申请复查。`;
  }
  if (v.nextStep === "may_file_complaint") {
    return "咨询的答复不申请复查。如果问题没有解决，可以把这件事作为一条反映提出。";
  }
  if (v.nextStep === "may_request_second_review") {
    return `如果您对复查意见不满意，可以在 ${v.due ?? "30 日内"}前申请复核。`;
  }
  return null;
}

/** Ends a quoted reason with a full stop unless it already has one. */
function sentence(text: string | null): string {
  const trimmed = (text ?? "").trim();
  return /[。！？.!?]$/u.test(trimmed) ? trimmed : `${trimmed}。`;
}

const yours = (v: NotificationView) =>
  `${v.consultation ? "您的咨询" : "您反映的问题"}（编号 ${v.trackingNo}）`;
const by = (due: string | null, what: string) => (due === null ? "" : `预计 ${due}前${what}。`);

/** Simplified Chinese: short sentences, everyday words, one thing per line. */
/** What the citizen added (补充, or with an urge), for the unit: their words, photos, what they tell. */
function additionLines(v: NotificationView): string[] {
  const photos = v.supplementPhotos;
  return [
    ...(v.supplementText === null
      ? photos > 0
        ? [`补充了照片 ${photos} 张（没有文字说明），请在工作台查看。`]
        : []
      : [`补充内容：${v.supplementText}`]),
    ...(v.supplementText !== null && photos > 0 ? [`附照片 ${photos} 张，请在工作台查看。`] : []),
    ...(v.urgent ? ["补充的情况有紧急危险，本件已改为紧急，请优先处理。"] : []),
    ...(v.group === null ? [] : [`补充的情况涉及更多群众，本件现为${v.group}。`]),
  ];
}

export const notificationsZh: NotificationCatalog = {
  received: (v) =>
    `${yours(v)}我们已经收到，${
      v.due === null ? "工作人员会尽快决定是否受理" : `工作人员会在 ${v.due}前决定是否受理`
    }，结果会在这里告诉您。`,
  accepted: (v) =>
    v.unitName === null
      ? `${yours(v)}已受理，正在安排办理单位，${by(v.due, "答复") || "办理后会在这里答复您。"}`
      : v.urgent
        ? `${yours(v)}已受理。这件事有危险，已请${v.unitName}优先处理，${v.due === null ? "办理后会在这里答复您。" : `最晚 ${v.due}前答复。`}`
        : `${yours(v)}已受理，正在转交${v.unitName}办理，${by(v.due, "答复") || "办理后会在这里答复您。"}`,
  transferred: (v) =>
    `${yours(v)}现在交由${v.unitName ?? "负责的单位"}办理，${by(v.due, "答复") || "办理后会在这里答复您。"}`,
  not_accepted: (v) =>
    [
      `${yours(v)}经审查，不予受理。`,
      `原因：${sentence(v.reason)}`,
      v.otherChannel === null
        ? "如有疑问，可以拨打 12345 咨询。"
        : `建议您通过“${OTHER_CHANNEL[v.otherChannel]}”解决，如需帮助可以拨打 12345 咨询。`,
    ].join("\n"),
  in_progress: (v) =>
    `${yours(v)}办理单位已经开始办理，${by(v.due, "答复") || "办好后会在这里答复您。"}`,
  progress: (v) =>
    [
      `${yours(v)}有新的办理进展：${sentence(v.progressNote)}`,
      by(v.due, "答复") || "办好后会在这里答复您。",
    ].join("\n"),
  extended: (v) =>
    [
      `${yours(v)}情况比较复杂，办理时间延长 ${v.extensionDays ?? 0} 天，${by(v.due, "答复")}`,
      `延期原因：${sentence(v.reason)}`,
    ].join("\n"),
  answered: (v) => {
    const what = v.reviewStage === 0 ? "已有答复" : `已有${REVIEW(v.reviewStage)}意见`;
    const outcome = v.outcome === null ? "" : `（${OUTCOME[v.outcome]}）`;
    const next = reviewUntil(v) ?? "这是复核意见，是最终答复。";
    const promise = v.promisedBy === null ? "" : `办理单位承诺于 ${v.promisedBy} 前办好。\n`;
    return `${yours(v)}${what}${outcome}，具体内容见下一条消息。\n${promise}${next}`;
  },
  answer_follow_up: (v) => {
    const answer = v.reviewStage === 0 ? "答复" : `${REVIEW(v.reviewStage)}意见`;
    const asked =
      v.promisedBy !== null
        ? `编号 ${v.trackingNo} 的${answer}说 ${v.promisedBy} 前办好，现在事情解决了吗？`
        : v.reviewStage === 0
          ? `编号 ${v.trackingNo} 已于 ${v.answeredOn ?? ""} 答复，事情解决了吗？`
          : `编号 ${v.trackingNo} 的${answer}已于 ${v.answeredOn ?? ""} 给出，事情解决了吗？`;
    return [asked, reviewUntil(v)].filter((line) => line !== null).join("\n");
  },
  review_received: (v) =>
    `您对编号 ${v.trackingNo} 的${REVIEW(v.reviewStage)}申请已收到，${
      v.due === null ? "我们会尽快答复您。" : `将在 ${v.due}前给您答复。`
    }`,
  closed: (v) =>
    v.nextStep === "may_request_review" || v.nextStep === "may_request_second_review"
      ? `${yours(v)}已办结。如果对结果不满意，仍可以在 ${v.due ?? "30 日内"}前申请${reviewName(
          v.nextStep === "may_request_review" ? 1 : 2,
          "zh",
        )}。`
      : `${yours(v)}已办结。感谢您的${v.consultation ? "咨询" : "反映"}。`,
  merged: (v) =>
    `${yours(v)}和编号 ${v.mergedInto ?? ""} ${v.consultation ? "说的" : "的反映"}是同一件事，已合并办理。以后请看编号 ${
      v.mergedInto ?? ""
    } 的进展。`,
  withdrawn: (v) => `${yours(v)}已按您的要求撤回，不再办理。`,
  query_code_reset: (v) =>
    [
      `有人多次输错了${yours(v)}的查询码。为了保护您的信息，查询码已经换成：${v.queryCode ?? ""}`,
      "原来的查询码不能再用了。请把新的查询码记好，不要告诉别人。",
    ].join("\n"),

  assigned: (v) =>
    [
      `${v.urgent ? "【紧急】" : ""}【${v.reviewStage === 0 ? "新交办" : `${REVIEW(v.reviewStage)}交办`}】事项 ${v.trackingNo}${
        v.caseClass === null ? "" : `（${labelOf("caseClass", v.caseClass, "zh")}类）`
      }已交由本单位办理${v.due === null ? "。" : `，请于 ${v.due}前答复。`}`,
      v.urgent ? "群众反映的情况有紧急危险，请优先处理。" : "",
      v.returnDue === null ? "" : `如不属于本单位职责，请于 ${v.returnDue}前退回。`,
    ]
      .filter((line) => line !== "")
      .join("\n"),
  // Why the unit may stop: the case went to another unit, was merged, or its citizen withdrew it.
  unassigned: (v) =>
    v.status === "withdrawn"
      ? `【反映人撤回】事项 ${v.trackingNo} 已由反映人撤回，本单位无需继续办理。`
      : v.status === "merged"
        ? `【合并办理】事项 ${v.trackingNo} 已与其他事项合并办理，本单位无需继续处理。`
        : `【撤回交办】事项 ${v.trackingNo} 已改由其他单位办理，本单位无需继续处理。`,
  supplemented: (v) =>
    [
      `${v.urgent ? "【紧急】" : ""}【群众补充】事项 ${v.trackingNo} 的反映人补充了情况，请一并办理${
        v.due === null ? "。" : `（办理期限 ${v.due}）。`
      }`,
      ...additionLines(v),
    ].join("\n"),
  urged: (v) =>
    [
      `${v.urgent ? "【紧急】" : ""}【群众催办】市民催办（第${v.urgeOrdinal ?? 1}次）：事项 ${
        v.trackingNo
      } 的反映人催促尽快办理${v.due === null ? "。" : `（办理期限 ${v.due}）。`}`,
      ...additionLines(v),
    ].join("\n"),
  urgency_changed: (v) =>
    v.urgent
      ? `【紧急】【改为紧急】事项 ${v.trackingNo} 经工作人员核实有紧急危险，已改为紧急件，请优先处理${
          v.due === null ? "。" : `（办理期限 ${v.due}）。`
        }`
      : `【取消紧急】事项 ${v.trackingNo} 经工作人员核实没有紧急危险，已改为一般件，按期办理即可${
          v.due === null ? "。" : `（办理期限 ${v.due}）。`
        }`,
  reminder: (v) =>
    v.audience === "unit"
      ? `【办理提醒】事项 ${v.trackingNo} 的${CLOCK[v.clock ?? "handling"]}期限是 ${v.due ?? "—"}，请抓紧办理。`
      : `【${CLOCK[v.clock ?? "acceptance"]}提醒】事项 ${v.trackingNo} 须在 ${v.due ?? "—"}前处理。`,

  new_case: (v) =>
    `【新反映】事项 ${v.trackingNo}${
      v.caseClass === null ? "" : `（${labelOf("caseClass", v.caseClass, "zh")}类）`
    }已登记，请${v.due === null ? "尽快" : `在 ${v.due}前`}决定是否受理并交办。`,
  returned: (v) =>
    [
      `【退回】事项 ${v.trackingNo} 被${v.unitName ?? "办理单位"}退回。`,
      `原因：${sentence(v.reason)}`,
      `请重新交办${v.due === null ? "。" : `，办理期限 ${v.due}。`}`,
    ].join("\n"),
  review_to_route: (v) =>
    `【${REVIEW(v.reviewStage)}申请】事项 ${v.trackingNo} 申请${REVIEW(
      v.reviewStage,
    )}${v.unitName === null ? "" : `（原办理单位：${v.unitName}）`}，请交办${
      v.due === null ? "。" : `，须在 ${v.due}前答复。`
    }`,
  escalation: (v) =>
    `【超期督办】事项 ${v.trackingNo} 的${CLOCK[v.clock ?? "handling"]}期限 ${v.due ?? "—"} 已超过 ${
      v.overdueDays ?? 0
    } 天${v.unitName === null ? "" : `（${v.unitName}）`}，请督办。`,

  answerHeading: ({ reviewStage }) =>
    reviewStage === 0 ? "处理意见：" : `${REVIEW(reviewStage)}意见：`,
  machineTranslationHeading: "机器翻译（仅供参考，以上方中文原文为准）：",
  statusLink: ({ url }) => `查看进度、评价答复（需要查询码）：${url}`,
  unitPhotos: ({ trackingNo, count }) => `办理单位随附照片${count}张（编号 ${trackingNo}）`,
};
