/**
 * Staff passwords: Argon2id (the library's defaults: 19 MiB, 2 passes — the
 * OWASP baseline). A password is never stored or logged, only its hash.
 */
import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { AppError } from "../errors.ts";

/** Shortest password `npm run staff -- add` accepts. */
export const MIN_PASSWORD_LENGTH = 10;

/** A random password of 24 characters (144 bits), for an account whose password is shown once. */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}

/**
 * The Argon2id hash of `password`.
 * @throws AppError("input.invalid") for a password shorter than MIN_PASSWORD_LENGTH.
 */
export async function hashPassword(password: string): Promise<string> {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new AppError(
      "input.invalid",
      `a password has at least ${MIN_PASSWORD_LENGTH} characters`,
    );
  }
  return hash(password);
}

// Verified when the username is unknown, so that a wrong username takes as long as a wrong password.
let decoy: Promise<string> | undefined;

/** True when `password` matches `passwordHash`; false for a missing or malformed hash. */
export async function verifyPassword(
  passwordHash: string | null,
  password: string,
): Promise<boolean> {
  if (passwordHash === null) {
    decoy ??= hash("decoy password that matches nothing");
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
