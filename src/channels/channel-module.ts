/**
 * The one shape of a chat channel (Telegram, WeCom, the web chat): each channel's folder has a
 * factory `xxxChannel(core, settings)` that returns it, and the composition root only lists
 * the enabled modules. The outbox worker finds a row's sender and renderer by the module's name.
 */
import type { FastifyPluginAsync } from "fastify";
import type { ChannelName } from "../domain/vocabulary.ts";
import type { OutboxDelivery } from "../notifications/outbox-worker.ts";

export interface ChannelModule extends OutboxDelivery {
  /** The channel of its outbox rows, inbox updates and citizen identities. */
  readonly name: ChannelName;
  /** Its HTTP routes (webhooks, callbacks, pages), registered as a plugin before listening. */
  readonly routes?: FastifyPluginAsync;
  /** Starts taking updates (polling, pulling, the inbox processor); after the server listens. */
  start(): Promise<void>;
  /** Stops taking updates and waits for the ones in hand, at most `graceMs`. */
  stop(graceMs: number): Promise<void>;
  /**
   * Downloads a citizen's photo the channel keeps by its own file id (a Telegram photo the
   * service could not download when it came), for the console; absent when the channel keeps
   * every photo with the service. Throws when the download fails.
   */
  readonly photoDownload?: (fileId: string) => Promise<Buffer>;
}
