/**
 * npm run staff -- add <username> --role clerk|handler|admin [--unit <unitId>]
 *                      [--name <display name>] [--wecom <userid>]
 *                      [--telegram <user id>] [--password-stdin]
 *
 * Creates a console account in DATABASE_URL (migrating it first, as a start
 * does). With --password-stdin the password is the first line of standard
 * input; without it a random password is generated and printed once.
 * --wecom and --telegram link the member's chat accounts (the WeCom app and
 * the Telegram bot recognise them by these); each belongs to one member only.
 * Exit code 0 on success, 1 with one line on standard error otherwise.
 */
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config/config.ts";
import { generatePassword, hashPassword } from "../console/passwords.ts";
import { NewStaffSchema, newStaffMember } from "../console/staff-schemas.ts";
import { DEFAULT_DIRECTORY_FILE, loadDirectory } from "../directory/load-directory.ts";
import { isAppError } from "../errors.ts";
import { openDatabase } from "../storage/database.ts";
import { ensureDirectory } from "../storage/directory-store.ts";
import { migrateIfNeeded } from "../storage/migrate.ts";
import { createConsoleStaffStore } from "../storage/staff-store.ts";

const USAGE =
  "usage: npm run staff -- add <username> --role clerk|handler|admin [--unit <unitId>] [--name <display name>] [--wecom <userid>] [--telegram <user id>] [--password-stdin]";

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: "string" },
      unit: { type: "string" },
      name: { type: "string" },
      wecom: { type: "string" },
      telegram: { type: "string" },
      "password-stdin": { type: "boolean", default: false },
    },
  });
  const [command, username, ...rest] = positionals;
  if (command !== "add" || username === undefined || rest.length > 0) throw new UsageError(USAGE);
  const parsed = NewStaffSchema.safeParse({
    username,
    role: values.role,
    unitId: values.unit,
    displayName: values.name,
    wecomUserId: values.wecom,
    telegramUserId: values.telegram,
  });
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? USAGE);
  const args = parsed.data;

  const generated = values["password-stdin"] ? null : generatePassword();
  const password = generated ?? firstLine(await readStdin());
  const passwordHash = await hashPassword(password);

  const config = loadConfig(process.env);
  await migrateIfNeeded(config.database);
  const db = await openDatabase(config.database);
  try {
    await ensureDirectory(db, await loadDirectory(config.directoryFile ?? DEFAULT_DIRECTORY_FILE));
    const staff = await createConsoleStaffStore(db).add(newStaffMember(args, passwordHash));
    const linked = [
      ...(args.wecomUserId ? [`WeCom userid ${args.wecomUserId}`] : []),
      ...(args.telegramUserId ? [`Telegram user id ${args.telegramUserId}`] : []),
    ];
    process.stdout.write(
      `created ${staff.role} ${args.username}${staff.unitId ? ` of unit ${staff.unitId}` : ""}${linked.map((l) => `, ${l}`).join("")} (id ${staff.id})\n`,
    );
    if (generated) process.stdout.write(`password (shown once): ${generated}\n`);
  } finally {
    await db.$disconnect();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0] ?? "";
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof ConfigError || isAppError(error)) {
    process.stderr.write(`staff: ${error.message}\n`);
  } else if (error instanceof TypeError && "code" in error) {
    process.stderr.write(`staff: ${error.message}\n${USAGE}\n`);
  } else {
    throw error;
  }
  process.exitCode = 1;
});
