import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { Logger } from "../logging/logger.ts";

export interface HttpDependencies {
  readonly logger: Logger;
  /** True when the service can do its work (the database answers). */
  readonly isHealthy: () => Promise<boolean>;
}

/**
 * The HTTP server: health, and (installed by the composition root) the
 * channels' webhooks, the web chat and the console. Nothing listens until
 * the caller calls `listen`.
 */
export function createHttpServer({ logger, isHealthy }: HttpDependencies): FastifyInstance {
  const server = Fastify({
    loggerInstance: logger.child({ component: "http" }) as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
  });

  server.get("/healthz", { logLevel: "warn" }, async (_request, reply) => {
    const healthy = await isHealthy();
    return reply.code(healthy ? 200 : 503).send({ status: healthy ? "ok" : "unavailable" });
  });

  return server;
}
