/** The dashboard figures and the CSV export, over the same filters; the hot spots of a period. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { CaseFilterSchema, listFilterAt, ListSearchSchema } from "../cases/case-filter.ts";
import { exportCasesCsv } from "../cases/case-export.ts";
import { dashboard } from "../cases/dashboard.ts";
import { linkedFindings, withConsoleLinks } from "../cases/hot-spot-links.ts";
import { FINDING_KINDS, LISTED_FINDINGS } from "../domain/places/hot-spots.ts";
import { localDateOf } from "../domain/calendar.ts";
import { viewerOf, type ConsoleContext } from "./console-context.ts";
import { localeOf } from "./messages.ts";

export const reportRoutes: FastifyPluginAsyncZod<{ context: ConsoleContext }> = async (
  app,
  { context },
) => {
  const { directory, queries, clock } = context;

  app.get(
    "/api/dashboard",
    {
      schema: {
        tags: ["reports"],
        summary: "Figures of the cases the staff member may see (last 30 days by default)",
        querystring: CaseFilterSchema,
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      return dashboard({ directory, queries }, viewer, request.query, clock.now());
    },
  );

  app.get(
    "/api/hot-spots",
    {
      schema: {
        tags: ["reports"],
        summary:
          "Hot spots of the last `days` days (default 30): clusters of one category, places named again, citizens repeating one matter, rising categories, each with its tracking numbers and the console path of the map zoomed to it (clerks). Of each kind `{ total, offset, items }`: its number of findings and `limit` of them (default 50, the largest first) from `offset`; with `kind`, only that kind's page (`{ from, to, kind, total, offset, items }`), for the rest of a long list",
        querystring: z.object({
          days: z.coerce.number().int().min(1).max(366).default(30),
          kind: z.enum(FINDING_KINDS).optional(),
          offset: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(500).default(LISTED_FINDINGS),
        }),
      },
    },
    async (request) => {
      viewerOf(request, ["clerk"]);
      const { days, kind, offset, limit } = request.query;
      const now = clock.now();
      if (kind === undefined) {
        return withConsoleLinks(await queries.hotSpots.report(now, days, { offset, limit }));
      }
      const { from, to, findings } = await queries.hotSpots.findings(now, days, kind, {
        offset,
        limit,
      });
      return { from, to, kind, ...linkedFindings(kind, findings, { from, to }) };
    },
  );

  app.get(
    "/api/export.csv",
    {
      schema: {
        tags: ["reports"],
        summary:
          "The cases the case list shows for the same filters and search `q` (every page of them) as CSV (UTF-8 with BOM), streamed, in the list's order (with `overdue`, the longest overdue first; a text search's newest first); X-Export-Rows tells how many (a search's all, uncapped); no citizen identity for handlers",
        querystring: ListSearchSchema,
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const { q, ...filter } = request.query;
      const exported = await exportCasesCsv(
        { directory, queries },
        viewer,
        { filter: listFilterAt(filter, clock.now()), q },
        localeOf(request.headers["accept-language"]),
      );
      request.log.info({ staffId: viewer.staff.id, rows: exported.rows }, "cases exported");
      const name = `cases-${localDateOf(clock.now())}.csv`;
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${name}"`)
        .header("cache-control", "no-store")
        .header("x-export-rows", String(exported.rows))
        .send(exported.csv);
    },
  );
};
