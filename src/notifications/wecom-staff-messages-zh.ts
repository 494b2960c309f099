/**
 * Texts of the WeCom self-built app for staff: the buttons and drop-downs of the clerks' and
 * units' cards, and what a card says once pressed. Button labels and a pressed card's text
 * are at most 30 bytes (WeCom's limits); the questions and answers in the chat reuse the
 * Telegram staff texts (staff-messages-zh.ts).
 */
import { labelOf, reviewName, type StaffAction } from "../i18n/labels.ts";

const ACTION = (action: StaffAction) => labelOf("action", action, "zh");

export const wecomStaffZh = {
  confirmRoute: ACTION("route"),
  unitChoiceTitle: "承办单位",
  unitChoiceUnsureTitle: "分类不确定，请选择承办单位",
  pickUnit: "（请选择）",
  pickUnitFirst: `系统对分类没有把握，请先在卡片上选择承办单位，再点“${ACTION("route")}”。`,
  notAccept: "不予受理…",
  reasonCardTitle: (trackingNo: string) => `${trackingNo} 不予受理`,
  reasonCardBody: "请选择原因后确认；原因会以书面答复告知反映人。",
  reasonChoiceTitle: "原因",
  confirmNotAccept: `确认${ACTION("not_accept")}`,
  typeReason: "输入其他原因",
  back: "返回",
  reviewCardTitle: (stage: 1 | 2, trackingNo: string) =>
    `【${reviewName(stage, "zh")}申请】${trackingNo}`,
  reviewChoiceTitle: (stage: 1 | 2) => `${reviewName(stage, "zh")}机关`,
  confirmReview: (stage: 1 | 2) => `交办${reviewName(stage, "zh")}`,
  reviewRoutedBy: (name: string) => `已由 ${name} 交办`,
  pickReviewUnitFirst: (stage: 1 | 2) =>
    `名录中没有作出答复单位的上一级机关，请先在卡片上选择承办单位，再点“交办${reviewName(stage, "zh")}”。`,
  start: ACTION("start"),
  answer: ACTION("answer"),
  progress: ACTION("report_progress"),
  extend: ACTION("extend"),
  return: `${ACTION("return")}（非本单位）`,
  outcomeChoiceTitle: "答复结果",
  routedBy: (name: string) => `已由 ${name} 确认`,
  notAcceptedBy: (name: string) => `已由 ${name} 不予受理`,
  answeredBy: (name: string) => `已由 ${name} 答复`,
  returnedBy: (name: string) => `已由 ${name} 退回`,
  decidedBy: (name: string) => `已由 ${name} 处理`,
  decidedBySomeone: "已由他人处理",
  /** After a description shortened to fit the card. */
  descriptionCut: (pageUrl: string | null) =>
    pageUrl ? `（内容较长，全文见工作台：${pageUrl}）` : "（内容较长，全文见工作台的案件页）",
  failed: "操作未成功，请到后台处理",
  askOnCard: "请在事项卡片上操作；需要填写文字时，我会在这里提示您。",
  onlyTextAndPhotos: "这里只收文字和照片（语音、视频、文件等无法处理），请改发文字或照片。",
};

/** The shape of the staff app's texts. */
export type WeComStaffTexts = typeof wecomStaffZh;
