/** The classifier as administrators see it: the model serving, its figures and its retraining history. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { ClassifierOverview } from "../classification/classifier-overview.ts";
import { adminOf } from "./console-context.ts";

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
      adminOf(request);
      return overview();
    },
  );
};
