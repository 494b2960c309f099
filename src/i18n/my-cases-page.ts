/**
 * The words of 我的诉求 (/my): the phone sign-in and the list of a phone's cases, in both
 * languages. `{phone}` is the masked number, `{time}` a clock time, `{minutes}` the code's life.
 */
import type { Locale } from "./catalog.ts";

export interface MyCasesPageText {
  readonly heading: string;
  readonly intro: string;
  readonly phoneLabel: string;
  readonly phoneHint: string;
  readonly requestCode: string;
  readonly unavailable: string;
  readonly codeSent: string;
  readonly codeLabel: string;
  readonly codeHint: string;
  readonly signIn: string;
  readonly requestAgain: string;
  readonly invalidPhone: string;
  readonly limited: string;
  readonly wrongCode: string;
  readonly signedInAs: string;
  readonly none: string;
  readonly listIntro: string;
  /** The mark of a case the citizen joined (附议) rather than filed. */
  readonly supported: string;
  /** A case filed by someone else who left the signed-in number as a relative's or neighbour's. */
  readonly heldNumber: string;
  readonly trackingNo: string;
  readonly status: string;
  readonly submittedAt: string;
  readonly signOut: string;
  readonly expired: string;
  /** The way back to the list from withdrawing support (附议). */
  readonly backToList: string;
}

const zh: MyCasesPageText = {
  heading: "我的诉求",
  intro:
    "输入您反映问题时留下的手机号码，我们会发送短信验证码。验证后可以看到用这个号码反映的全部诉求，不论是在网页、微信还是 Telegram 上反映的。",
  phoneLabel: "手机号码",
  phoneHint: "11 位手机号码，例如 13812345678",
  requestCode: "获取验证码",
  unavailable: "短信验证暂未开通。请用编号和查询码查询办理进度。",
  codeSent:
    "如果这个号码（{phone}）反映过问题，验证码已经用短信发出，{minutes} 分钟内有效。没有收到的话，请 1 分钟后重新获取。",
  codeLabel: "短信验证码",
  codeHint: "6 位数字",
  signIn: "查看我的诉求",
  requestAgain: "重新获取验证码",
  invalidPhone: "请输入正确的 11 位手机号码。",
  limited: "获取验证码太频繁了，请在 {time} 以后再试。",
  wrongCode: "验证码不对或已经失效。请检查短信，或者重新获取验证码。",
  signedInAs: "手机号码：{phone}",
  none: "没有找到用这个号码反映的诉求。匿名反映的诉求不会列在这里，请用编号和查询码查询。",
  listIntro: "点编号查看办理进度和答复，也可以在那里评价。",
  supported: "附议",
  heldNumber: "他人反映，留的您的号码",
  trackingNo: "编号",
  status: "目前状态",
  submittedAt: "提交时间",
  signOut: "退出",
  expired: "登录已过期，请重新获取验证码。",
  backToList: "返回我的诉求",
};

const en: MyCasesPageText = {
  heading: "My cases",
  intro:
    "Enter the mobile number you left when you filed. We send a code by SMS; with it you see every case filed with this number, on the web, WeChat or Telegram.",
  phoneLabel: "Mobile number",
  phoneHint: "11 digits, e.g. 13812345678",
  requestCode: "Send me a code",
  unavailable:
    "Sign-in by SMS is not available. Check progress with the tracking number and query code.",
  codeSent:
    "If this number ({phone}) filed a case, a code is on its way by SMS; it is valid for {minutes} minutes. None came? Ask again after a minute.",
  codeLabel: "Code from the SMS",
  codeHint: "6 digits",
  signIn: "Show my cases",
  requestAgain: "Send another code",
  invalidPhone: "Enter a valid 11-digit mobile number.",
  limited: "Too many codes asked for. Try again after {time}.",
  wrongCode: "The code is wrong or no longer valid. Check the SMS, or ask for another code.",
  signedInAs: "Mobile number: {phone}",
  none: "No case was filed with this number. Anonymous cases are not listed: check them with the tracking number and query code.",
  listIntro: "Open a tracking number to see its progress and answer, and rate it there.",
  supported: "Supported",
  heldNumber: "Filed by someone else with your number",
  trackingNo: "Tracking number",
  status: "Status",
  submittedAt: "Submitted",
  signOut: "Sign out",
  expired: "Your sign-in has expired. Ask for a new code.",
  backToList: "Back to my cases",
};

const TEXTS: Record<Locale, MyCasesPageText> = { zh, en };

export function myCasesPageText(locale: Locale): MyCasesPageText {
  return TEXTS[locale];
}
