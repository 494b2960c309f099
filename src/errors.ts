/**
 * The one error type of the product. `message` is for the logs (never a
 * citizen's name, phone or text); `userMessageKey` names the catalogue text a
 * citizen or clerk reads, when the error reaches one. Each edge (chat reply,
 * HTTP answer, CLI) maps an AppError once.
 */
export type AppErrorCode =
  | "config.invalid"
  | "config.directory"
  | "storage.unavailable"
  | "storage.conflict"
  | "case.not_found"
  | "case.illegal_transition"
  | "case.already_decided"
  | "auth.forbidden"
  | "input.invalid"
  | "channel.permanent"
  | "channel.transient";

export class AppError extends Error {
  override readonly name = "AppError";

  constructor(
    readonly code: AppErrorCode,
    message: string,
    options: { cause?: unknown; userMessageKey?: string } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.userMessageKey = options.userMessageKey;
  }

  readonly userMessageKey: string | undefined;
}

export function isAppError(error: unknown, code?: AppErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
