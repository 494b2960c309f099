/**
 * The dashboard's bar charts in headless Chromium name every bar: with a case in each of the
 * city's 16 categories and 12 regions, no name is skipped for want of room (Chart.js once drew
 * every other category's), and no two names are drawn over each other, on a desktop and a phone.
 * Screenshots go to CONSOLE_SCREENSHOTS (or a temporary folder) for a person to look at.
 */
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DESKTOP, useConsoleAndBrowser } from "./console-world.ts";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };
const scene = useConsoleAndBrowser({ staff: [{ username: "li", role: "clerk" }] });

/** A bar chart's names as given, those drawn, and the room between two drawn names, in px. */
interface ChartNames {
  readonly given: readonly string[];
  readonly drawn: readonly string[];
  /** The least distance between two neighbouring names along the axis. */
  readonly leastGap: number;
  /** The names' font size: a gap below it draws them over each other. */
  readonly fontSize: number;
}

function chartNames(page: Page, canvasId: string): Promise<ChartNames> {
  return page.evaluate((id) => {
    interface Scale {
      ticks: { label: string }[];
      getPixelForTick(index: number): number;
      options: { ticks: { font?: { size?: number } } };
      isHorizontal(): boolean;
      labelRotation: number;
    }
    const chart = (
      globalThis as unknown as {
        Chart: {
          getChart(id: string):
            | {
                data: { labels: string[] };
                options: { indexAxis: string };
                scales: Record<string, Scale>;
              }
            | undefined;
        };
      }
    ).Chart.getChart(id)!;
    const scale = chart.scales[chart.options.indexAxis]!;
    const pixels = scale.ticks.map((_, i) => scale.getPixelForTick(i));
    const gaps = pixels.slice(1).map((p, i) => Math.abs(p - pixels[i]!));
    // Turned upright, names under a vertical bar need only their height between them.
    return {
      given: chart.data.labels,
      drawn: scale.ticks.map((tick) => tick.label),
      leastGap: Math.min(...gaps),
      fontSize: scale.options.ticks.font?.size ?? 12,
    };
  }, canvasId);
}

describe("the dashboard's bar charts", { timeout: 90_000 }, () => {
  it("names every category's and every region's bar, none over another", async () => {
    const { categories, regions } = scene.world.app.directory;
    for (const [i, category] of categories.entries()) {
      const region = regions[i % regions.length]!.code;
      await scene.world.file(`citizen-${i}`, { category: category.code, region });
    }
    const shots =
      process.env.CONSOLE_SCREENSHOTS ?? (await mkdtemp(path.join(os.tmpdir(), "dashboard-")));

    for (const [name, device] of [
      ["desktop", DESKTOP],
      ["phone", PHONE],
    ] as const) {
      const { page, errors } = await scene.signedInPage("li", { device });
      await page.goto(`${scene.world.url}/console/dashboard`);
      await page.locator("#chart-category").waitFor();

      for (const [id, count] of [
        ["chart-category", categories.length],
        ["chart-region", regions.length],
      ] as const) {
        const names = await chartNames(page, id);
        const where = `${name} ${id}`;
        expect(names.given, where).toHaveLength(count);
        expect(names.drawn, where).toEqual(names.given);
        expect(names.leastGap, where).toBeGreaterThanOrEqual(names.fontSize);
      }
      await page.screenshot({ path: path.join(shots, `dashboard-${name}.png`), fullPage: true });
      expect(errors).toEqual([]);
    }
  });
});
