import OpenAI from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { z } from "zod";
import {
  DEFAULT_UNSURE_BELOW,
  type CategoryScore,
  type Classification,
  type ClassificationHints,
  type Classifier,
} from "../domain/classification.ts";
import type { Directory } from "../domain/directory.ts";
import { MAX_LLM_REASON, type ExplanationFact } from "../domain/routing-explanation.ts";
import { stripInstructions } from "./injection-guard.ts";
import type { LlmConfig } from "./llm-config.ts";
import { renderPrompt } from "./llm-prompt.ts";
import { regionFactOfReading, type OfflineClassifier } from "./offline-classifier.ts";

/** What the model must answer (strict JSON schema: no optional fields, nullable instead). */
export const LlmAnswerSchema = z.object({
  category: z.string(),
  confidence: z.number().min(0).max(1),
  alternatives: z.array(z.object({ category: z.string(), confidence: z.number().min(0).max(1) })),
  region: z.string().nullable(),
  region_evidence: z.string().nullable(),
  rationale: z.string(),
});
export type LlmAnswer = z.infer<typeof LlmAnswerSchema>;

/** Both answers, so that storage can keep them in the routing suggestion. */
export interface ClassificationPair {
  /** The answer to use: the LLM's when it gave a valid one, the offline one otherwise. */
  readonly final: Classification;
  readonly offline: Classification;
  /** Null when the LLM failed (timeout, HTTP error, invalid answer twice). */
  readonly llm: Classification | null;
  /** Why the LLM answer is missing (for logs; never contains the complaint). */
  readonly llmError: LlmFailure | null;
}

/** Why the LLM gave no usable answer: never the complaint, never the API key. */
export interface LlmFailure {
  /** timeout or connection: unreachable; http: the endpoint refused (a wrong key is 401); invalid_answer: twice no valid JSON answer. */
  readonly kind: "timeout" | "connection" | "http" | "invalid_answer" | "error";
  readonly message: string;
}

export interface LlmClassifier extends Classifier {
  /** Never throws and never rejects: any LLM failure falls back to the offline answer. */
  classifyBoth(text: string, hints?: ClassificationHints): Promise<ClassificationPair>;
}

export interface LlmClassifierDeps {
  readonly directory: Directory;
  readonly offline: OfflineClassifier;
  readonly client: OpenAI;
  readonly model: string;
  readonly responseFormat: "json_schema" | "json_object";
  /** Deadline of each request, in milliseconds. */
  readonly timeoutMs: number;
  /** The prompt template (see prompts/classify.v1.md). */
  readonly promptTemplate: string;
  /** Recorded in the explanation, e.g. "classify.v1". */
  readonly promptVersion?: string;
  /** The model's own confidence below which its answer is `unsure` (DEFAULT_UNSURE_BELOW). */
  readonly unsureBelow?: number;
}

/** An openai client for any OpenAI-compatible endpoint, from the config. */
export function createOpenAiClient(config: LlmConfig): OpenAI {
  return new OpenAI({
    baseURL: config.baseUrl,
    apiKey: config.apiKey,
    timeout: config.timeoutMs,
    maxRetries: config.maxRetries,
  });
}

/**
 * The LLM classifier: asks the model for a category (structured output,
 * validated with zod and against the directory), with one repair retry on an
 * invalid answer, and falls back to the offline classifier on any failure.
 * The complaint goes to the model as a JSON data field, after sentences that
 * address the machine were removed. The region is the offline gazetteer's
 * when it found one; otherwise the model's, only when the words it quotes as
 * evidence occur in the complaint and name that region.
 */
export function createLlmClassifier(deps: LlmClassifierDeps): LlmClassifier {
  const { directory, offline } = deps;
  const system = renderPrompt(deps.promptTemplate, directory);
  const categories = new Set(directory.categories.map((c) => c.code));
  const regions = new Set(directory.regions.map((r) => r.code));
  const version = deps.promptVersion ?? "classify.v1";
  const responseFormat =
    deps.responseFormat === "json_schema"
      ? zodResponseFormat(LlmAnswerSchema, "classification")
      : ({ type: "json_object" } as const);

  function check(answer: LlmAnswer): string | null {
    if (!categories.has(answer.category)) return `unknown category "${answer.category}"`;
    if (answer.region !== null && !regions.has(answer.region)) {
      return `unknown region "${answer.region}"`;
    }
    return null;
  }

  async function ask(
    messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[],
  ): Promise<{ content: string; answer: LlmAnswer | null; problem: string | null }> {
    const completion = await deps.client.chat.completions.create(
      { model: deps.model, messages, response_format: responseFormat, temperature: 0 },
      { timeout: deps.timeoutMs },
    );
    const content = completion.choices[0]?.message.content ?? "";
    if (content.trim().length === 0) return { content, answer: null, problem: "empty answer" };
    let json: unknown;
    try {
      json = JSON.parse(stripFences(content));
    } catch {
      return { content, answer: null, problem: "the answer is not valid JSON" };
    }
    const parsed = LlmAnswerSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        content,
        answer: null,
        problem: `schema: ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`,
      };
    }
    const problem = check(parsed.data);
    return { content, answer: problem ? null : parsed.data, problem };
  }

  function toClassification(
    answer: LlmAnswer,
    text: string,
    offlineResult: Classification,
    hints?: ClassificationHints,
  ): Classification {
    const finding = offline.detectRegion(text, hints);
    let region = finding.region;
    let regionFact: ExplanationFact = regionFactOfReading(finding);
    if (region === null && answer.region !== null && answer.region_evidence) {
      // Accept the model's region only when its evidence is in the text and names that region.
      const evidence = answer.region_evidence;
      const confirmed = offline.detectRegion(evidence).region;
      if (text.includes(evidence) && confirmed === answer.region) {
        region = answer.region;
        regionFact = { kind: "region", region, source: "model_words", evidence: [evidence] };
      }
    }
    const seen = new Set<string>([answer.category]);
    const alternatives: CategoryScore[] = [
      { category: answer.category, confidence: answer.confidence },
    ];
    for (const alternative of answer.alternatives) {
      if (alternatives.length >= 3) break;
      if (!categories.has(alternative.category) || seen.has(alternative.category)) continue;
      seen.add(alternative.category);
      alternatives.push({
        category: alternative.category,
        confidence: Math.min(alternative.confidence, answer.confidence),
      });
    }
    return {
      category: answer.category,
      confidence: answer.confidence,
      alternatives,
      // The model's confidence is its own word, not calibrated: `npm run eval -- --llm` measures it.
      unsure: answer.confidence < (deps.unsureBelow ?? DEFAULT_UNSURE_BELOW),
      language: offlineResult.language,
      region,
      explanation: [
        { kind: "llm", prompt: version, reason: answer.rationale.slice(0, MAX_LLM_REASON) },
        regionFact,
        ...offlineResult.explanation.filter((fact) => fact.kind === "language"),
      ],
      method: "llm",
    };
  }

  async function classifyBoth(
    text: string,
    hints?: ClassificationHints,
  ): Promise<ClassificationPair> {
    const offlineResult = offline.classifySync(text, hints);
    const cleaned = stripInstructions(typeof text === "string" ? text : "");
    const data: Record<string, string> = { complaint: cleaned };
    if (hints?.address) data.address = stripInstructions(hints.address);
    const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [
      { role: "system", content: system },
      { role: "user", content: JSON.stringify(data) },
    ];
    try {
      let reply = await ask(messages);
      if (!reply.answer) {
        messages.push(
          { role: "assistant", content: reply.content },
          {
            role: "user",
            content: `Your answer was invalid (${reply.problem}). Answer again with one JSON object exactly as specified, using only the listed category and region codes.`,
          },
        );
        reply = await ask(messages);
      }
      if (!reply.answer) {
        const llmError: LlmFailure = {
          kind: "invalid_answer",
          message: (reply.problem ?? "invalid").slice(0, MAX_FAILURE_MESSAGE),
        };
        return { final: offlineResult, offline: offlineResult, llm: null, llmError };
      }
      const llm = toClassification(reply.answer, cleaned, offlineResult, hints);
      return { final: llm, offline: offlineResult, llm, llmError: null };
    } catch (error) {
      return {
        final: offlineResult,
        offline: offlineResult,
        llm: null,
        llmError: describeLlmFailure(error, deps.client.apiKey ?? ""),
      };
    }
  }

  return {
    classifyBoth,
    classify: async (text, hints) => (await classifyBoth(text, hints)).final,
  };
}

function stripFences(content: string): string {
  const fenced = /^\s*```(?:json)?\s*([^]*?)\s*```\s*$/.exec(content);
  return fenced ? fenced[1]! : content;
}

/** Longest message kept: endpoints' error texts are short; anything longer is noise. */
const MAX_FAILURE_MESSAGE = 200;

/** Why a request to the LLM failed, for the logs: never the request's words, never the key. */
export function describeLlmFailure(error: unknown, apiKey: string): LlmFailure {
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return { kind: "timeout", message: "timeout" };
  if (error instanceof OpenAI.APIConnectionError) {
    return { kind: "connection", message: withoutSecrets(error.message, apiKey) };
  }
  if (error instanceof OpenAI.APIError) {
    // The client's message starts with the status ("401 Incorrect API key provided: …").
    return { kind: "http", message: withoutSecrets(error.message, apiKey) };
  }
  return { kind: "error", message: error instanceof Error ? error.name : "unknown error" };
}

/** Endpoints echo (part of) a wrong key in their 401 text ("Incorrect API key provided: sk-…"). */
function withoutSecrets(message: string, apiKey: string): string {
  let cleaned = apiKey.length > 0 ? message.split(apiKey).join("[key]") : message;
  cleaned = cleaned
    .replace(/\b(?:sk|key)-[\w*.-]+/gi, "[key]")
    .replace(/Bearer\s+\S+/gi, "Bearer [key]");
  return cleaned.slice(0, MAX_FAILURE_MESSAGE);
}
