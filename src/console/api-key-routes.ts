/**
 * The Open311 API keys, issued and revoked by administrators: another system
 * posts requests to /open311/v2 with one. The key is shown once, when issued;
 * only its hash and first characters are kept.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Open311Store } from "../storage/open311-store.ts";
import { adminOf } from "./console-context.ts";
import { ConsoleHttpError } from "./http-errors.ts";

const ApiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});

export const apiKeyRoutes: FastifyPluginAsyncZod<{
  store: Pick<Open311Store, "issueKey" | "listKeys" | "revokeKey">;
  clock: { now(): Date };
}> = async (app, { store, clock }) => {
  app.get(
    "/api/admin/api-keys",
    {
      schema: {
        tags: ["admin"],
        summary: "The Open311 API keys issued, newest first (admins only)",
        response: { 200: z.object({ items: z.array(ApiKeySchema) }) },
      },
    },
    async (request) => {
      adminOf(request);
      return { items: await store.listKeys() };
    },
  );

  app.post(
    "/api/admin/api-keys",
    {
      schema: {
        tags: ["admin"],
        summary:
          "Issues an Open311 API key to another system; the key is in this answer only (admins only)",
        body: z.object({ name: z.string().trim().min(1).max(100) }),
        response: { 201: ApiKeySchema.extend({ key: z.string() }) },
      },
    },
    async (request, reply) => {
      const viewer = adminOf(request);
      return reply.code(201).send(await store.issueKey(request.body.name, viewer.staff.id));
    },
  );

  app.post(
    "/api/admin/api-keys/:id/revoke",
    {
      schema: {
        tags: ["admin"],
        summary: "Revokes an Open311 API key: its system can no longer post (admins only)",
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: z.object({ revoked: z.literal(true) }) },
      },
    },
    async (request) => {
      adminOf(request);
      if (!(await store.revokeKey(request.params.id, clock.now()))) {
        throw new ConsoleHttpError(
          404,
          "api_key.not_found",
          `no API key ${request.params.id} to revoke`,
        );
      }
      return { revoked: true as const };
    },
  );
};
