/**
 * The clerks' weekly hot-spot digest as they read it in their chats (zh, like every staff
 * text): the findings of each kind it is given (the first of them) with the kind's total and
 * their case counts, each with the link to the
 * console map zoomed to it, and the link to the whole hot-spot page. Tracking numbers and
 * categories only, never a citizen. Links need PUBLIC_URL; without it there are none.
 */
import type { LinkedHotSpotReport } from "../cases/hot-spot-links.ts";
import type { Directory } from "../domain/directory.ts";
import type { Listed } from "../domain/places/hot-spots.ts";
import { formatDate } from "../i18n/format.ts";
import { DAY_MS } from "../domain/shanghai-time.ts";

export function hotSpotDigestText(
  report: LinkedHotSpotReport,
  deps: { readonly directory: Directory; readonly publicUrl?: string | undefined },
): string {
  const category = (code: string) =>
    deps.directory.categories.find((c) => c.code === code)?.name ?? code;
  const region = (code: string | null) =>
    code === null
      ? "地区未定"
      : (deps.directory.regions.find((r) => r.code === code)?.name ?? code);
  const link = (path: string) => (deps.publicUrl ? [`  ${deps.publicUrl}${path}`] : []);
  const days = Math.round((report.to.getTime() - report.from.getTime()) / DAY_MS);
  const head = `【热点问题周报】${formatDate("zh", report.from)}至${formatDate("zh", report.to)}`;
  const sections = [
    section("同类问题聚集", report.clusters, (c) => [
      // The farthest case from the centre: a cluster links cases within 500 m of one another
      // and can reach further, so no distance between its cases is claimed.
      `· ${category(c.category)} ${c.caseIds.length} 件，距中心 ${Math.round(c.radiusMetres)} 米内`,
      ...link(c.mapPath),
    ]),
    section("反复提到的地点", report.repeatedPlaces, (p) => [
      `· ${p.place.name.replaceAll("+", "与")}（${region(p.region)}）${p.caseCount} 件：${p.categories.map(category).join("、")}`,
      ...(p.bounds ? link(p.mapPath) : []),
    ]),
    section("同一群众重复反映", report.repeatComplaints, (r) => [
      `· ${r.caseIds.length} 件：${r.caseIds.join("、")}`,
    ]),
    section("上升的类别", report.risingCategories, (r) => [
      `· ${category(r.category)} ${r.current} 件（上一期 ${r.previous} 件）`,
      ...link(r.listPath),
    ]),
  ].flat();
  return [
    head,
    ...(sections.length > 0 ? sections : ["本期未发现热点问题。"]),
    ...(deps.publicUrl ? [`全部热点：${deps.publicUrl}/console/hot-spots?days=${days}`] : []),
  ].join("\n");
}

/**
 * A kind's findings under its title with its total (and how many are listed when not all), or
 * nothing when it found nothing.
 */
function section<T>(title: string, findings: Listed<T>, lines: (finding: T) => string[]): string[] {
  const { total, items } = findings;
  if (total === 0) return [];
  const more =
    items.length < total ? `（前 ${items.length} 处，共 ${total} 处）` : `（${total} 处）`;
  return [`${title}${more}`, ...items.flatMap(lines)];
}
