import type { AddressBook, OutboxAddress } from "./case-rows.ts";
import { wecomStaffRecipient } from "../channels/wecom/wecom-staff.ts";
import type { Db } from "./database.ts";

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
