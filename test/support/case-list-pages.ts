import type { CasePage, CasePageRequest } from "../../src/storage/queries/case-list.ts";
import type { CaseWorld } from "./case-world.ts";

/**
 * The case list of `world()` as a clerk reads it unless told otherwise (every case, no filter,
 * 50 a page), and the tracking numbers of a page in its order. `world` is read at each call:
 * the tests build it in their beforeAll.
 */
export function casePages(world: () => CaseWorld) {
  return {
    page: (request: Partial<CasePageRequest>): Promise<CasePage> =>
      world().queries.cases.page({ scope: { kind: "all" }, filter: {}, limit: 50, ...request }),
    async numbersOf(result: CasePage): Promise<string[]> {
      const rows = await world().db.case.findMany({
        where: { id: { in: [...result.ids] } },
        select: { id: true, trackingNo: true },
      });
      const byId = new Map(rows.map((row) => [row.id, row.trackingNo]));
      return result.ids.map((id) => byId.get(id)!);
    },
  };
}
