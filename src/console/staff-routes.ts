/**
 * The staff accounts, managed by administrators: the list, a new member, deactivating and
 * reactivating one, and a new password. A password is generated here and is in the answer
 * only, once; it is never logged. Deactivating or a new password ends the member's sessions;
 * a deactivated member's Telegram and WeCom accounts are no longer recognised as staff.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { unitById, type Directory } from "../domain/directory.ts";
import { STAFF_ROLES } from "../domain/vocabulary.ts";
import type { ConsoleStaffStore } from "../storage/staff-store.ts";
import { adminOf } from "./console-context.ts";
import { ConsoleHttpError } from "./http-errors.ts";
import { generatePassword, hashPassword } from "./passwords.ts";
import { NewStaffSchema, newStaffMember } from "./staff-schemas.ts";

const StaffListingSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(STAFF_ROLES),
  unitId: z.string().nullable(),
  /** The unit's name in the directory; null for clerks, admins and a unit since removed. */
  unitName: z.string().nullable(),
  telegramLinked: z.boolean(),
  wecomLinked: z.boolean(),
  active: z.boolean(),
});

const MemberParamsSchema = z.object({ id: z.string().min(1).max(64) });

export const staffRoutes: FastifyPluginAsyncZod<{
  store: Pick<ConsoleStaffStore, "add" | "list" | "setActive" | "setPassword">;
  directory: Pick<Directory, "units">;
}> = async (app, { store, directory }) => {
  const notFound = (id: string) =>
    new ConsoleHttpError(404, "staff.not_found", `no staff member ${id}`);

  app.get(
    "/api/admin/staff",
    {
      schema: {
        tags: ["admin"],
        summary:
          "Every staff member with role, unit, linked chat accounts and state, by username (admins only)",
        response: { 200: z.object({ items: z.array(StaffListingSchema) }) },
      },
    },
    async (request) => {
      adminOf(request);
      const members = await store.list();
      return {
        items: members.map((member) => ({
          ...member,
          unitName:
            member.unitId === null ? null : (unitById(directory, member.unitId)?.name ?? null),
        })),
      };
    },
  );

  app.post(
    "/api/admin/staff",
    {
      schema: {
        tags: ["admin"],
        summary:
          "Adds a staff member (the rules of `npm run staff -- add`); the generated password is in this answer only (admins only)",
        body: NewStaffSchema,
        response: {
          201: z.object({ id: z.string(), username: z.string(), password: z.string() }),
        },
      },
    },
    async (request, reply) => {
      const admin = adminOf(request);
      const password = generatePassword();
      const member = await store.add(newStaffMember(request.body, await hashPassword(password)));
      request.log.info(
        { staffId: admin.staff.id, memberId: member.id, role: member.role },
        "staff member added",
      );
      return reply.code(201).send({ id: member.id, username: request.body.username, password });
    },
  );

  for (const [action, active] of [
    ["deactivate", false],
    ["reactivate", true],
  ] as const) {
    app.post(
      `/api/admin/staff/:id/${action}`,
      {
        schema: {
          tags: ["admin"],
          summary: active
            ? "Reactivates a staff member: they may sign in and act in the chats again (admins only)"
            : "Deactivates a staff member: their sessions end and their chat accounts are no longer staff; not oneself (admins only)",
          params: MemberParamsSchema,
          response: { 200: z.object({ active: z.literal(active) }) },
        },
      },
      async (request) => {
        const admin = adminOf(request);
        const { id } = request.params;
        if (!active && id === admin.staff.id) {
          throw new ConsoleHttpError(
            409,
            "staff.self_deactivation",
            `staff ${id} tried to deactivate themselves`,
          );
        }
        if (!(await store.setActive(id, active))) throw notFound(id);
        request.log.info({ staffId: admin.staff.id, memberId: id }, `staff member ${action}d`);
        return { active };
      },
    );
  }

  app.post(
    "/api/admin/staff/:id/password",
    {
      schema: {
        tags: ["admin"],
        summary:
          "Gives a staff member a new generated password, in this answer only; their sessions end (admins only)",
        params: MemberParamsSchema,
        response: { 200: z.object({ password: z.string() }) },
      },
    },
    async (request) => {
      const admin = adminOf(request);
      const { id } = request.params;
      const password = generatePassword();
      if (!(await store.setPassword(id, await hashPassword(password)))) throw notFound(id);
      request.log.info({ staffId: admin.staff.id, memberId: id }, "staff member's password reset");
      return { password };
    },
  );
};
