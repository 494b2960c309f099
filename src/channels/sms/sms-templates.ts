/**
 * The SMS templates the product sends, written once. SMS in mainland China goes out only through
 * templates the provider has approved, so each one here is registered by the operator (the
 * README lists them; `smsTemplateText` prints the exact text for a provider) and its id set in
 * the settings (`SMS_TEMPLATE_<NAME>`).
 *
 * Rules both providers enforce, and how these templates keep them:
 * - A link must be a constant in the template, on an ICP-registered domain; a variable may never
 *   hold a URL (Tencent: InvalidParameterValue.ProhibitedUseUrlInTemplateParameter). So the
 *   status link is fixed text (`{link}` below, the operator's PUBLIC_URL + /status), and the
 *   tracking number travels in its own variable.
 * - No template is all variables, and no two variables touch.
 * - Verification-code templates say 验证码 and carry one code of 4–6 digits (both providers).
 * - Variable lengths: Tencent allows at most 6 digits in a verification code and, for accounts
 *   verified as a person, 12 characters per other variable (organisation accounts have no such
 *   cap: InvalidParameterValue.TemplateParameterLengthLimit); Alibaba caps each variable by the
 *   attribute chosen when registering (其他号码, 仅数字 …). Tracking numbers (16 characters)
 *   therefore need an organisation-verified account, which a government body has.
 * - Whole message (signature included) at most 500 characters; up to 70 is billed as one SMS.
 */

/** How a variable's value may look; checked before anything is sent. */
export interface SmsVariableRule {
  /** What the operator picks as the variable's attribute when registering on Alibaba Cloud. */
  readonly aliyunAttribute: "numberCaptcha" | "other_number2" | "others";
  readonly pattern: RegExp;
  readonly maxLength: number;
}

const TRACKING_NO: SmsVariableRule = {
  aliyunAttribute: "other_number2",
  pattern: /^[A-Z]{1,4}-\d{8}-\d{4,6}$/,
  maxLength: 20,
};
const QUERY_CODE: SmsVariableRule = {
  aliyunAttribute: "other_number2",
  pattern: /^\d{4,6}$/,
  maxLength: 6,
};
const ONE_TIME_CODE: SmsVariableRule = {
  aliyunAttribute: "numberCaptcha",
  pattern: /^\d{4,6}$/,
  maxLength: 6,
};
const STATUS_WORD: SmsVariableRule = {
  aliyunAttribute: "others",
  pattern: /^[\u4e00-\u9fff]{2,6}$/,
  maxLength: 6,
};

/** Minutes a one-time login code stays valid; part of the approved text, so fixed here. */
export const LOGIN_CODE_TTL_MINUTES = 5;

/**
 * Each template: its kind at the provider, its Chinese text with `{variable}` placeholders and
 * `{link}` for the fixed status link, and its variables in the order they appear.
 */
export const SMS_TEMPLATES = {
  receipt: {
    kind: "notification",
    purpose: "a new case is registered: its tracking number and query code",
    zh: "您反映的问题已登记，编号{trackingNo}，查询码{queryCode}，请妥善保存。办理进度请查看{link}",
    variables: { trackingNo: TRACKING_NO, queryCode: QUERY_CODE },
  },
  status_changed: {
    kind: "notification",
    purpose: "the case's status changed (accepted, assigned, extended, not accepted …)",
    zh: "您反映的问题（编号{trackingNo}）办理状态更新为{status}，详情请凭查询码查看{link}",
    variables: { trackingNo: TRACKING_NO, status: STATUS_WORD },
  },
  answer_ready: {
    kind: "notification",
    purpose: "the unit answered: read the answer and rate it on the status page",
    zh: "您反映的问题（编号{trackingNo}）已有答复，请凭查询码查看答复并评价{link}",
    variables: { trackingNo: TRACKING_NO },
  },
  answer_follow_up: {
    kind: "notification",
    purpose: "the answer's one follow-up while unrated (answer-follow-up.ts): is it solved?",
    zh: "您反映的问题（编号{trackingNo}）已有答复，现在事情解决了吗？请凭查询码查看答复并评价{link}",
    variables: { trackingNo: TRACKING_NO },
    // Added after deployments began: until an operator has it approved and set, the follow-up
    // goes by the answer's own template (the same variables), so that an upgrade still starts.
    standIn: "answer_ready",
  },
  login_code: {
    kind: "verification",
    purpose: "one-time code to open 我的诉求 by phone number",
    zh: `您的验证码为{code}，用于查询“我的诉求”，${LOGIN_CODE_TTL_MINUTES}分钟内有效。如非本人操作，请忽略本短信。`,
    variables: { code: ONE_TIME_CODE },
  },
  new_query_code: {
    kind: "notification",
    purpose: "a new query code after too many wrong attempts",
    zh: "您反映的问题（编号{trackingNo}）的查询码因多次输错已更换，新查询码{queryCode}，查看进度{link}",
    variables: { trackingNo: TRACKING_NO, queryCode: QUERY_CODE },
  },
} as const satisfies Record<
  string,
  {
    kind: "notification" | "verification";
    purpose: string;
    zh: string;
    variables: Record<string, SmsVariableRule>;
    /** The approved template sent instead while this one's setting is unset. */
    standIn?: string;
  }
>;

export type SmsTemplateName = keyof typeof SMS_TEMPLATES;
export const SMS_TEMPLATE_NAMES = Object.keys(SMS_TEMPLATES) as SmsTemplateName[];

/** The values a template needs, by variable name. */
export type SmsTemplateParams<T extends SmsTemplateName> = {
  readonly [V in keyof (typeof SMS_TEMPLATES)[T]["variables"]]: string;
};

/** A message to send: which template, with which values. */
export type SmsContent = {
  [T in SmsTemplateName]: { readonly template: T; readonly params: SmsTemplateParams<T> };
}[SmsTemplateName];

/** The variable names of a template, in the order they appear in its text. */
export function smsTemplateVariables(template: SmsTemplateName): readonly string[] {
  return Object.keys(SMS_TEMPLATES[template].variables);
}

/**
 * Why the values do not fit the template (a missing, extra, too long or malformed value);
 * null when they fit. Checked before sending: the provider would refuse them anyway, after a
 * round trip and sometimes a charge.
 */
export function smsParamsProblem(content: SmsContent): string | null {
  const rules: Record<string, SmsVariableRule> = SMS_TEMPLATES[content.template].variables;
  const params: Record<string, unknown> = content.params;
  for (const name of Object.keys(params)) {
    if (!(name in rules)) return `${content.template}: unknown variable ${name}`;
  }
  for (const [name, rule] of Object.entries(rules)) {
    const value = params[name];
    if (typeof value !== "string") return `${content.template}: ${name} is missing`;
    if (value.length > rule.maxLength || !rule.pattern.test(value)) {
      return `${content.template}: ${name} does not fit ${rule.pattern} (at most ${rule.maxLength})`;
    }
  }
  return null;
}

/**
 * The template text as the operator registers it with `provider`: Tencent numbers variables
 * {1}, {2} … in order of appearance; Alibaba names them ${name}. `statusLink` is the fixed link
 * written into the text (the service's PUBLIC_URL + /status).
 */
export function smsTemplateText(
  template: SmsTemplateName,
  provider: "tencent" | "aliyun",
  statusLink: string,
): string {
  const order = smsTemplateVariables(template);
  return fill(template, statusLink, (name) =>
    provider === "tencent" ? `{${order.indexOf(name) + 1}}` : `\${${name}}`,
  );
}

/** The message as the citizen reads it (for tests, lengths and the console's record). */
export function renderSms(content: SmsContent, statusLink: string): string {
  const params: Record<string, string> = content.params;
  return fill(content.template, statusLink, (name) => params[name] ?? "");
}

/** The link stands after a space, so that phones recognise where it starts. */
function fill(template: SmsTemplateName, link: string, variable: (name: string) => string) {
  return SMS_TEMPLATES[template].zh.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === "link" ? ` ${link}` : variable(name),
  );
}
