import type { AddressBook, OutboxAddress } from "./case-rows.ts";
import type { Db } from "./database.ts";

export interface AddressBookSettings {
  /** The clerks' Telegram group (STAFF_CHAT_ID), if any. */
  readonly staffChatId?: string | undefined;
}

/**
 * Where notifications go: the citizen's own chat; a unit's Telegram chat
 * (units without one read their cases in the console); the clerks' group.
 */
export function createAddressBook(db: Db, settings: AddressBookSettings): AddressBook {
  return async (notification, citizen) => {
    const to = notification.to;
    if (to.kind === "citizen") {
      return citizen
        ? [{ channel: citizen.channel, recipient: citizen.chatId, audience: "citizen" }]
        : [];
    }
    if (to.kind === "clerks") {
      return settings.staffChatId
        ? [{ channel: "telegram", recipient: settings.staffChatId, audience: "clerks" }]
        : [];
    }
    const unit = await db.unit.findUnique({
      where: { id: to.unitId },
      select: { telegramChatId: true },
    });
    const addresses: OutboxAddress[] = [];
    if (unit?.telegramChatId) {
      addresses.push({ channel: "telegram", recipient: unit.telegramChatId, audience: "unit" });
    }
    return addresses;
  };
}
