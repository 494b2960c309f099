import type { Notification } from "../domain/lifecycle/notifications.ts";
import type { AddressBook, CitizenAddress, OutboxAddress } from "./case-rows.ts";
import { Prisma } from "../generated/sqlite/client.ts";
import type { Db } from "./database.ts";
import { plainSqlOf } from "./plain-sql.ts";

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
  const sql = plainSqlOf(db);
  const clerkGroup: OutboxAddress[] = settings.staffChatId
    ? [{ channel: "telegram", recipient: settings.staffChatId, audience: "clerks" }]
    : [];

  async function clerkAddresses(): Promise<OutboxAddress[]> {
    if (!settings.wecomStaff) return clerkGroup;
    const members = await db.staffMember.findMany({
      where: { role: "clerk", active: true, wecomUserId: { not: null } },
      select: { wecomUserId: true },
      orderBy: { id: "asc" },
    });
    return [
      ...clerkGroup,
      ...members.flatMap(({ wecomUserId }) =>
        wecomUserId
          ? [
              {
                channel: "wecom" as const,
                recipient: wecomStaffRecipient(wecomUserId),
                audience: "clerks" as const,
              },
            ]
          : [],
      ),
    ];
  }

  /** One plain statement (plain-sql.ts): a deadline round reads its units once per batch. */
  async function unitAddresses(unitIds: readonly string[]): Promise<Map<string, OutboxAddress[]>> {
    const units = await sql.query<{
      id: string;
      telegramChatId: string | null;
      wecomUserIds: string | null;
    }>(Prisma.sql`SELECT "id", "telegramChatId", "wecomUserIds" FROM "Unit"
      WHERE "id" IN (${Prisma.join([...new Set(unitIds)])})`);
    return new Map(units.map((unit) => [unit.id, addressesOfUnit(unit)]));
  }

  function addressesOfUnit(unit: {
    telegramChatId: string | null;
    wecomUserIds: string | null;
  }): OutboxAddress[] {
    const addresses: OutboxAddress[] = [];
    if (unit.telegramChatId) {
      addresses.push({ channel: "telegram", recipient: unit.telegramChatId, audience: "unit" });
    }
    if (settings.wecomStaff) {
      for (const userId of (unit.wecomUserIds ?? "").split(",").map((u) => u.trim())) {
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
  }

  const staff: AddressBook["staff"] = async (recipients) => {
    const unitIds = recipients.flatMap((to) => (to.kind === "unit" ? [to.unitId] : []));
    const [units, clerks] = await Promise.all([
      unitIds.length > 0 ? unitAddresses(unitIds) : new Map<string, OutboxAddress[]>(),
      recipients.some((to) => to.kind === "clerks") ? clerkAddresses() : [],
    ]);
    return recipients.map((to) => (to.kind === "clerks" ? clerks : (units.get(to.unitId) ?? [])));
  };

  const addressesOf = async (
    notification: Pick<Notification, "to">,
    citizen: CitizenAddress | null,
  ): Promise<readonly OutboxAddress[]> => {
    const to = notification.to;
    if (to.kind === "citizen") {
      return citizen
        ? [{ channel: citizen.channel, recipient: citizen.chatId, audience: "citizen" }]
        : [];
    }
    return (await staff([to]))[0]!;
  };
  return Object.assign(addressesOf, { staff });
}
