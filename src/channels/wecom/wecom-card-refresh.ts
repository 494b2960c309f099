/**
 * Keeps the WeCom staff cards true to the case, as Telegram's card-refresh.ts does: on the
 * core's `caseDecided` the module updates every remembered card of the case
 * (message/update_template_card) to the case as it now is — the clerks' card with its history
 * while the case is still to be routed, greyed with who decided once it is not; a unit's card
 * with what is left to do, greyed once nothing is or the case went on to another unit or stage.
 * WeCom takes each response_code once: a card updated here waits for its next press (whose code
 * the desk uses) before it can be updated again.
 */
import {
  unitCardMovedOn,
  type CaseCards,
  type ClerkCard,
  type UnitCard,
} from "../../cases/case-cards.ts";
import type { Clock } from "../../clock.ts";
import type { Directory } from "../../domain/directory.ts";
import { createKeyedQueue } from "../../keyed-queue.ts";
import type { Logger } from "../../logging/logger.ts";
import type { RenderedMessage } from "../../notifications/sender.ts";
import type { StaffTexts } from "../../notifications/staff-messages-zh.ts";
import type { WeComStaffTexts } from "../../notifications/wecom-staff-messages-zh.ts";
import type { WeComCardRef, WeComCardStore } from "../../storage/wecom-card-store.ts";
import { createCardHistory } from "../card-history.ts";
import type { WeComClient } from "./api-client.ts";
import {
  BUTTON_MAX_BYTES,
  clerkCardMessage,
  createDecidedLabel,
  templateCard,
  unitCardMessage,
} from "./wecom-staff-cards.ts";
import { truncateBytes } from "./translate.ts";

export interface WeComCardRefreshDeps {
  readonly client: Pick<WeComClient, "updateTemplateCard">;
  readonly agentId: number;
  readonly cards: Pick<CaseCards, "clerkCard" | "unitCard" | "lastDecision" | "history">;
  /** Where the cards of a case went, with their codes (see wecom-card-store.ts). */
  readonly remembered: Pick<WeComCardStore, "cardsOf" | "takeCode">;
  /** Display names of staff members by id. */
  readonly staffNames: (ids: readonly string[]) => Promise<ReadonlyMap<string, string>>;
  readonly directory: Directory;
  readonly staffTexts: StaffTexts;
  readonly texts: WeComStaffTexts;
  /** Now, for the buttons whose window closes (延期, 退回) and the codes' 72 hours. */
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface WeComCardRefresh {
  /**
   * Updates every remembered card of the case that still has a code, one after the other,
   * after any refresh of the case still running (this instance only). Never rejects: a card
   * WeCom refuses to update is logged and the decision stands.
   */
  refreshCase(trackingNo: string): Promise<void>;
  /**
   * A card was pressed: the desk settles it with the press's own code. The code the card was
   * sent with is dropped, so that the refresh the decision brings never overwrites what the
   * desk shows. Never rejects.
   */
  pressed(trackingNo: string, taskId: string): Promise<void>;
}

type CardUpdate = { readonly card: RenderedMessage } | { readonly label: string };

export function createWeComCardRefresh(deps: WeComCardRefreshDeps): WeComCardRefresh {
  const { cards, remembered, logger } = deps;
  const historyOf = createCardHistory({ ...deps, texts: deps.staffTexts });
  const decidedLabel = createDecidedLabel(deps);

  function clerkUpdate(card: ClerkCard | null, withHistory: (text: string) => string) {
    const routing = card && clerkCardMessage(card, deps.directory, deps, withHistory);
    return routing && { card: routing };
  }

  function unitUpdate(
    card: UnitCard | null,
    sentFor: WeComCardRef,
    withHistory: (text: string) => string,
  ) {
    if (!card || unitCardMovedOn(card, sentFor)) return null;
    const next = unitCardMessage(card, deps.clock.now(), deps, withHistory);
    return next && { card: next };
  }

  /** What each remembered card is to show now, loaded once for all of them. */
  async function updatesOf(no: string, stored: readonly WeComCardRef[]) {
    const clerk = stored.some((c) => c.kind === "clerk");
    const unit = stored.some((c) => c.kind === "unit");
    const [clerkCard, unitCard, history] = await Promise.all([
      clerk ? cards.clerkCard(no) : null,
      unit ? cards.unitCard(no) : null,
      historyOf(no),
    ]);
    const updates = stored.map((ref) =>
      ref.kind === "clerk"
        ? clerkUpdate(clerkCard, history.clerk)
        : unitUpdate(unitCard, ref, history.unit),
    );
    // Who decided is read only when a card is to be greyed with it.
    const label = updates.includes(null) ? await decidedLabel(no) : "";
    return stored.map((ref, i): [WeComCardRef, CardUpdate] => [ref, updates[i] ?? { label }]);
  }

  async function update(no: string, ref: WeComCardRef, next: CardUpdate): Promise<void> {
    try {
      const code = await remembered.takeCode(no, ref.taskId, deps.clock.now());
      if (code === null) return;
      await deps.client.updateTemplateCard({
        userids: [ref.userId],
        agentid: deps.agentId,
        response_code: code,
        ...("label" in next
          ? { button: { replace_name: truncateBytes(next.label, BUTTON_MAX_BYTES) } }
          : { template_card: templateCard(next.card, ref.taskId) }),
      });
    } catch (error) {
      logger.warn({ err: error, caseNo: no, taskId: ref.taskId }, "WeCom card not refreshed");
    }
  }

  async function refreshAll(no: string): Promise<void> {
    try {
      const stored = await remembered.cardsOf(no);
      if (stored.length === 0) return;
      for (const [ref, next] of await updatesOf(no, stored)) await update(no, ref, next);
    } catch (error) {
      logger.warn({ err: error, caseNo: no }, "WeCom cards of the case could not be refreshed");
    }
  }

  // One refresh of a case at a time, so that an older one never overwrites a newer one.
  const refreshes = createKeyedQueue();

  return {
    refreshCase: (no) => refreshes.run(no, () => refreshAll(no)),
    async pressed(no, taskId) {
      await remembered.takeCode(no, taskId, deps.clock.now()).catch((error: unknown) => {
        logger.warn({ err: error, caseNo: no, taskId }, "pressed card's code not dropped");
      });
    },
  };
}
