/** The dashboard figures and the CSV export, over the same filters; the hot spots of a period. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { CaseFilterSchema } from "../cases/case-filter.ts";
import { exportCasesCsv } from "../cases/case-export.ts";
import { dashboard } from "../cases/dashboard.ts";
import { withConsoleLinks } from "../cases/hot-spot-links.ts";
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
          "Hot spots of the last `days` days (default 30): clusters of one category, places named again, citizens repeating one matter, rising categories, each with its tracking numbers and the console path of the map zoomed to it (clerks)",
        querystring: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }),
      },
    },
    async (request) => {
      viewerOf(request, ["clerk"]);
      return withConsoleLinks(await queries.hotSpots.report(clock.now(), request.query.days));
    },
  );

  app.get(
    "/api/export.csv",
    {
      schema: {
        tags: ["reports"],
        summary:
          "The filtered cases as CSV (UTF-8 with BOM), streamed; X-Export-Rows tells how many; no citizen identity for handlers",
        querystring: CaseFilterSchema,
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const exported = await exportCasesCsv(
        { directory, queries },
        viewer,
        request.query,
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
