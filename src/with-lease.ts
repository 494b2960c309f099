import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Logger } from "./logging/logger.ts";
import type { LeaseStore } from "./storage/leases.ts";

/**
 * A new owner of leases for one job of this process: the host and process tell an operator
 * which instance holds a lease, the random part keeps two jobs of one process apart.
 */
export function leaseOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

/**
 * Runs `job` while holding the lease, renewing it every third of `ttlMs` and giving it up
 * afterwards. Resolves to false, without running the job, when another owner holds it.
 */
export async function withLease(
  leases: LeaseStore,
  lease: { name: string; owner: string; ttlMs: number; now: () => number; logger: Logger },
  job: () => Promise<void>,
): Promise<boolean> {
  const { name, owner, ttlMs, now, logger } = lease;
  if (!(await leases.acquireLease(name, owner, now(), ttlMs))) return false;
  const renew = setInterval(() => {
    leases.acquireLease(name, owner, now(), ttlMs).then(
      (kept) => {
        if (!kept) logger.warn({ lease: name }, "lease lost while working");
      },
      (error: unknown) => logger.warn({ err: error, lease: name }, "lease could not be renewed"),
    );
  }, ttlMs / 3);
  renew.unref();
  try {
    await job();
  } finally {
    clearInterval(renew);
    await leases
      .releaseLease(name, owner)
      .catch((error: unknown) => logger.warn({ err: error, lease: name }, "lease not released"));
  }
  return true;
}
