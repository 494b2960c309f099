/**
 * The hot-spot report in plain lines, for the command that prints the figures
 * (and anyone reading them in a terminal): each kind's total and the findings listed (the
 * first of them, said so), each with its cases' tracking numbers (a place named again its
 * newest, said so), categories and regions by name, never a citizen.
 */
import type { Directory } from "../domain/directory.ts";
import {
  DEFAULT_CLUSTER_SETTINGS,
  type HotSpotReport,
  type Listed,
} from "../domain/places/hot-spots.ts";
import { DAY_MS } from "../domain/shanghai-time.ts";

/** A kind's total, and which of them are listed when not all are. */
const counted = ({ total, offset, items }: Listed<unknown>) =>
  items.length === total
    ? `${total}`
    : items.length === 0
      ? `${total}, none listed from ${offset + 1}`
      : `${total}, ${offset + 1}–${offset + items.length} listed`;

const day = (date: Date) => date.toISOString().slice(0, 10);

export function hotSpotReportText(report: HotSpotReport, directory: Directory): string {
  const category = (code: string) =>
    directory.categories.find((c) => c.code === code)?.name ?? code;
  const region = (code: string | null) =>
    code === null ? "—" : (directory.regions.find((r) => r.code === code)?.name ?? code);
  const days = Math.round((report.to.getTime() - report.from.getTime()) / DAY_MS);
  const { minCases, radiusMetres, windowDays } = DEFAULT_CLUSTER_SETTINGS;
  return [
    `hot spots ${day(report.from)} – ${day(report.to)} (${days} days)`,
    "",
    `clusters (at least ${minCases} cases of one category within ${radiusMetres} m and ${windowDays} days): ${counted(report.clusters)}`,
    ...report.clusters.items.map(
      (c) =>
        `  ${category(c.category)} · ${c.caseIds.length} cases within ${Math.round(c.radiusMetres)} m of ` +
        `${c.center.latitude.toFixed(5)},${c.center.longitude.toFixed(5)} · ${c.caseIds.join(" ")}`,
    ),
    `places named again (at least ${minCases} cases): ${counted(report.repeatedPlaces)}`,
    ...report.repeatedPlaces.items.map(
      (p) =>
        `  ${p.place.name.replaceAll("+", "/")} (${region(p.region)}) · ${p.caseCount} cases · ` +
        `${p.categories.map(category).join(", ")} · ` +
        `${p.caseIds.length < p.caseCount ? `newest ${p.caseIds.length}: ` : ""}${p.caseIds.join(" ")}`,
    ),
    `citizens repeating one matter (重复信访): ${counted(report.repeatComplaints)}`,
    ...report.repeatComplaints.items.map(
      (r) => `  ${r.caseIds.length} cases · ${r.caseIds.join(" ")}`,
    ),
    `categories rising against the ${days} days before: ${counted(report.risingCategories)}`,
    ...report.risingCategories.items.map(
      (r) =>
        `  ${category(r.category)} · ${r.current} (before ${r.previous}${r.ratio === null ? "" : `, ×${r.ratio}`})`,
    ),
  ].join("\n");
}
