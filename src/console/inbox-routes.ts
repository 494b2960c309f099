/**
 * Chat messages the service gave up on after their last attempt (a chat whose replies kept
 * failing): set aside so the chat goes on, and listed here so a clerk can follow up.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { CASE_CHANNELS } from "../domain/vocabulary.ts";
import type { InboxStore } from "../storage/inbox-store.ts";
import { viewerOf } from "./console-context.ts";

const LIMIT = 100;

export const inboxRoutes: FastifyPluginAsyncZod<{
  inbox: Pick<InboxStore, "setAsideUpdates">;
}> = async (app, { inbox }) => {
  app.get(
    "/api/inbox/set-aside",
    {
      schema: {
        tags: ["cases"],
        summary: `Chat messages set aside after their last attempt (clerks; the newest ${LIMIT})`,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                channel: z.enum(CASE_CHANNELS),
                updateId: z.string(),
                chatId: z.string().nullable(),
                receivedAt: z.date(),
                failedAt: z.date(),
                attempts: z.number(),
                lastError: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      viewerOf(request, ["clerk"]);
      return { items: await inbox.setAsideUpdates(LIMIT) };
    },
  );
};
