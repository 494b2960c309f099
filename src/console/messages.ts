/**
 * What the console tells staff when a request is refused, by the error's
 * catalogue key, in Simplified Chinese and English.
 */
import { DEADLINE_RULES } from "../domain/lifecycle/deadlines.ts";
import { MAX_ANSWER_CHARS } from "../domain/lifecycle/timeline.ts";
import { localeOfLanguageTag } from "../i18n/t.ts";
import { MAX_REASON_CHARS } from "./action-schemas.ts";

export type ConsoleLocale = "zh" | "en";

const RETURN_DAYS = DEADLINE_RULES.returnWorkingDays;

const MESSAGES: Record<string, { zh: string; en: string }> = {
  "auth.signed_out": {
    zh: "请先登录。",
    en: "Please sign in.",
  },
  "auth.bad_credentials": {
    zh: "用户名或密码不正确。",
    en: "The username or password is not correct.",
  },
  "auth.rate_limited": {
    zh: "登录尝试次数过多，请稍后再试。",
    en: "Too many sign-in attempts. Please try again later.",
  },
  "auth.forbidden": {
    zh: "您的角色无权进行此操作。",
    en: "Your role may not do this.",
  },
  "csrf.invalid": {
    zh: "页面已过期，请刷新页面后重试。",
    en: "This page has expired. Reload it and try again.",
  },
  "case.not_found": {
    zh: "未找到该案件，或您无权查看。",
    en: "No such case, or you may not see it.",
  },
  "case.moved_from_unit": {
    zh: "未找到该案件，或您无权查看。该案件已退回信访部门或转交其他单位，本单位已不能查看或办理，在此所做的操作不会执行。请回到本单位的案件列表；如有疑问请联系信访部门。",
    en: "No such case, or you may not see it. The case was returned to the petition bureau or moved to another unit, so your unit can no longer see or act on it; nothing done here is carried out. Go back to your unit's case list; ask the petition bureau if in doubt.",
  },
  "api_key.not_found": {
    zh: "该接口密钥不存在或已停用。",
    en: "No such API key, or it was revoked already.",
  },
  "staff.not_found": {
    zh: "该工作人员不存在。",
    en: "No such staff member.",
  },
  "staff.self_deactivation": {
    zh: "不能停用自己的账号，请由另一位管理员操作。",
    en: "You cannot deactivate your own account; another administrator can.",
  },
  "staff.username_taken": {
    zh: "该用户名已被使用。",
    en: "This username is taken.",
  },
  "staff.chat_account_taken": {
    zh: "该企业微信或 Telegram 账号已关联到其他工作人员。",
    en: "This WeCom or Telegram account is linked to another staff member.",
  },
  "staff.unknown_unit": {
    zh: "承办单位不存在。",
    en: "No such unit.",
  },
  "photo.not_found": {
    zh: "照片不存在或未在本系统保存。",
    en: "The photo does not exist or is not kept by this service.",
  },
  "photo.withheld": {
    zh: "这张照片的格式无法去掉拍摄信息（位置、设备等），为保护反映人，不向承办单位显示；需要时请联系信访部门。",
    en: "This photo's format does not allow removing where and with what it was taken; to protect the petitioner it is not shown to handling units. Ask the petition bureau if you need it.",
  },
  "photo.chat_unavailable": {
    zh: "这张照片只存在聊天渠道（Telegram）里，现在取不回来，请稍后再试。",
    en: "This photo is kept by the chat channel (Telegram) only and cannot be fetched now. Try again later.",
  },
  "photo.case_not_open": {
    zh: "该案件已答复或已办结（或不在本单位办理中），不能再添加照片；照片只随答复或办理进展提交。您填写的内容仍保留，请刷新页面查看案件的最新状态。",
    en: "This case is answered or closed (or not being handled by your unit): photos can no longer be added; they go only with an answer or a progress report. What you typed is kept; reload the page to see where the case stands.",
  },
  "photo.type": {
    zh: "只能上传 JPEG、PNG、WebP 或 HEIC 格式的照片。",
    en: "Only JPEG, PNG, WebP or HEIC photos are accepted.",
  },
  "photo.size": {
    zh: "照片不能超过 5 MB。",
    en: "A photo may be at most 5 MB.",
  },
  "photo.unknown": {
    zh: "有照片未上传成功，请重新添加照片后再提交。",
    en: "A photo was not uploaded. Add the photos again and resubmit.",
  },
  "case.already_decided": {
    zh: "该案件已由其他工作人员处理，请刷新后查看最新状态。",
    en: "Another staff member has already decided this case. Reload to see where it stands.",
  },
  "case.illegal_transition": {
    zh: "当前状态下不能进行此操作。",
    en: "This action is not possible in the case's current status.",
  },
  "case.report_to_discipline_only": {
    zh: "检举控告类事项只能交由纪检监察机关办理。",
    en: "A report against officials may only go to the discipline body.",
  },
  "case.merge_target_final": {
    zh: "目标案件已终结，不能合并到该案件。",
    en: "The target case is finished; nothing can be merged into it.",
  },
  "case.return_window_closed": {
    zh: `退回期限（${RETURN_DAYS}个工作日）已过，请联系信访部门改派。`,
    en: `The ${RETURN_DAYS}-working-day window to return the case has closed; ask the clerks to reassign it.`,
  },
  "case.extension_used": {
    zh: "该案件已延期一次，不能再次延期。",
    en: "The case was already extended once; there is one extension only.",
  },
  "case.extension_too_late": {
    zh: "延期须在办理期限届满前申请。",
    en: "An extension must be granted before the handling deadline.",
  },
  "case.consultation_not_extended": {
    zh: "咨询应在 5 个工作日内答复，不能延期。",
    en: "A consultation is answered within 5 working days and is not extended.",
  },
  "case.consultation_not_reviewed": {
    zh: "咨询的答复不能申请复查复核；群众不满意的，可以作为反映提出。",
    en: "A consultation's answer is not reviewed; the citizen may file the matter as a complaint.",
  },
  "case.review_final": {
    zh: "同一事项已经复核，不再受理。",
    en: "The same matter went through 复核 and is not accepted again.",
  },
  "case.review_window_open": {
    zh: "群众申请复查的期限尚未届满。",
    en: "The citizen may still ask for a review.",
  },
  "case.promise_out_of_range": {
    zh: "承诺办结日期须在今天到申请复查期限的前一天之间。",
    en: "The promised day must be from today to the day before the citizen's review request deadline.",
  },
  "case.answer_too_long": {
    zh: `答复内容最多 ${MAX_ANSWER_CHARS.toLocaleString("en")} 字，请精简后再提交。`,
    en: `An answer may have at most ${MAX_ANSWER_CHARS.toLocaleString("en")} characters; shorten it and submit again.`,
  },
  "case.reason_too_long": {
    zh: `理由最多 ${MAX_REASON_CHARS.toLocaleString("en")} 字，请精简后再提交。`,
    en: `A reason may have at most ${MAX_REASON_CHARS.toLocaleString("en")} characters; shorten it and submit again.`,
  },
  "case.note_too_long": {
    zh: `办理进展最多 ${MAX_REASON_CHARS.toLocaleString("en")} 字，请精简后再提交。`,
    en: `A progress note may have at most ${MAX_REASON_CHARS.toLocaleString("en")} characters; shorten it and submit again.`,
  },
  "case.already_urgent": {
    zh: "该案件已是紧急件。",
    en: "The case is urgent already.",
  },
  "case.not_urgent": {
    zh: "该案件本来就不是紧急件。",
    en: "The case is not urgent.",
  },
  "registration.invalid": {
    zh: "登记内容有误，请按提示修改后再提交。",
    en: "Some fields of the registration need correcting; see the notes beside them.",
  },
  "input.invalid": {
    zh: "提交的内容不完整或不正确，请检查后重试。",
    en: "Something in the request is missing or not valid. Check it and try again.",
  },
  "server.error": {
    zh: "系统暂时无法处理，请稍后重试。",
    en: "The service could not do this just now. Please try again shortly.",
  },
  "server.unavailable": {
    zh: "数据库暂时连不上，请稍后重试。",
    en: "The database cannot be reached just now. Please try again shortly.",
  },
  "auth.slow_down": {
    zh: "这个账号刚才多次登录失败，请稍等片刻再试。",
    en: "Too many failed sign-ins for this account; wait a moment and try again.",
  },
  not_found: {
    zh: "请求的内容不存在。",
    en: "Nothing here.",
  },
};

/** The text for `key`, or the general one for the error's code. */
export function consoleMessage(key: string, locale: ConsoleLocale): string {
  return (MESSAGES[key] ?? MESSAGES["server.error"]!)[locale];
}

export function hasConsoleMessage(key: string): boolean {
  return key in MESSAGES;
}

/** The viewer's language from Accept-Language: English when it comes first, Chinese otherwise. */
export function localeOf(acceptLanguage: string | undefined): ConsoleLocale {
  return localeOfLanguageTag(acceptLanguage);
}
