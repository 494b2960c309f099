/**
 * The staff side of the Telegram channel, as one grammY Composer installed
 * before the citizen conversation: the clerks' card buttons and commands in
 * the staff chat, the handlers' buttons and commands in unit chats, the
 * citizen's rating and review buttons in private chats, and the typed
 * replies asked for with force_reply. Every decision goes through
 * caseActions; the parts only authenticate, ask and answer, sharing one
 * StaffDesk (staff-desk.ts).
 */
import { Composer } from "grammy";
import { buttonPresses } from "./button-presses.ts";
import { createStaffDesk, type StaffFeatureDeps } from "./staff-desk.ts";
import { staffCommands } from "./staff-commands.ts";
import { staffPhotos } from "./staff-photos.ts";
import type { TurnContext } from "./turn-context.ts";
import { typedReplies } from "./typed-replies.ts";

/**
 * Creates the feature.
 * Nothing here throws into grammY for an expected failure: refusals, illegal
 * transitions and conflicts are answered in the chat and logged with the
 * case number and ids only.
 */
export function createStaffFeature(deps: StaffFeatureDeps): Composer<TurnContext> {
  const desk = createStaffDesk(deps);
  return new Composer<TurnContext>(
    buttonPresses(desk),
    staffCommands(desk),
    staffPhotos(desk),
    typedReplies(desk),
  );
}
