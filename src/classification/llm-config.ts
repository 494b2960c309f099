/**
 * Settings of the LLM classifier (from LLM_* variables, validated in
 * src/config/config.ts). Absent when no LLM is configured: offline only.
 */
export interface LlmConfig {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly model: string;
  /** json_schema where the endpoint enforces schemas (OpenAI, Qwen, Ollama ≥0.5); json_object otherwise (DeepSeek). */
  readonly responseFormat: "json_schema" | "json_object";
  readonly timeoutMs: number;
  /** Retries of the HTTP client on network errors and 5xx (not the repair retry). */
  readonly maxRetries: number;
}

/** The openai client's longest pause between two tries (its backoff is capped at 8 s). */
const LONGEST_RETRY_PAUSE_MS = 8_000;

/** The longest one request to the LLM takes, its retries included, before it fails. */
export function longestLlmRequestMs(config: LlmConfig): number {
  return config.timeoutMs * (1 + config.maxRetries) + LONGEST_RETRY_PAUSE_MS * config.maxRetries;
}
