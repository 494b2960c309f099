/**
 * Administrators manage the staff accounts over the console API, on both databases: the list,
 * a new member with a password shown once, deactivating (their session and their chat
 * accounts stop working at once; never oneself), reactivating, and a new password. Only
 * administrators may; the log says who did what by ids, never names or passwords.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaffStore } from "../../src/storage/staff-store.ts";
import { PROVIDERS } from "../support/databases.ts";
import { startConsoleWorld, type ConsoleClient, type ConsoleWorld } from "./console-world.ts";

const FUGOU = "urban_management.fugou";

describe.each(PROVIDERS)(
  "staff management in the console (%s)",
  { timeout: 60_000 },
  (provider) => {
    let world: ConsoleWorld;
    let root: ConsoleClient;
    let rootId: string;
    const logLines: string[] = [];

    beforeAll(async () => {
      world = await startConsoleWorld({}, { provider, logLines });
      rootId = (await world.addStaff("root", "admin", undefined, "王管理")).id;
      await world.addStaff("li", "clerk", undefined, "李登记");
      root = await signedIn("root");
    });
    afterAll(async () => {
      await world?.stop();
    });

    async function signedIn(username: string, password?: string) {
      const client = world.client();
      expect((await client.signIn(username, password)).status).toBe(200);
      return client;
    }

    it("adds a handler with linked chat accounts, shows the password once and lists them", async () => {
      const added = await root.send("POST", "/api/admin/staff", {
        username: "zhao",
        displayName: "赵承办",
        role: "handler",
        unitId: FUGOU,
        telegramUserId: "700100",
        wecomUserId: "ZhaoWei",
      });

      expect(added.status).toBe(201);
      const { id, password } = added.json as { id: string; password: string };
      expect(password.length).toBeGreaterThanOrEqual(20);
      await signedIn("zhao", password);
      const listed = await root.get("/api/admin/staff");
      expect(listed.status).toBe(200);
      expect(listed.json.items).toEqual([
        expect.objectContaining({ username: "li", role: "clerk", unitName: null, active: true }),
        {
          id: rootId,
          username: "root",
          displayName: "王管理",
          role: "admin",
          unitId: null,
          unitName: null,
          telegramLinked: false,
          wecomLinked: false,
          active: true,
        },
        {
          id,
          username: "zhao",
          displayName: "赵承办",
          role: "handler",
          unitId: FUGOU,
          unitName: "扶沟县城市管理局",
          telegramLinked: true,
          wecomLinked: true,
          active: true,
        },
      ]);
      expect(listed.text).not.toContain(password);
      expect(listed.text).not.toContain("700100");
      const audit = logLines.filter((line) => line.includes('"staff member added"'));
      expect(audit).toHaveLength(1);
      expect(audit[0]).toContain(`"memberId":"${id}"`);
      for (const personal of ["zhao", "赵承办", password, "700100", "ZhaoWei"]) {
        expect(audit[0]).not.toContain(personal);
      }
    });

    it("applies the rules of `npm run staff -- add`", async () => {
      const refused = await Promise.all([
        root.send("POST", "/api/admin/staff", { username: "qian", role: "handler" }),
        root.send("POST", "/api/admin/staff", { username: "qian", role: "clerk", unitId: FUGOU }),
        root.send("POST", "/api/admin/staff", { username: "钱", role: "clerk" }),
        root.send("POST", "/api/admin/staff", { username: "qian", role: "boss" }),
        root.send("POST", "/api/admin/staff", {
          username: "qian",
          role: "clerk",
          telegramUserId: "@qian",
        }),
      ]);
      expect(refused.map((r) => r.status)).toEqual([400, 400, 400, 400, 400]);
      expect(refused[0]!.json.error.detail).toContain("a handler needs a unit");
      expect(refused[4]!.json.error.detail).toContain("a Telegram user id is a number");

      const taken = await root.send(
        "POST",
        "/api/admin/staff",
        { username: "li", role: "clerk" },
        { headers: { "accept-language": "zh-CN" } },
      );
      expect(taken.status).toBe(400);
      expect(taken.json.error).toMatchObject({
        code: "staff.username_taken",
        message: "该用户名已被使用。",
      });
      const unknownUnit = await root.send("POST", "/api/admin/staff", {
        username: "qian",
        role: "handler",
        unitId: "no.such.unit",
      });
      expect(unknownUnit.json.error.code).toBe("staff.unknown_unit");
      expect(await world.app.db.staffMember.count({ where: { username: "qian" } })).toBe(0);
    });

    it("deactivates a member: their session ends at once and their chat accounts are no longer staff", async () => {
      const added = await root.send("POST", "/api/admin/staff", {
        username: "sun",
        role: "clerk",
        telegramUserId: "700200",
        wecomUserId: "SunLi",
      });
      const { id, password } = added.json as { id: string; password: string };
      const sun = await signedIn("sun", password);
      expect((await sun.get("/api/queue")).status).toBe(200);
      const chats = createStaffStore(world.app.db);
      expect(await chats.byTelegramId("700200")).toMatchObject({ id });

      expect((await root.send("POST", `/api/admin/staff/${id}/deactivate`, {})).json).toEqual({
        active: false,
      });
      expect((await sun.get("/api/queue")).status).toBe(401);
      expect((await world.client().signIn("sun", password)).status).toBe(401);
      expect(await chats.byTelegramId("700200")).toBeNull();
      expect(await chats.byWeComId("SunLi")).toBeNull();
      expect(await world.app.db.staffSession.count({ where: { staffId: id } })).toBe(0);
      const listed = await root.get("/api/admin/staff");
      expect(listed.json.items).toContainEqual(expect.objectContaining({ id, active: false }));

      expect((await root.send("POST", `/api/admin/staff/${id}/reactivate`, {})).json).toEqual({
        active: true,
      });
      await signedIn("sun", password);
      expect(await chats.byWeComId("SunLi")).toMatchObject({ id });
      expect(
        (await root.send("POST", "/api/admin/staff/no-such-member/deactivate", {})).json.error.code,
      ).toBe("staff.not_found");
    });

    it("refuses an administrator deactivating themselves, with a clear message", async () => {
      const refused = await root.send(
        "POST",
        `/api/admin/staff/${rootId}/deactivate`,
        {},
        { headers: { "accept-language": "en" } },
      );

      expect(refused.status).toBe(409);
      expect(refused.json.error).toMatchObject({
        code: "staff.self_deactivation",
        message: "You cannot deactivate your own account; another administrator can.",
      });
      expect((await root.get("/api/admin/staff")).status).toBe(200);
    });

    it("resets a password: the new one is shown once, the old one and the member's sessions end", async () => {
      const added = await root.send("POST", "/api/admin/staff", {
        username: "zhou",
        role: "clerk",
      });
      const { id, password: first } = added.json as { id: string; password: string };
      const zhou = await signedIn("zhou", first);

      const reset = await root.send("POST", `/api/admin/staff/${id}/password`, {});

      expect(reset.status).toBe(200);
      const second = (reset.json as { password: string }).password;
      expect(second).not.toBe(first);
      expect((await zhou.get("/api/queue")).status).toBe(401);
      expect((await world.client().signIn("zhou", first)).status).toBe(401);
      await signedIn("zhou", second);
      expect(logLines.join("\n")).not.toContain(second);
    });

    it("is for administrators only", async () => {
      const clerk = await signedIn("li");
      const clerkId = (await clerk.get("/api/session")).json.staff.id as string;
      const answers = await Promise.all([
        clerk.get("/api/admin/staff"),
        clerk.send("POST", "/api/admin/staff", { username: "wu", role: "admin" }),
        clerk.send("POST", `/api/admin/staff/${rootId}/deactivate`, {}),
        clerk.send("POST", `/api/admin/staff/${clerkId}/reactivate`, {}),
        clerk.send("POST", `/api/admin/staff/${rootId}/password`, {}),
      ]);
      expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 403, 403]);
      expect((await world.client().get("/api/admin/staff")).status).toBe(401);
      expect(await world.app.db.staffMember.count({ where: { username: "wu" } })).toBe(0);
      expect((await root.get("/api/session")).status).toBe(200);
    });
  },
);
