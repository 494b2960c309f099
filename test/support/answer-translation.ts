/**
 * A unit's answer and its English translation as the fake OpenAI server gives it, for the
 * specifications of the answer's machine translation in each channel.
 */
import type { FakeOpenAi, RecordedRequest } from "./fake-openai.ts";

export const ANSWER =
  "经核查，路灯线路老化。已于12月3日更换线路，路灯恢复照明。如有问题请拨打0394-4321000。";
export const TRANSLATION =
  "Upon inspection, the street light's wiring had aged. The wiring was replaced on 3 December and the light works again. For any problem, call 0394-4321000.";
/** What an English notice says over the translation. */
export const TRANSLATION_HEADING =
  "Machine translation, for reference only (the Chinese original above is the official answer):";

/**
 * The service's settings for the fake server: no retry, and a timeout (5 s) that a reply of the
 * fake server meets on a loaded machine (at 1 s a scripted 503 was once read as a timeout).
 */
export function llmSettings(openai: FakeOpenAi): Record<string, string> {
  return {
    LLM_BASE_URL: openai.baseUrl,
    LLM_API_KEY: "sk-test-translation",
    LLM_MODEL: "gpt-test",
    LLM_MAX_RETRIES: "0",
    LLM_TIMEOUT_MS: "5000",
  };
}

/** The requests that asked for a translation (the classifier asks the LLM too). */
export function translationRequests(openai: FakeOpenAi): RecordedRequest[] {
  return openai.requests.filter((r) => r.body.messages?.[0]?.content.startsWith("You translate"));
}
