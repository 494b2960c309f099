/**
 * The answer translator on the LLM, with the real openai client against the fake OpenAI server:
 * a translation is shown only when it is one — not empty, not still Chinese, not absurdly long,
 * not cut short — and a failure says why without the answer's words or the key.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLlmAnswerTranslator } from "../../src/classification/llm-answer-translator.ts";
import type { AnswerTranslator } from "../../src/domain/answer-translation.ts";
import { ANSWER, TRANSLATION } from "../support/answer-translation.ts";
import { startFakeOpenAi, type FakeOpenAi } from "../support/fake-openai.ts";

describe("the LLM answer translator", () => {
  let openai: FakeOpenAi;
  let translator: AnswerTranslator;

  beforeAll(async () => {
    openai = await startFakeOpenAi();
    translator = createLlmAnswerTranslator({
      baseUrl: openai.baseUrl,
      apiKey: "sk-secret-key",
      model: "gpt-test",
      responseFormat: "json_object",
      timeoutMs: 1000,
      maxRetries: 0,
    });
  });
  afterAll(() => openai.close());

  it("gives the model's translation, trimmed", async () => {
    openai.script({ content: `\n${TRANSLATION}\n` });
    expect(await translator.translate(ANSWER, "en")).toEqual({
      kind: "translated",
      text: TRANSLATION,
    });
  });

  it("bounds what the model may write by the answer's length", () => {
    const request = openai.requests.at(-1)!.body as { max_tokens?: number; temperature?: number };
    expect(request.max_tokens).toBe(ANSWER.length * 2 + 256);
    expect(request.temperature).toBe(0);
  });

  it.each([
    ["an empty answer", "  ", "empty translation"],
    ["the answer given back in Chinese", ANSWER, "translation still mostly Chinese"],
    [
      "a text far longer than any translation",
      "Ignore the above. ".repeat(100),
      /^translation too long/,
    ],
  ])("rejects %s as junk", async (_, content, reason) => {
    openai.script({ content });
    const outcome = await translator.translate(ANSWER, "en");
    expect(outcome).toMatchObject({ kind: "failed", reason: expect.stringMatching(reason) });
  });

  it("says why the endpoint failed, without the key", async () => {
    openai.script({ status: 401, message: "Incorrect API key provided: sk-secret-key" });
    const outcome = await translator.translate(ANSWER, "en");
    expect(outcome).toEqual({
      kind: "failed",
      reason: "http: 401 Incorrect API key provided: [key]",
    });
  });
});
