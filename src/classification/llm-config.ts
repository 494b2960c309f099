import { z } from "zod";

/**
 * Configuration of the LLM classifier, read from the environment by the
 * composition root. Absent LLM_BASE_URL/LLM_API_KEY/LLM_MODEL → null (offline only).
 */
export const LlmConfigSchema = z.object({
  baseUrl: z.url(),
  apiKey: z.string().min(1),
  model: z.string().min(1),
  /** json_schema where the endpoint enforces schemas (OpenAI, Qwen, Ollama ≥0.5); json_object otherwise (DeepSeek). */
  responseFormat: z.enum(["json_schema", "json_object"]).default("json_schema"),
  timeoutMs: z.coerce.number().int().positive().default(15_000),
  /** Retries of the HTTP client on network errors and 5xx (not the repair retry). */
  maxRetries: z.coerce.number().int().min(0).max(5).default(1),
});
export type LlmConfig = z.infer<typeof LlmConfigSchema>;

/**
 * @returns null when none of LLM_BASE_URL, LLM_API_KEY, LLM_MODEL is set.
 * @throws ZodError when they are set but incomplete or invalid.
 */
export function loadLlmConfig(env: Record<string, string | undefined>): LlmConfig | null {
  const { LLM_BASE_URL, LLM_API_KEY, LLM_MODEL } = env;
  if (!LLM_BASE_URL && !LLM_API_KEY && !LLM_MODEL) return null;
  return LlmConfigSchema.parse({
    baseUrl: LLM_BASE_URL,
    apiKey: LLM_API_KEY,
    model: LLM_MODEL,
    responseFormat: env.LLM_RESPONSE_FORMAT || undefined,
    timeoutMs: env.LLM_TIMEOUT_MS || undefined,
    maxRetries: env.LLM_MAX_RETRIES || undefined,
  });
}
