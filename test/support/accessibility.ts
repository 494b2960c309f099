/**
 * axe-core's automated accessibility checks, run on a page in headless Chromium.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

/**
 * WCAG 2.1 A and AA, 2.2's AA (targets large enough to tap) and axe's best practices (one main
 * landmark, headings in order…).
 */
const RULE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

interface AxeResults {
  readonly violations: readonly { id: string; nodes: readonly { target: string[] }[] }[];
}

/**
 * Each rule the page as it stands breaks, as "rule: the elements that break it", or none.
 * axe goes in through the DevTools protocol, which the page's Content-Security-Policy does not
 * govern: the page is checked exactly as served.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate("typeof window.axe === 'object'"))) await page.evaluate(AXE_SOURCE);
  const { violations } = (await page.evaluate(
    `axe.run(document, { runOnly: { type: "tag", values: ${JSON.stringify(RULE_TAGS)} },
      resultTypes: ["violations"] })`,
  )) as AxeResults;
  return violations.map(
    (rule) => `${rule.id}: ${rule.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  );
}
