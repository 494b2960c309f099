/** The classifier as administrators see it: the model serving, its figures and its retraining history. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { ClassifierOverview } from "../classification/classifier-overview.ts";
import { viewerOf } from "./console-context.ts";
import { ConsoleHttpError } from "./http-errors.ts";

export const classifierRoutes: FastifyPluginAsyncZod<{
  overview: () => Promise<ClassifierOverview>;
}> = async (app, { overview }) => {
  app.get(
    "/api/admin/classifier",
    {
      schema: {
        tags: ["admin"],
        summary:
          "The offline classifier serving now (base or retrained from clerks' decisions), its calibration, and the retrained models with their figures and verdicts (admins only)",
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      if (viewer.staff.role !== "admin") {
        throw new ConsoleHttpError(
          403,
          "auth.forbidden",
          `staff ${viewer.staff.id} (${viewer.staff.role}) may not see the classifier`,
        );
      }
      return overview();
    },
  );
};
