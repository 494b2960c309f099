/**
 * The words of the web pages around the conversation (header, composer,
 * status page, errors), in both languages. The conversation's own words are
 * in the main catalogue (zh.ts, en.ts); these are sent to the chat page as
 * JSON and used by the status page.
 */
import type { CityNames, Locale } from "./catalog.ts";
import type { RequestKind } from "../domain/vocabulary.ts";

/** The service's name and the footer's line of whose it is: the city's (the directory's). */
export interface PageBrand {
  readonly serviceName: string;
  readonly footer: string;
}

/** The brand of the pages of `city` in `locale`. */
export function pageBrand(locale: Locale, { city, cityEn }: CityNames): PageBrand {
  return locale === "zh"
    ? { serviceName: `${city}群众诉求服务平台`, footer: `${city}人民政府 12345 群众诉求服务平台` }
    : {
        serviceName: `${cityEn} Citizen Service Platform`,
        footer: `${cityEn} Municipal People's Government · 12345 Citizen Service Platform`,
      };
}

/** The fields of the status page's look-up, each required, in the form's order. */
export const STATUS_FIELDS = ["trackingNo", "queryCode"] as const;
export type StatusField = (typeof STATUS_FIELDS)[number];

export interface WebPageText {
  readonly serviceTagline: string;
  readonly skipToInput: string;
  readonly skipToContent: string;
  readonly mainNav: string;
  readonly navChat: string;
  readonly navStatus: string;
  readonly navMyCases: string;
  /** The label of the button that switches to the other language, in that language. */
  readonly otherLanguage: string;
  /** The large-text switch (pressed: the pages' text a quarter larger, in this browser). */
  readonly largeText: string;
  readonly chatHeading: string;
  readonly chatIntro: string;
  readonly messagesLabel: string;
  readonly you: string;
  readonly assistant: string;
  readonly notice: string;
  readonly inputLabel: string;
  readonly inputPlaceholder: string;
  readonly send: string;
  readonly addPhoto: string;
  readonly photoRules: string;
  readonly photoSent: string;
  /** Hold-to-talk (the microphone button beside the photo button). */
  readonly holdToTalk: string;
  readonly voiceRules: string;
  /** `{seconds}` counts up while the button is held. */
  readonly recording: string;
  readonly voiceTooShort: string;
  readonly micDenied: string;
  readonly voiceSent: string;
  /** The alt text of a photo the handling office sent with its answer or progress report. */
  readonly unitPhoto: string;
  readonly uploading: string;
  readonly sending: string;
  readonly shareLocation: string;
  readonly locating: string;
  readonly locationSent: string;
  readonly locationFailed: string;
  readonly contactHeading: string;
  readonly contactPhone: string;
  readonly contactName: string;
  readonly contactSend: string;
  readonly contactSent: string;
  readonly offline: string;
  readonly stepsHeading: string;
  readonly steps: readonly string[];
  readonly emergencyHeading: string;
  readonly emergency: string;
  readonly privacy: string;
  readonly statusHeading: string;
  readonly statusIntro: string;
  readonly trackingNo: string;
  readonly trackingNoHint: string;
  readonly queryCode: string;
  readonly queryCodeHint: string;
  readonly lookUp: string;
  readonly notFound: string;
  /** What the status page's look-up asks for when a field was left empty. */
  readonly missingField: Readonly<Record<StatusField, string>>;
  readonly statusNow: string;
  /** The status while a review is under way (复查 1, 复核 2), not the first handling's. */
  readonly statusUnderReview: Readonly<Record<1 | 2, string>>;
  readonly category: string;
  readonly submittedAt: string;
  /** The case's contact phone, masked, with whose it is when not the reporter's own. */
  readonly caseContact: string;
  /** The citizen's rating of the answer, once given. */
  readonly yourRating: string;
  /** The citizen's own words on what was wrong, under their rating. */
  readonly yourRatingReason: string;
  /** The status page's "what happens next" box; `{date}` is the deadline. */
  readonly nextHeading: string;
  readonly nextDecision: string;
  readonly nextAnswer: string;
  /** By when the review under way (复查 1, 复核 2) is answered. */
  readonly nextReviewAnswer: Readonly<Record<1 | 2, string>>;
  /** Rate the answer; a review may no longer be asked for (after 复核, or past its last day). */
  readonly nextRate: string;
  /** Rate the answer, and the review the case's rules offer: 复查, or 复核 after the 复查 opinion. */
  readonly nextRateOrReview: Readonly<Record<1 | 2, string>>;
  readonly timeline: string;
  readonly lookUpAnother: string;
  readonly backToChat: string;
  /** The status page's answer, deadlines, rating and review (see status-page.ts). */
  readonly answerHeading: string;
  readonly reviewAnswerHeading: Readonly<Record<1 | 2, string>>;
  readonly answeredAt: string;
  /** Over the answer's machine translation, shown under the original: what it is, and which counts. */
  readonly answerTranslationHeading: string;
  /** The day the unit promised to have it done by, when its answer gave one. */
  readonly promisedBy: string;
  readonly deadlinesHeading: string;
  readonly acceptanceDue: string;
  readonly handlingDue: string;
  readonly reviewAnswerDue: string;
  readonly reviewWindow: string;
  readonly rateHeading: string;
  /** Asked of a complaint's problem, or of a consultation's (咨询) question. */
  readonly solvedQuestion: Readonly<Record<RequestKind, string>>;
  readonly satisfactionQuestion: string;
  readonly reasonLabel: string;
  readonly reasonHint: string;
  readonly rateSubmit: string;
  readonly rated: string;
  /** `{date}` is the last day to ask. */
  readonly reviewHeading: Readonly<Record<1 | 2, string>>;
  readonly reviewIntro: Readonly<Record<1 | 2, string>>;
  readonly reviewSubmit: Readonly<Record<1 | 2, string>>;
  readonly reviewRequested: string;
  readonly reviewClosed: string;
  readonly withdrawHeading: string;
  readonly withdrawIntro: string;
  /** The box ticked to say the withdrawal is meant (nothing changes without it). */
  readonly withdrawConfirm: string;
  readonly withdrawSubmit: string;
  readonly withdrawn: string;
  readonly cannotWithdraw: string;
  /** 催办: the form that tells the unit holding the running case the citizen is waiting. */
  readonly urgeHeading: string;
  readonly urgeIntro: string;
  readonly urgeSubmit: string;
  /** The case no longer runs (answered, closed, withdrawn): nobody is left to urge on. */
  readonly cannotUrge: string;
  /** The urge could not be kept (the storage failed): nothing of it was. */
  readonly urgeFailed: string;
  readonly supplementHeading: string;
  readonly supplementIntro: string;
  readonly supplementLabel: string;
  readonly supplementHint: string;
  readonly supplementSubmit: string;
  /** The photo picker of an addition; `{max}` the most photos one addition takes. */
  readonly supplementPhotosLabel: string;
  readonly supplementPhotosHint: string;
  readonly supplemented: string;
  /** Photos added without words; `{n}` how many. */
  readonly supplementedPhotos: string;
  /** Neither words nor photos were given. */
  readonly supplementEmpty: string;
  readonly cannotSupplement: string;
  /** More photos than one addition takes (`{max}`) were chosen. */
  readonly tooManyPhotos: string;
  /** The addition could not be kept (the storage failed): nothing of it was. */
  readonly supplementFailed: string;
  /** After an addition not taken: its words are in the form again, its photos to choose again. */
  readonly supplementKept: string;
  /** Atop a case the citizen joined (附议): whose it is not, and what they get. */
  readonly supportedCase: string;
  /** The web chat's receipt card. */
  readonly copy: string;
  readonly copied: string;
  readonly copyFailed: string;
  readonly openStatus: string;
  /** Before the hotline's number in the footer (SERVICE_PHONE, when set). */
  readonly hotline: string;
  readonly errors: Readonly<Record<WebErrorCode, string>>;
  /** The page of a unit's photo link that shows no photo (see UnitPhotos.readSigned). */
  readonly unitPhotoHeading: string;
  /** A page at an address that has none (a mistyped or old link). */
  readonly notFoundHeading: string;
  readonly notFoundBody: string;
  readonly unitPhotoRefused: Readonly<Record<"forged" | "expired" | "gone", string>>;
}

/** The error codes of the web chat API (the `error.code` of a JSON error). */
export type WebErrorCode =
  | "bad_json"
  | "invalid_request"
  | "csrf"
  | "too_large"
  | "photo_type"
  | "photo_size"
  | "not_found"
  | "rate_limited"
  | "query_locked"
  | "unavailable";

const zh: WebPageText = {
  serviceTagline: "12345 · 在线反映 · 进度查询",
  skipToInput: "跳到输入框",
  skipToContent: "跳到主要内容",
  mainNav: "主导航",
  navChat: "在线反映",
  navStatus: "查询进度",
  navMyCases: "我的诉求",
  otherLanguage: "English",
  largeText: "大字",
  chatHeading: "在线反映问题",
  chatIntro: "像聊天一样说说遇到的事，我们一步一步帮您填好，提交后转给负责的部门办理。",
  messagesLabel: "对话记录",
  you: "您",
  assistant: "服务助手",
  notice: "办理进展通知",
  inputLabel: "输入您要说的话",
  inputPlaceholder: "在这里输入…",
  send: "发送",
  addPhoto: "上传照片",
  photoRules: "支持 JPG、PNG、WebP、HEIC 格式，每张不超过 5 MB。",
  photoSent: "照片",
  holdToTalk: "按住说话",
  voiceRules: "按住话筒按钮说话，松开就发送。",
  recording: "正在录音，松开发送（{seconds} 秒）",
  voiceTooShort: "说话时间太短了，请按住按钮再说一次。",
  micDenied: "无法使用麦克风。请在浏览器设置里允许使用麦克风，或者直接打字。",
  voiceSent: "语音",
  unitPhoto: "办理单位的照片",
  uploading: "正在上传照片…",
  sending: "正在发送…",
  shareLocation: "发送我现在的位置",
  locating: "正在获取位置…",
  locationSent: "我的位置",
  locationFailed: "没能获取您的位置。请直接在下面输入地址，比如：川汇区七一路和八一路交叉口。",
  contactHeading: "留下联系方式",
  contactPhone: "手机号码",
  contactName: "姓名（可以不填）",
  contactSend: "提交联系方式",
  contactSent: "联系方式",
  offline: "网络连接不稳定，正在重新连接…",
  stepsHeading: "办理流程",
  steps: [
    "在线说明问题，提交后得到编号和查询码",
    "15 天内告知是否受理",
    "交给负责的部门办理，进展在这里通知",
    "凭编号和查询码随时查询进度",
  ],
  emergencyHeading: "紧急情况",
  emergency: "遇到危险请直接拨打：报警 110 · 火警 119 · 急救 120",
  privacy: "您的信息只给办理这件事的工作人员看，只用来办理和回复您。可以匿名反映。",
  statusHeading: "查询办理进度",
  statusIntro: "请输入提交成功时给您的编号和查询码。",
  trackingNo: "编号",
  trackingNoHint: "例如：ZK-20261128-0042",
  queryCode: "查询码",
  queryCodeHint: "提交成功时给您的数字",
  lookUp: "查询",
  notFound: "没有找到这件事。请检查编号和查询码是否填写正确。",
  missingField: { trackingNo: "请填写受理编号", queryCode: "请填写查询码" },
  statusNow: "目前状态",
  statusUnderReview: { 1: "正在复查", 2: "正在复核" },
  category: "类别",
  submittedAt: "提交时间",
  caseContact: "联系电话",
  yourRating: "您的评价",
  yourRatingReason: "您的意见",
  nextHeading: "下一步",
  nextDecision: "我们会在 {date} 前告诉您是否受理。",
  nextAnswer: "办理单位会在 {date} 前答复您。",
  nextReviewAnswer: {
    1: "复查结果会在 {date} 前答复您。",
    2: "复核结果会在 {date} 前答复您。",
  },
  nextRate: "请在下面评价这次答复。",
  nextRateOrReview: {
    1: "请在下面评价这次答复；如对答复不服，可以申请复查。",
    2: "请在下面评价这次复查意见；如仍然不服，可以申请复核。",
  },
  timeline: "办理经过",
  lookUpAnother: "查询其他事项",
  backToChat: "返回在线反映",
  answerHeading: "办理单位的答复",
  reviewAnswerHeading: { 1: "复查意见", 2: "复核意见" },
  answeredAt: "答复时间",
  answerTranslationHeading: "机器翻译（仅供参考，以上方中文原文为准）",
  promisedBy: "承诺办好的日期",
  deadlinesHeading: "办理期限",
  acceptanceDue: "决定是否受理",
  handlingDue: "办理答复",
  reviewAnswerDue: "复查、复核答复",
  reviewWindow: "申请复查、复核截止",
  rateHeading: "评价这次答复",
  solvedQuestion: { complaint: "您反映的问题解决了吗？", consultation: "您咨询的问题解决了吗？" },
  satisfactionQuestion: "您对这次办理满意吗？",
  reasonLabel: "您的意见（可以不填）",
  reasonHint: "哪里没有解决，或者哪里不满意，我们会认真改进。",
  rateSubmit: "提交评价",
  rated: "谢谢您的评价，已经记下了。",
  reviewHeading: { 1: "申请复查", 2: "申请复核" },
  reviewIntro: {
    1: "如果您对答复不服，可以在 {date} 前申请复查，由上一级机关重新审查。",
    2: "如果您对复查意见仍然不服，可以在 {date} 前申请复核。复核意见是最终意见。",
  },
  reviewSubmit: { 1: "申请复查", 2: "申请复核" },
  reviewRequested: "已收到您的申请，会在下面的期限内答复您。",
  reviewClosed: "申请复查、复核的期限已过。如有疑问，请拨打 12345。",
  withdrawHeading: "撤回这件事",
  withdrawIntro: "如果问题已经解决，或者不需要再办了，可以撤回。撤回后这件事就不再办理。",
  withdrawConfirm: "我确认撤回，不再办理",
  withdrawSubmit: "撤回",
  withdrawn: "已撤回，不再办理。",
  cannotWithdraw: "这件事现在不能撤回了（已经答复、办结或撤回）。",
  urgeHeading: "催办",
  urgeIntro:
    "等了很久还没有结果？点“催办”会告诉承办单位您在等着，请他们尽快处理。每天最多算一次催办。",
  urgeSubmit: "催办",
  cannotUrge: "这件事已经答复、办结或撤回，不能再催办了。",
  urgeFailed: "没能催办，请过一会儿再试。",
  supplementHeading: "补充情况",
  supplementIntro: "有新的情况（比如问题变严重了），可以补充到这件事里，办理的工作人员会看到。",
  supplementLabel: "要补充的内容",
  supplementHint: "请写清楚新的情况，不要写与这件事无关的内容。不想写字的话，也可以只选照片。",
  supplementSubmit: "补充",
  supplementPhotosLabel: "照片（可以不选，最多 {max} 张）",
  supplementPhotosHint: "JPG、PNG、WebP 或 HEIC 格式，每张不超过 5 MB。",
  supplemented: "已补充到这件事，办理的工作人员会看到。",
  supplementedPhotos: "已把 {n} 张照片补充到这件事（没有文字说明），办理的工作人员会看到。",
  supplementEmpty: "请写几句要补充的话，或者选几张照片，再点“补充”。",
  cannotSupplement: "这件事现在不能再补充了（已经答复、办结或撤回）。",
  tooManyPhotos: "一次最多补充 {max} 张照片。",
  supplementFailed: "没能补充进去，请过一会儿再试。",
  supplementKept: "您写的内容还在下面，请重新选择照片后再提交。",
  supportedCase: "这是您附议的事：办理进展会同样告诉您，评价和申请复查由反映人进行。",
  copy: "复制",
  copied: "已复制",
  copyFailed: "没能复制，请手动记下",
  openStatus: "查看办理进度",
  hotline: "热线电话：",
  errors: {
    bad_json: "发送的内容格式有误，请刷新页面后再试。",
    invalid_request: "发送的内容不完整，请刷新页面后再试。",
    csrf: "页面已过期，请刷新页面后再试。",
    too_large: "内容太长了，请分几次发送。",
    photo_type: "只能上传 JPG、PNG、WebP 或 HEIC 格式的照片。",
    photo_size: "照片太大了，每张不能超过 5 MB。",
    not_found: "没有找到。",
    rate_limited: "操作太频繁了，请稍等一会儿再试。",
    query_locked:
      "这个编号今天输错查询码的次数太多，已暂停查询。新的查询码已发到您提交时用的聊天里，请明天再查，或拨打 12345。",
    unavailable: "系统暂时出了问题，请稍后再试。您填写的内容不会丢失。",
  },
  unitPhotoHeading: "办理单位的照片",
  notFoundHeading: "找不到这个页面",
  notFoundBody:
    "这个网址没有内容，可能是链接输错了或已经过期。反映问题、查询进度，请点下面的按钮。",
  unitPhotoRefused: {
    forged: "这个照片链接不完整或已被改动，无法打开。请在查询页面输入编号和查询码后再看照片。",
    expired: "这个照片链接已过期。请重新打开查询页面（或您的聊天记录），照片会随新链接显示。",
    gone: "这张照片已不再保存。如有疑问，请拨打 12345。",
  },
};

const en: WebPageText = {
  serviceTagline: "12345 · File online · Check progress",
  skipToInput: "Skip to the message box",
  skipToContent: "Skip to content",
  mainNav: "Main",
  navChat: "File a complaint",
  navStatus: "Check progress",
  navMyCases: "My cases",
  otherLanguage: "中文",
  largeText: "Large text",
  chatHeading: "File a complaint online",
  chatIntro:
    "Tell us what happened as in a chat. We help you step by step and pass it to the office in charge.",
  messagesLabel: "Conversation",
  you: "You",
  assistant: "Service assistant",
  notice: "Progress update",
  inputLabel: "Type your message",
  inputPlaceholder: "Type here…",
  send: "Send",
  addPhoto: "Add photo",
  photoRules: "JPG, PNG, WebP or HEIC, up to 5 MB each.",
  photoSent: "Photo",
  holdToTalk: "Hold to talk",
  voiceRules: "Hold the microphone button while you speak; release it to send.",
  recording: "Recording; release to send ({seconds} s)",
  voiceTooShort: "That was too short. Hold the button while you speak.",
  micDenied:
    "The microphone is not available. Allow it in the browser's settings, or type instead.",
  voiceSent: "Voice message",
  unitPhoto: "Photo from the handling office",
  uploading: "Uploading the photo…",
  sending: "Sending…",
  shareLocation: "Send my current location",
  locating: "Finding your location…",
  locationSent: "My location",
  locationFailed:
    "Your location could not be found. Please type the address below, e.g. the crossing of Qiyi Road and Bayi Road, Chuanhui.",
  contactHeading: "Your contact details",
  contactPhone: "Mobile number",
  contactName: "Name (optional)",
  contactSend: "Send contact details",
  contactSent: "Contact details",
  offline: "The connection is unstable; reconnecting…",
  stepsHeading: "How it works",
  steps: [
    "Describe the problem; you get a tracking number and a query code",
    "Within 15 days you are told whether it is accepted",
    "The office in charge handles it; updates appear here",
    "Check progress any time with the number and the code",
  ],
  emergencyHeading: "Emergencies",
  emergency: "In danger, call: police 110 · fire 119 · ambulance 120",
  privacy:
    "Only the staff handling your complaint see your information, and only to handle it and reply. You may stay anonymous.",
  statusHeading: "Check progress",
  statusIntro: "Enter the tracking number and the query code you received when you submitted.",
  trackingNo: "Tracking number",
  trackingNoHint: "e.g. ZK-20261128-0042",
  queryCode: "Query code",
  queryCodeHint: "The digits you received with the number",
  lookUp: "Check",
  notFound: "Nothing was found. Please check the tracking number and the query code.",
  missingField: {
    trackingNo: "Please enter the tracking number",
    queryCode: "Please enter the query code",
  },
  statusNow: "Status",
  statusUnderReview: { 1: "Under review", 2: "Under second review" },
  category: "Category",
  submittedAt: "Submitted",
  caseContact: "Contact phone",
  yourRating: "Your rating",
  yourRatingReason: "Your comments",
  nextHeading: "What happens next",
  nextDecision: "We will tell you by {date} whether your complaint is accepted.",
  nextAnswer: "The responsible office will answer you by {date}.",
  nextReviewAnswer: {
    1: "The review will be answered by {date}.",
    2: "The second review will be answered by {date}.",
  },
  nextRate: "Please rate the answer below.",
  nextRateOrReview: {
    1: "Please rate the answer below; if you do not accept it, you can ask for a review.",
    2: "Please rate the review opinion below; if you still do not accept it, you can ask for a second review.",
  },
  timeline: "History",
  lookUpAnother: "Check another complaint",
  backToChat: "Back to filing online",
  answerHeading: "The office's answer",
  reviewAnswerHeading: { 1: "Review opinion", 2: "Second review opinion" },
  answeredAt: "Answered",
  answerTranslationHeading:
    "Machine translation, for reference only (the Chinese original above is the official answer)",
  promisedBy: "Promised by",
  deadlinesHeading: "Deadlines",
  acceptanceDue: "Decision on acceptance",
  handlingDue: "Answer",
  reviewAnswerDue: "Answer to the review",
  reviewWindow: "Last day to ask for a review",
  rateHeading: "Rate this answer",
  solvedQuestion: {
    complaint: "Has your problem been solved?",
    consultation: "Did the answer settle your question?",
  },
  satisfactionQuestion: "How satisfied are you with how it was handled?",
  reasonLabel: "Your comments (optional)",
  reasonHint: "What was not solved, or what you were not satisfied with; we will improve.",
  rateSubmit: "Send rating",
  rated: "Thank you for your rating; it has been recorded.",
  reviewHeading: { 1: "Ask for a review", 2: "Ask for a second review" },
  reviewIntro: {
    1: "If you do not accept the answer, you can ask for a review by the office above by {date}.",
    2: "If you still do not accept the review opinion, you can ask for a second review by {date}. Its opinion is final.",
  },
  reviewSubmit: { 1: "Ask for a review", 2: "Ask for a second review" },
  reviewRequested: "Your request has been received; it will be answered by the deadline below.",
  reviewClosed: "The time to ask for a review has passed. For questions, call 12345.",
  withdrawHeading: "Withdraw this report",
  withdrawIntro:
    "If the problem is solved, or you no longer need it handled, you may withdraw it. It will then no longer be handled.",
  withdrawConfirm: "I want to withdraw it; it will no longer be handled",
  withdrawSubmit: "Withdraw",
  withdrawn: "Withdrawn; it will no longer be handled.",
  cannotWithdraw: "It can no longer be withdrawn (it has been answered, closed or withdrawn).",
  urgeHeading: "Urge it on",
  urgeIntro:
    "Waiting too long? “Urge it on” tells the unit handling it that you are waiting and asks it to hurry. At most one urge a day is counted.",
  urgeSubmit: "Urge it on",
  cannotUrge: "It can no longer be urged on (it has been answered, closed or withdrawn).",
  urgeFailed: "It could not be urged on. Please try again in a while.",
  supplementHeading: "Add to this report",
  supplementIntro:
    "Something new (the problem got worse, say)? Add it here; the staff handling it will see it.",
  supplementLabel: "What to add",
  supplementHint:
    "Describe what is new about this matter only. If you would rather not write, you may send photos alone.",
  supplementSubmit: "Add",
  supplementPhotosLabel: "Photos (optional, at most {max})",
  supplementPhotosHint: "JPG, PNG, WebP or HEIC, at most 5 MB each.",
  supplemented: "Added to this report; the staff handling it will see it.",
  supplementedPhotos:
    "{n} photo(s) added to this report (without words); the staff handling it will see them.",
  supplementEmpty: "Please write what to add, or choose photos, then tap “Add”.",
  cannotSupplement: "It can no longer be added to (it has been answered, closed or withdrawn).",
  tooManyPhotos: "At most {max} photos can be added at a time.",
  supplementFailed: "It could not be added. Please try again in a while.",
  supplementKept: " Your words are still below; please choose the photos again and send it.",
  supportedCase:
    "You supported this report: you hear of its progress too; rating it and asking for a review are for the person who filed it.",
  copy: "Copy",
  copied: "Copied",
  copyFailed: "Could not copy; please write it down",
  openStatus: "Check progress",
  hotline: "Hotline: ",
  errors: {
    bad_json: "The message could not be read. Please reload the page and try again.",
    invalid_request: "The message was incomplete. Please reload the page and try again.",
    csrf: "This page has expired. Please reload it and try again.",
    too_large: "That is too long. Please send it in several parts.",
    photo_type: "Only JPG, PNG, WebP or HEIC photos can be uploaded.",
    photo_size: "The photo is too large: at most 5 MB each.",
    not_found: "Not found.",
    rate_limited: "Too many requests. Please wait a moment and try again.",
    query_locked:
      "Too many wrong query codes were entered for this number today, so it cannot be looked up until tomorrow. A new code was sent to the chat you filed it in; or call 12345.",
    unavailable:
      "Something went wrong on our side. Please try again later; nothing you entered is lost.",
  },
  unitPhotoHeading: "The handling unit's photo",
  notFoundHeading: "Page not found",
  notFoundBody:
    "There is nothing at this address: the link may be mistyped or out of date. To report a problem or follow a case, use the buttons below.",
  unitPhotoRefused: {
    forged:
      "This photo link is incomplete or was changed, so it cannot be opened. Look the case up on the status page with its number and query code to see its photos.",
    expired:
      "This photo link has expired. Open the status page (or your chat) again: the photo is shown there with a new link.",
    gone: "This photo is no longer kept. For questions, call 12345.",
  },
};

const TEXTS: Record<Locale, WebPageText> = { zh, en };

/** The page words of `locale`. */
export function webPageText(locale: Locale): WebPageText {
  return TEXTS[locale];
}
