/**
 * Work run one at a time per key (a web chat session's turns, a case's card refreshes), the
 * keys independent of each other. Written here because the libraries at hand queue otherwise:
 * p-queue and p-limit bound concurrency over all work, async-mutex locks one object; none
 * keeps a queue per key and forgets the key once it is idle.
 */
export interface KeyedQueue {
  /**
   * Runs `work` once everything queued under `key` before it has settled (fulfilled or not),
   * and resolves or rejects as `work` does. Within one process only.
   */
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

export function createKeyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, work) {
      const next = (tails.get(key) ?? Promise.resolve()).then(work, work);
      const settled = next.catch(() => undefined);
      tails.set(key, settled);
      void settled.then(() => {
        if (tails.get(key) === settled) tails.delete(key);
      });
      return next;
    },
  };
}
