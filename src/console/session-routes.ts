/** Sign-in, the current session, sign-out, and the CSRF token a browser or API client sends back. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { STAFF_ROLES } from "../domain/vocabulary.ts";
import { viewerOf, type ConsoleContext } from "./console-context.ts";

export interface SessionRouteOptions {
  readonly context: ConsoleContext;
  /** Sign-in attempts allowed per client address in `windowMs`, whatever the username. */
  readonly signInLimit: { readonly max: number; readonly windowMs: number };
}

const StaffSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  role: z.enum(STAFF_ROLES),
  unitId: z.string().nullable(),
});

const SignInSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const sessionRoutes: FastifyPluginAsyncZod<SessionRouteOptions> = async (app, options) => {
  const { auth } = options.context;

  app.get(
    "/api/csrf",
    {
      schema: {
        tags: ["session"],
        summary: "A CSRF token to send as x-csrf-token with every state-changing request",
        response: { 200: z.object({ csrfToken: z.string() }) },
      },
    },
    async (_request, reply) => ({ csrfToken: reply.generateCsrf() }),
  );

  app.get(
    "/api/session",
    {
      schema: {
        tags: ["session"],
        summary: "The signed-in staff member",
        response: { 200: z.object({ staff: StaffSchema }) },
      },
    },
    async (request) => ({ staff: viewerOf(request).staff }),
  );

  app.post(
    "/api/session",
    {
      schema: {
        tags: ["session"],
        summary:
          "Sign in (rate-limited per address; a username is slowed down after wrong passwords)",
        body: SignInSchema,
        response: { 200: z.object({ staff: StaffSchema }) },
      },
      config: {
        rateLimit: {
          max: options.signInLimit.max,
          timeWindow: options.signInLimit.windowMs,
          hook: "preHandler",
          keyGenerator: (request) => `sign-in|${request.ip}`,
        },
      },
    },
    async (request, reply) => {
      const staff = await auth.signIn(request.body.username, request.body.password, request, reply);
      request.log.info({ staffId: staff.id, role: staff.role }, "staff signed in");
      return { staff };
    },
  );

  app.delete(
    "/api/session",
    { schema: { tags: ["session"], summary: "Sign out" } },
    async (request, reply) => {
      await auth.signOut(request, reply);
      if (request.consoleViewer) {
        request.log.info({ staffId: request.consoleViewer.staff.id }, "staff signed out");
      }
      return reply.code(204).send();
    },
  );
};
