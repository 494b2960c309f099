/**
 * Staff members as the chat channels see them: who may act, in which role,
 * for which unit. Clerks are seeded from STAFF_TELEGRAM_IDS at start;
 * handlers are created by an administrator (a row with role handler, unitId
 * and telegramUserId).
 */
import type { StaffRole } from "../domain/vocabulary.ts";
import type { Actor } from "../domain/lifecycle/actor.ts";
import { AppError } from "../errors.ts";
import { isUniqueViolation, type Db } from "./database.ts";

/** A registered, active staff member. */
export interface StaffIdentity {
  readonly id: string;
  readonly role: StaffRole;
  readonly displayName: string;
  /** The unit a handler acts for; null for clerks and admins. */
  readonly unitId: string | null;
}

export interface StaffStore {
  /**
   * Creates a clerk for each Telegram user id that has no staff row yet;
   * existing rows keep their role. Returns how many were added.
   */
  seedClerks(telegramUserIds: readonly string[]): Promise<number>;
  /** The active staff member with this Telegram user id, or null for anyone else. */
  byTelegramId(telegramUserId: string): Promise<StaffIdentity | null>;
  /** The active staff member with this WeCom userid, or null for anyone else. */
  byWeComId(wecomUserId: string): Promise<StaffIdentity | null>;
  /** Whether a Telegram chat is a unit's group (Unit.telegramChatId), where handlers work. */
  isUnitChat(telegramChatId: string): Promise<boolean>;
  /** Replaces a seeded placeholder name with the name the person shows in Telegram. */
  learnName(staffId: string, displayName: string): Promise<void>;
  /** Display names by staff id (unknown ids are left out). */
  namesOf(staffIds: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

const PLACEHOLDER_PREFIX = "Telegram ";

/** Whether a display name is still the placeholder a clerk was seeded with (see learnName). */
export function isPlaceholderName(displayName: string): boolean {
  return displayName.startsWith(PLACEHOLDER_PREFIX);
}

/** The staff store on Prisma. */
export function createStaffStore(db: Db): StaffStore {
  return {
    async isUnitChat(telegramChatId) {
      const unit = await db.unit.findFirst({ where: { telegramChatId }, select: { id: true } });
      return unit !== null;
    },
    async seedClerks(ids) {
      let added = 0;
      for (const telegramUserId of ids) {
        const existing = await db.staffMember.findUnique({ where: { telegramUserId } });
        if (existing) continue;
        try {
          await db.staffMember.create({
            data: {
              username: `telegram:${telegramUserId}`,
              displayName: `${PLACEHOLDER_PREFIX}${telegramUserId}`,
              role: "clerk",
              telegramUserId,
            },
          });
          added++;
        } catch (error) {
          // Another instance seeded the same clerk at the same time.
          if (!isUniqueViolation(error)) throw error;
        }
      }
      return added;
    },

    async byTelegramId(telegramUserId) {
      return identityOf(await db.staffMember.findUnique({ where: { telegramUserId } }));
    },

    async byWeComId(wecomUserId) {
      return identityOf(await db.staffMember.findUnique({ where: { wecomUserId } }));
    },

    async learnName(staffId, displayName) {
      const name = displayName.trim();
      if (name === "") return;
      await db.staffMember.updateMany({
        where: { id: staffId, displayName: { startsWith: PLACEHOLDER_PREFIX } },
        data: { displayName: name },
      });
    },

    async namesOf(staffIds) {
      if (staffIds.length === 0) return new Map();
      const rows = await db.staffMember.findMany({
        where: { id: { in: [...staffIds] } },
        select: { id: true, displayName: true },
      });
      return new Map(rows.map((row) => [row.id, row.displayName]));
    },
  };
}

function identityOf(
  row: (Pick<StaffIdentity, "id" | "role" | "displayName" | "unitId"> & { active: boolean }) | null,
): StaffIdentity | null {
  if (!row || !row.active) return null;
  return toIdentity(row);
}

function toIdentity(
  row: Pick<StaffIdentity, "id" | "role" | "displayName" | "unitId">,
): StaffIdentity {
  return { id: row.id, role: row.role, displayName: row.displayName, unitId: row.unitId };
}

/**
 * The lifecycle actor a staff member acts as. Admins act as clerks; a
 * handler without a unit cannot act (null).
 */
export function actorOf(staff: StaffIdentity): Actor | null {
  if (staff.role === "handler") {
    return staff.unitId === null ? null : { kind: "handler", id: staff.id, unitId: staff.unitId };
  }
  return { kind: "clerk", id: staff.id };
}

/** A staff member as the web console signs them in: the stored password hash included. */
export interface StaffCredentials extends StaffIdentity {
  readonly username: string;
  readonly passwordHash: string | null;
  readonly active: boolean;
}

/** A staff member as the administrators' list shows them; no password, no chat account ids. */
export interface StaffListing {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly unitId: string | null;
  readonly telegramLinked: boolean;
  readonly wecomLinked: boolean;
  readonly active: boolean;
}

/** What `npm run staff -- add` and the console's staff section write. */
export interface NewStaffMember {
  readonly username: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly unitId: string | null;
  readonly passwordHash: string;
  /** The WeCom userid the self-built app knows them by; unique among staff. */
  readonly wecomUserId?: string | null;
  /** Their numeric Telegram user id; unique among staff. */
  readonly telegramUserId?: string | null;
}

/** The console's additions to the staff store: sign-in lookups and the accounts' management. */
export interface ConsoleStaffStore {
  /** The staff member with this username (any state), or null. */
  byUsername(username: string): Promise<StaffCredentials | null>;
  /** The active staff member with this id, or null. */
  byId(staffId: string): Promise<StaffIdentity | null>;
  /**
   * Creates a staff member.
   * @throws AppError("input.invalid") when the username, the WeCom userid or the Telegram user
   *   id is taken (naming who has it), or the unit is unknown.
   */
  add(member: NewStaffMember): Promise<StaffIdentity>;
  /** How many active administrators can sign in (with a password). */
  countAdmins(): Promise<number>;
  /** Every staff member, active or not, by username. */
  list(): Promise<StaffListing[]>;
  /**
   * Activates or deactivates a member. Deactivating ends their sessions in the same
   * transaction; the chat lookups (byTelegramId, byWeComId) no longer find them.
   * Returns false for an unknown id.
   */
  setActive(staffId: string, active: boolean): Promise<boolean>;
  /** Replaces a member's password and ends their sessions. Returns false for an unknown id. */
  setPassword(staffId: string, passwordHash: string): Promise<boolean>;
}

export function createConsoleStaffStore(db: Db): ConsoleStaffStore {
  return {
    async byUsername(username) {
      const row = await db.staffMember.findUnique({ where: { username } });
      if (!row) return null;
      return {
        id: row.id,
        username: row.username,
        role: row.role,
        displayName: row.displayName,
        unitId: row.unitId,
        passwordHash: row.passwordHash,
        active: row.active,
      };
    },

    async byId(staffId) {
      return identityOf(await db.staffMember.findUnique({ where: { id: staffId } }));
    },

    async add(member) {
      if (member.unitId !== null) {
        const unit = await db.unit.findUnique({ where: { id: member.unitId } });
        if (!unit) {
          throw new AppError("input.invalid", `unknown unit ${member.unitId}`, {
            userMessageKey: "staff.unknown_unit",
          });
        }
      }
      await ensureChatIdsFree(db, member);
      try {
        return toIdentity(await db.staffMember.create({ data: { ...member } }));
      } catch (error) {
        if (isUniqueViolation(error)) {
          // Taken meanwhile: say which of the unique values it was.
          await ensureChatIdsFree(db, member);
          throw new AppError("input.invalid", `the username ${member.username} is taken`, {
            userMessageKey: "staff.username_taken",
          });
        }
        throw error;
      }
    },

    countAdmins() {
      return db.staffMember.count({
        where: { role: "admin", active: true, passwordHash: { not: null } },
      });
    },

    async list() {
      const rows = await db.staffMember.findMany({ orderBy: { username: "asc" } });
      return rows.map((row) => ({
        id: row.id,
        username: row.username,
        displayName: row.displayName,
        role: row.role,
        unitId: row.unitId,
        telegramLinked: row.telegramUserId !== null,
        wecomLinked: row.wecomUserId !== null,
        active: row.active,
      }));
    },

    setActive(staffId, active) {
      return updateEndingSessions(db, staffId, { active }, !active);
    },

    setPassword(staffId, passwordHash) {
      return updateEndingSessions(db, staffId, { passwordHash }, true);
    },
  };
}

/** Updates a member and, when `endSessions`, deletes their sessions with it; false for an unknown id. */
async function updateEndingSessions(
  db: Db,
  staffId: string,
  data: { active: boolean } | { passwordHash: string },
  endSessions: boolean,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.staffMember.updateMany({ where: { id: staffId }, data });
    if (count > 0 && endSessions) await tx.staffSession.deleteMany({ where: { staffId } });
    return count > 0;
  });
}

/** @throws AppError("input.invalid") naming the staff member who has the same chat account. */
async function ensureChatIdsFree(db: Db, member: NewStaffMember): Promise<void> {
  const accounts = [
    ["WeCom userid", member.wecomUserId, { wecomUserId: member.wecomUserId }],
    ["Telegram user id", member.telegramUserId, { telegramUserId: member.telegramUserId }],
  ] as const;
  for (const [what, value, where] of accounts) {
    if (!value) continue;
    const holder = await db.staffMember.findFirst({ where, select: { username: true } });
    if (holder) {
      throw new AppError(
        "input.invalid",
        `the ${what} ${value} already belongs to staff member ${holder.username}`,
        { userMessageKey: "staff.chat_account_taken" },
      );
    }
  }
}
