/**
 * A job run now and then every interval in the background, one run at a time (a run still
 * going when the next is due is not doubled): the deadline round, the weekly digest check.
 */
export interface Periodic {
  /** Runs now and then every interval; does nothing when already started. */
  start(): void;
  /** Stops and waits for the run in progress. */
  stop(): Promise<void>;
}

/** `failed` hears of a run that rejected; the next run comes all the same. */
export function createPeriodic(
  run: () => Promise<unknown>,
  intervalMs: number,
  failed: (error: unknown) => void,
): Periodic {
  let timer: NodeJS.Timeout | undefined;
  let inProgress: Promise<unknown> | null = null;

  function tick(): void {
    if (inProgress) return;
    inProgress = run()
      .catch(failed)
      .finally(() => {
        inProgress = null;
      });
  }

  return {
    start() {
      if (timer) return;
      timer = setInterval(tick, intervalMs);
      timer.unref();
      tick();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await inProgress;
    },
  };
}
