/**
 * A chat's next turn starts from the state this process saved, without validating it again;
 * a state another instance saved (another version) is validated as read.
 */
import { describe, expect, it } from "vitest";
import {
  handleCitizenTurn,
  type ConversationDeps,
} from "../../src/conversation/handle-citizen-event.ts";
import { createValidatedStates } from "../../src/conversation/validated-states.ts";
import type { CitizenEvent } from "../../src/domain/intake/events.ts";
import { t } from "../../src/i18n/t.ts";
import { createLogger } from "../../src/logging/logger.ts";
import { createTurnStore } from "../../src/storage/turn-store.ts";
import type { Db } from "../../src/storage/database.ts";
import { freshDatabase } from "../support/databases.ts";
import { createWorld, NOW } from "../domain/intake/fakes.ts";

const logger = createLogger("silent", false);

async function instance(db: Db, limit = 10): Promise<ConversationDeps> {
  const world = await createWorld();
  return {
    engine: world.engine,
    turns: createTurnStore(db),
    clock: { now: () => NOW },
    validated: createValidatedStates(limit),
  };
}

let nextEvent = 1;
const turnOf = (deps: ConversationDeps, event: CitizenEvent, chatId = "1001") =>
  handleCitizenTurn(
    deps,
    { channel: "telegram", externalId: chatId, chatId, eventId: String(nextEvent++), event },
    logger,
  );

describe("the states a process saved", () => {
  it("carries a chat's turns handled by two instances in turn on the latest state", async () => {
    const db = await freshDatabase("sqlite");
    const [a, b] = [await instance(db), await instance(db)];

    await turnOf(a, { type: "command", name: "new", args: "" });
    await turnOf(b, { type: "text", text: "小区电梯天天坏，住户上下楼很不方便" });
    const third = await turnOf(a, { type: "text", text: "对" });

    expect(third.replies[0]?.text).not.toBe(t("zh", "stateRecovered"));
    const stored = (await createTurnStore(db).load("telegram", "1001")).dialogue;
    expect(stored.version).toBe(3);
    expect(stored.state).toMatchObject({
      draft: { description: "小区电梯天天坏，住户上下楼很不方便", category: "housing" },
    });
  });

  it("are trusted at the version saved, and validated at any other", async () => {
    const db = await freshDatabase("sqlite");
    const deps = await instance(db);
    await turnOf(deps, { type: "command", name: "new", args: "" });
    // The row changed behind the process's back at the same version: only a process that did
    // not save it notices.
    await db.$executeRawUnsafe(`UPDATE "DialogueState" SET "state" = '"corrupt"'`);

    const trusting = await turnOf(deps, {
      type: "text",
      text: "小区电梯天天坏，住户上下楼很不方便",
    });
    expect(trusting.replies[0]?.text).not.toBe(t("zh", "stateRecovered"));
    await db.$executeRawUnsafe(`UPDATE "DialogueState" SET "state" = '"corrupt"'`);
    const fresh = await turnOf(await instance(db), { type: "text", text: "对" });
    expect(fresh.replies[0]?.text).toBe(t("zh", "stateRecovered"));
  });

  it("keep the chats saved last, up to the limit", () => {
    const states = createValidatedStates(2);
    const state = { citizenRef: "telegram:1" } as never;
    states.set("a", 1, state);
    states.set("b", 1, state);
    states.set("a", 2, state);
    states.set("c", 1, state);
    expect(states.get("a", 2)).toBe(state);
    expect(states.get("a", 1)).toBeUndefined();
    expect(states.get("b", 1)).toBeUndefined();
    expect(states.get("c", 1)).toBe(state);
  });
});
