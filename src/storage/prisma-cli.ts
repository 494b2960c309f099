import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { AppError } from "../errors.ts";
import type { DatabaseProvider } from "./database-url.ts";

const run = promisify(execFile);
const PRISMA_CLI_ENTRY = createRequire(import.meta.url).resolve("prisma/build/index.js");

export const PRISMA_DIR = fileURLToPath(new URL("../../prisma/", import.meta.url));

export function providerDir(provider: DatabaseProvider): string {
  return `${PRISMA_DIR}${provider}`;
}

export interface PrismaCliResult {
  readonly stdout: string;
  readonly exitCode: number;
}

export interface PrismaCliOptions {
  /** Exit codes returned rather than thrown (0 always is). */
  readonly acceptedExitCodes?: readonly number[];
  /** Another Prisma config file than the provider's own. */
  readonly configFile?: string;
}

/**
 * Runs the Prisma CLI (WASM engines, through the provider's driver adapter:
 * no engine download) with the provider's config and `databaseUrl`.
 * @throws AppError("storage.unavailable") with Prisma's own message when it
 *   exits with a code not in `acceptedExitCodes`.
 */
export async function prismaCli(
  provider: DatabaseProvider,
  databaseUrl: string,
  args: readonly string[],
  { acceptedExitCodes = [], configFile }: PrismaCliOptions = {},
): Promise<PrismaCliResult> {
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  };
  const config = configFile ?? `${providerDir(provider)}/prisma.config.ts`;
  try {
    const { stdout } = await run(
      process.execPath,
      [PRISMA_CLI_ENTRY, ...args, "--config", config],
      {
        env,
        maxBuffer: 32 * 1024 * 1024,
      },
    );
    return { stdout, exitCode: 0 };
  } catch (error) {
    const failure = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failure.code === "number" && acceptedExitCodes.includes(failure.code)) {
      return { stdout: failure.stdout ?? "", exitCode: failure.code };
    }
    const detail = (failure.stderr || failure.stdout || String(error)).trim();
    throw new AppError(
      "storage.unavailable",
      `prisma ${args[0]} ${args[1] ?? ""} failed: ${detail}`,
      {
        cause: error,
      },
    );
  }
}
