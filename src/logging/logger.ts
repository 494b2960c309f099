import pino, { type Logger, type LoggerOptions } from "pino";

export type { Logger };

/**
 * Field names that may carry a citizen's identity or words, or a secret.
 * Log case numbers and ids instead; these paths are a safety net, not a licence.
 */
const PERSONAL_FIELDS = [
  "name",
  "phone",
  "text",
  "description",
  "contactName",
  "contactPhone",
  "contactHolderName",
  "address",
  "answerText",
  "progressNote",
  "note",
  // a search, a status look-up
  "q",
  "query",
  "queryCode",
  "token",
  "apiKey",
  "password",
];

const REDACTED_PATHS = [
  ...PERSONAL_FIELDS,
  ...PERSONAL_FIELDS.map((field) => `*.${field}`),
  // Request headers, wherever a library logs them (a request; @fastify/multipart's busboy
  // options at trace level).
  ...["authorization", "cookie", '["x-csrf-token"]', '["x-telegram-bot-api-secret-token"]'].map(
    (header) => `*.headers${header.startsWith("[") ? header : `.${header}`}`,
  ),
];

/** pino options: JSON lines, or pretty output when writing to a terminal. */
export function loggerOptions(level: string, pretty: boolean): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    ...(pretty && {
      transport: {
        target: "pino-pretty",
        options: { translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" },
      },
    }),
  };
}

export function createLogger(level: string, pretty = process.stdout.isTTY === true): Logger {
  return pino(loggerOptions(level, pretty));
}
