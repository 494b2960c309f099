/** The templates as an operator registered them with a provider: ids and parameter counts. */
import {
  SMS_TEMPLATE_NAMES,
  smsTemplateVariables,
  type SmsTemplateName,
} from "../../../src/channels/sms/sms-templates.ts";

export const TEMPLATE_IDS = Object.fromEntries(
  SMS_TEMPLATE_NAMES.map((name, index) => [name, String(2001 + index)]),
) as Record<SmsTemplateName, string>;

/** Template id → its variable names, as the provider's console holds them. */
export const APPROVED_TEMPLATES = Object.fromEntries(
  SMS_TEMPLATE_NAMES.map((name) => [TEMPLATE_IDS[name], smsTemplateVariables(name)]),
);
