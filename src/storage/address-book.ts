import type { AddressBook, OutboxAddress } from "./case-rows.ts";
import type { Db } from "./database.ts";

/**
 * Outbox recipients of channel "wecom" that are staff userids (the others are citizens).
 * The address book writes them and the WeCom sender reads them: storage owns the format.
 */
export const WECOM_STAFF_PREFIX = "staff:";

/** The outbox recipient of a staff member's WeCom userid. */
export function wecomStaffRecipient(userId: string): string {
  return `${WECOM_STAFF_PREFIX}${userId}`;
}

export interface AddressBookSettings {
  /** The clerks' Telegram group (STAFF_CHAT_ID), if any. */
  readonly staffChatId?: string | undefined;
  /** True when the WeCom self-built app is configured: staff with WeCom userids get cards. */
  readonly wecomStaff?: boolean;
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
      const clerks: OutboxAddress[] = settings.staffChatId
        ? [{ channel: "telegram", recipient: settings.staffChatId, audience: "clerks" }]
        : [];
      if (settings.wecomStaff) {
        const members = await db.staffMember.findMany({
          where: { role: "clerk", active: true, wecomUserId: { not: null } },
          select: { wecomUserId: true },
          orderBy: { id: "asc" },
        });
        for (const { wecomUserId } of members) {
          if (wecomUserId) {
            clerks.push({
              channel: "wecom",
              recipient: wecomStaffRecipient(wecomUserId),
              audience: "clerks",
            });
          }
        }
      }
      return clerks;
    }
    const unit = await db.unit.findUnique({
      where: { id: to.unitId },
      select: { telegramChatId: true, wecomUserIds: true },
    });
    const addresses: OutboxAddress[] = [];
    if (unit?.telegramChatId) {
      addresses.push({ channel: "telegram", recipient: unit.telegramChatId, audience: "unit" });
    }
    if (settings.wecomStaff) {
      for (const userId of (unit?.wecomUserIds ?? "").split(",").map((u) => u.trim())) {
        if (userId !== "") {
          addresses.push({
            channel: "wecom",
            recipient: wecomStaffRecipient(userId),
            audience: "unit",
          });
        }
      }
    }
    return addresses;
  };
}
