/**
 * The scheduled retraining (CLASSIFIER_RETRAIN_HOURS): one instance at a time,
 * under a lease, runs `npm run retrain` in a child process (training takes
 * seconds of CPU that the service's event loop must not wait for); every
 * instance then serves the model in service in the database.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Logger } from "../logging/logger.ts";
import type { LeaseStore } from "../storage/leases.ts";
import { leaseOwner, withLease } from "../with-lease.ts";
import type { ClassificationService } from "./create-classification.ts";
import type { ClassifierModelStore } from "./learning.ts";
import { deserializeModel } from "./model.ts";

const RETRAIN_CLI = fileURLToPath(new URL("../cli/retrain.ts", import.meta.url));

export interface RetrainJobDeps {
  readonly store: ClassifierModelStore;
  readonly service: ClassificationService;
  readonly leases: LeaseStore;
  readonly clock: { now(): Date };
  readonly logger: Logger;
  readonly intervalMs: number;
  /** The id of the model serving now (null: the base model). */
  readonly servingId: string | null;
  /** The settings of the child process: DATABASE_URL, DIRECTORY_FILE, CLASSIFIER_CACHE_DIR. */
  readonly env: Readonly<Record<string, string>>;
}

export interface RetrainJob {
  /** Retrains now and then every interval; does nothing when already started. */
  start(): void;
  /** Stops and waits for the run in progress. */
  stop(): Promise<void>;
  /** Retrains when this instance gets the lease, then serves the model in service. */
  runOnce(): Promise<void>;
}

export function createRetrainJob(deps: RetrainJobDeps): RetrainJob {
  const logger = deps.logger.child({ component: "classifier-retrain" });
  let servingId = deps.servingId;
  let timer: NodeJS.Timeout | undefined;
  let inProgress: Promise<void> | null = null;
  const lease = {
    name: "classifier-retrain",
    owner: leaseOwner(),
    ttlMs: 30 * 60_000,
    now: () => deps.clock.now().getTime(),
    logger,
  };

  async function serveLatest(): Promise<void> {
    const id = await deps.store.inServiceId();
    if (id === null || id === servingId) return;
    const stored = await deps.store.inService();
    if (!stored) return;
    deps.service.use(deserializeModel(stored.artifact));
    servingId = stored.record.id;
    logger.info({ modelId: servingId }, "retrained classifier now serving");
  }

  async function runOnce(): Promise<void> {
    await withLease(deps.leases, lease, async () => {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ["--import", "tsx", RETRAIN_CLI, "--json"],
        { env: deps.env, maxBuffer: 16 * 1024 * 1024 },
      );
      const outcome = JSON.parse(stdout) as { result: string; modelId?: string };
      logger.info({ result: outcome.result, modelId: outcome.modelId }, "classifier retrained");
    });
    await serveLatest();
  }

  function tick(): void {
    if (inProgress) return;
    inProgress = runOnce()
      .catch((error: unknown) => logger.error({ err: error }, "classifier retraining failed"))
      .finally(() => {
        inProgress = null;
      });
  }

  return {
    start() {
      if (timer) return;
      tick();
      timer = setInterval(tick, deps.intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await inProgress;
    },
    runOnce,
  };
}
