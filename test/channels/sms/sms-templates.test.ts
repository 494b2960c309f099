/**
 * The SMS templates: written once, registered by operators from the README, and checked
 * against each provider's rules before anything is sent.
 */
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import {
  renderSms,
  SMS_TEMPLATE_NAMES,
  SMS_TEMPLATES,
  smsParamsProblem,
  smsTemplateText,
} from "../../../src/channels/sms/sms-templates.ts";

describe("the SMS templates", () => {
  it("are listed in the README exactly as operators register them with each provider", async () => {
    const readme = await readFile(new URL("../../../README.md", import.meta.url), "utf8");
    for (const name of SMS_TEMPLATE_NAMES) {
      for (const provider of ["tencent", "aliyun"] as const) {
        expect(readme).toContain(smsTemplateText(name, provider, "<PUBLIC_URL>/status"));
      }
    }
  });

  it("number Tencent's variables from 1 and name Alibaba's; the link is fixed text", () => {
    expect(smsTemplateText("receipt", "tencent", "https://x.gov.cn/status")).toBe(
      "您反映的问题已登记，编号{1}，查询码{2}，请妥善保存。办理进度请查看 https://x.gov.cn/status",
    );
    expect(smsTemplateText("login_code", "aliyun", "https://x.gov.cn/status")).toContain(
      "验证码为${code}，",
    );
  });

  it("keep each provider's rules: no two variables touch, codes say 验证码, under 500 characters", () => {
    for (const name of SMS_TEMPLATE_NAMES) {
      const template = SMS_TEMPLATES[name];
      expect(template.zh).not.toMatch(/\}\{/);
      expect(template.zh).not.toMatch(/[【】]/);
      if (template.kind === "verification") expect(template.zh).toContain("验证码");
      expect(template.zh.length).toBeLessThan(500);
    }
  });

  it("take only values that fit: a tracking number, digits for codes, no links", () => {
    const answer = {
      template: "answer_ready",
      params: { trackingNo: "ZK-20261128-0042" },
    } as const;
    expect(smsParamsProblem(answer)).toBeNull();
    expect(renderSms(answer, "https://x.gov.cn/status")).toBe(
      "您反映的问题（编号ZK-20261128-0042）已有答复，请凭查询码查看答复并评价 https://x.gov.cn/status",
    );
    expect(smsParamsProblem({ template: "login_code", params: { code: "12a4" } })).toMatch(/code/);
    expect(
      smsParamsProblem({ template: "answer_ready", params: { trackingNo: "https://evil.cn" } }),
    ).toMatch(/trackingNo/);
    expect(
      smsParamsProblem({ template: "login_code", params: { code: "1234", extra: "x" } } as never),
    ).toMatch(/unknown variable extra/);
  });
});
