/**
 * The rules for a new staff member, shared by `npm run staff -- add` and
 * POST /api/admin/staff: one schema, so the command and the console accept
 * the same accounts.
 */
import { z } from "zod";
import { STAFF_ROLES } from "../domain/vocabulary.ts";
import type { NewStaffMember } from "../storage/staff-store.ts";

export const NewStaffSchema = z
  .object({
    username: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._-]{1,31}$/,
        "a username has 2–32 letters, digits, '.', '_' or '-'",
      ),
    role: z.enum(STAFF_ROLES, { error: `a role is one of ${STAFF_ROLES.join(", ")}` }),
    unitId: z.string().min(1).max(128).optional(),
    displayName: z.string().trim().min(1).max(64).optional(),
    // WeCom's rule for a member's UserID.
    wecomUserId: z
      .string()
      .regex(
        /^[A-Za-z0-9][\w.@-]{0,63}$/,
        "a WeCom userid has 1–64 letters, digits, '_', '-', '@' or '.', starting with a letter or digit",
      )
      .optional(),
    telegramUserId: z
      .string()
      .regex(/^[1-9]\d{0,19}$/, "a Telegram user id is a number")
      .optional(),
  })
  .refine((a) => a.role !== "handler" || a.unitId !== undefined, {
    message: "a handler needs a unit",
    path: ["unitId"],
  })
  .refine((a) => a.role === "handler" || a.unitId === undefined, {
    message: "only a handler belongs to a unit",
    path: ["unitId"],
  });
export type NewStaff = z.infer<typeof NewStaffSchema>;

/** The row `npm run staff -- add` and the console write: the display name defaults to the username. */
export function newStaffMember(staff: NewStaff, passwordHash: string): NewStaffMember {
  return {
    username: staff.username,
    displayName: staff.displayName ?? staff.username,
    role: staff.role,
    unitId: staff.unitId ?? null,
    passwordHash,
    wecomUserId: staff.wecomUserId ?? null,
    telegramUserId: staff.telegramUserId ?? null,
  };
}
