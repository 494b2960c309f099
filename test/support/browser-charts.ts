import type { Page } from "playwright-core";

/** The bars of a chart.js chart on the page as "label:value", e.g. "市政市容:1". */
export function chartBars(page: Page, canvasId: string): Promise<string[]> {
  return page.evaluate((id) => {
    const chart = (
      globalThis as unknown as {
        Chart: {
          getChart(
            id: string,
          ): { data: { labels: string[]; datasets: { data: number[] }[] } } | undefined;
        };
      }
    ).Chart.getChart(id);
    return chart
      ? chart.data.labels.map((label, i) => `${label}:${chart.data.datasets[0]!.data[i]}`)
      : [];
  }, canvasId);
}
