/**
 * Several instances on one database: what another instance (older or newer than this one)
 * leaves in a web chat's stored dialogue, written through the turn store every instance
 * writes through.
 */
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { OutgoingMessage } from "../../src/domain/intake/replies.ts";
import { createTurnStore } from "../../src/storage/turn-store.ts";
import type { TestApp } from "./test-app.ts";

/** The web chat whose last message was the event `eventId`. */
export async function webChatOf(service: TestApp, eventId: string): Promise<string> {
  const { chatId } = await service.app.db.dialogueState.findFirstOrThrow({
    where: { channel: "web", lastEventId: eventId },
  });
  return chatId;
}

/**
 * Saves the web chat's dialogue as `change` makes it, as the other instance would after the
 * citizen's last turn, with the replies it sent.
 */
export async function savedByAnotherInstance(
  service: TestApp,
  chatId: string,
  change: (state: Record<string, unknown>) => object,
  replies: OutgoingMessage[] = [],
): Promise<void> {
  const turns = createTurnStore(service.app.db);
  const { dialogue } = await turns.load("web", chatId);
  const saved = await turns.save({
    channel: "web",
    chatId,
    // The web chat's session is its citizen's id on the channel.
    externalId: chatId,
    now: service.clock.now(),
    readVersion: dialogue.version,
    dialogue: {
      state: change(structuredClone(dialogue.state) as Record<string, unknown>),
      eventId: randomUUID(),
      replies,
      receipt: null,
    },
  });
  expect(saved).not.toBeNull();
}
