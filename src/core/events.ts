/**
 * What the core tells the channels after the fact: a small typed event bus. The core commits,
 * then emits; a channel that cares (Telegram's cards, say) listens. Nothing a listener does can
 * reach back into the emitter: the emitter never awaits it, and a failure is logged once.
 * Not Node's EventEmitter (a listener's rejection would be unhandled, and there is no waiting
 * for listeners at shutdown) nor emittery (its emit awaits the listeners and rejects with the
 * first failure): what is needed is typed names, fire-and-log, and settled().
 */
import type { Case } from "../domain/lifecycle/case.ts";
import type { Logger } from "../logging/logger.ts";

/** The events, by name, with what each carries. */
export interface CoreEventMap {
  /** A decision on a case was committed (by staff, the citizen or the deadline scheduler). */
  readonly caseDecided: { readonly trackingNo: string; readonly decided: Case };
}

export type CoreEventName = keyof CoreEventMap;
export type CoreEventHandler<K extends CoreEventName> = (
  payload: CoreEventMap[K],
) => void | Promise<void>;

export interface CoreEvents {
  /** Adds a listener; listeners run in the order they were added, each on its own. */
  on<K extends CoreEventName>(name: K, handler: CoreEventHandler<K>): void;
  /**
   * Tells every listener, without waiting for them: returns at once and never throws. A
   * listener that throws or rejects is logged once (with the event's case number) and the
   * others still run.
   */
  emit<K extends CoreEventName>(name: K, payload: CoreEventMap[K]): void;
  /** Resolves once every listener started so far has finished (before the database closes). */
  settled(): Promise<void>;
}

export function createCoreEvents(logger: Logger): CoreEvents {
  const listeners = new Map<CoreEventName, CoreEventHandler<CoreEventName>[]>();
  const running = new Set<Promise<void>>();

  return {
    on(name, handler) {
      const list = listeners.get(name) ?? [];
      list.push(handler as CoreEventHandler<CoreEventName>);
      listeners.set(name, list);
    },
    emit(name, payload) {
      for (const handler of listeners.get(name) ?? []) {
        const run = Promise.resolve()
          .then(() => handler(payload))
          .catch((error: unknown) => {
            logger.error(
              { err: error, event: name, caseNo: payload.trackingNo },
              "core event listener failed; the event stands",
            );
          });
        running.add(run);
        void run.then(() => running.delete(run));
      }
    },
    async settled() {
      while (running.size > 0) await Promise.all(running);
    },
  };
}
