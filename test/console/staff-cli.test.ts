/** `npm run staff -- add`, run as a real command against a temporary SQLite database. */
import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "../../src/console/passwords.ts";
import { openDatabase } from "../../src/storage/database.ts";
import { freshDatabaseTarget } from "../support/databases.ts";

function staffCommand(
  args: string[],
  databaseUrl: string,
  input = "",
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      "npm",
      ["run", "--silent", "staff", "--", ...args],
      { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "silent" } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}

describe("npm run staff -- add", { timeout: 60_000 }, () => {
  it("creates a handler of a unit with the password from standard input; refuses a bad one", async () => {
    const target = await freshDatabaseTarget("sqlite");

    const [added, noUnit] = await Promise.all([
      staffCommand(
        [
          "add",
          "zhao",
          "--role",
          "handler",
          "--unit",
          "urban_management.fugou",
          "--password-stdin",
        ],
        target.url,
        "a long enough password\n",
      ),
      staffCommand(["add", "qian", "--role", "handler"], target.url),
    ]);

    expect(added).toMatchObject({ code: 0, stderr: "" });
    expect(added.stdout).toMatch(
      /^created handler zhao of unit urban_management\.fugou \(id \w+\)\n$/,
    );
    expect(noUnit.code).toBe(1);
    expect(noUnit.stderr).toBe("staff: a handler needs a unit\n");

    const again = await staffCommand(["add", "zhao", "--role", "clerk"], target.url);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe("staff: the username zhao is taken\n");

    const db = await openDatabase(target);
    try {
      const row = await db.staffMember.findUniqueOrThrow({ where: { username: "zhao" } });
      expect(row).toMatchObject({ role: "handler", unitId: "urban_management.fugou" });
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(row.passwordHash, "a long enough password")).toBe(true);
    } finally {
      await db.$disconnect();
    }
  });

  it("links a WeCom userid and a Telegram user id; refuses malformed ones and another member's", async () => {
    const target = await freshDatabaseTarget("sqlite");

    const [added, badWeCom, badTelegram] = await Promise.all([
      staffCommand(
        ["add", "zhang", "--role", "clerk", "--wecom", "ZhangSan", "--telegram", "123456789"],
        target.url,
      ),
      staffCommand(["add", "li", "--role", "clerk", "--wecom", "li si"], target.url),
      staffCommand(["add", "li", "--role", "clerk", "--telegram", "@lisi"], target.url),
    ]);

    expect(added).toMatchObject({ code: 0, stderr: "" });
    expect(added.stdout).toMatch(
      /^created clerk zhang, WeCom userid ZhangSan, Telegram user id 123456789 \(id \w+\)\npassword \(shown once\): \S+\n$/,
    );
    expect(badWeCom).toMatchObject({
      code: 1,
      stderr:
        "staff: a WeCom userid has 1–64 letters, digits, '_', '-', '@' or '.', starting with a letter or digit\n",
    });
    expect(badTelegram).toMatchObject({
      code: 1,
      stderr: "staff: a Telegram user id is a number\n",
    });

    const [sameWeCom, sameTelegram] = await Promise.all([
      staffCommand(
        [
          "add",
          "li",
          "--role",
          "handler",
          "--unit",
          "urban_management.fugou",
          "--wecom",
          "ZhangSan",
        ],
        target.url,
      ),
      staffCommand(["add", "wang", "--role", "admin", "--telegram", "123456789"], target.url),
    ]);
    expect(sameWeCom).toMatchObject({
      code: 1,
      stderr: "staff: the WeCom userid ZhangSan already belongs to staff member zhang\n",
    });
    expect(sameTelegram).toMatchObject({
      code: 1,
      stderr: "staff: the Telegram user id 123456789 already belongs to staff member zhang\n",
    });

    const db = await openDatabase(target);
    try {
      const rows = await db.staffMember.findMany({
        select: { username: true, role: true, wecomUserId: true, telegramUserId: true },
      });
      expect(rows).toEqual([
        { username: "zhang", role: "clerk", wecomUserId: "ZhangSan", telegramUserId: "123456789" },
      ]);
    } finally {
      await db.$disconnect();
    }
  });
});
