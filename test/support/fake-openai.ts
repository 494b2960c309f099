import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake answers to one /v1/chat/completions request. */
export type FakeReply =
  /** 200 with this assistant message content. */
  | { readonly content: string }
  /** An HTTP error with an OpenAI-style error body. */
  | { readonly status: number; readonly message?: string }
  /** Answer only after `ms` (to provoke the client's timeout), then with `content`. */
  | { readonly delayMs: number; readonly content: string }
  /** Held until `reply` resolves, then answered with what it resolves to. */
  | { readonly held: Promise<FakeReply> };

export interface RecordedRequest {
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: {
    model?: string;
    messages?: { role: string; content: string }[];
    response_format?: { type: string; json_schema?: { name?: string; schema?: unknown } };
  };
}

export interface FakeOpenAi {
  /** Base URL for the openai client, e.g. http://127.0.0.1:43123/v1 */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** Replies used in order; when they run out, `fallback` answers. */
  script(...replies: FakeReply[]): void;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 speaking the part of the OpenAI API we use
 * (POST /v1/chat/completions), driven by a script of replies.
 * `fallback` answers when the script is empty (default: HTTP 500).
 */
export async function startFakeOpenAi(
  fallback: FakeReply = { status: 500, message: "no scripted reply" },
): Promise<FakeOpenAi> {
  const queue: FakeReply[] = [];
  const requests: RecordedRequest[] = [];
  const pending = new Set<NodeJS.Timeout>();
  const server: Server = createServer((request, response) => {
    void readBody(request).then((raw) => {
      if (request.method !== "POST" || request.url !== "/v1/chat/completions") {
        response.writeHead(404, { "content-type": "application/json" });
        response.end(
          JSON.stringify({ error: { message: "not found", type: "invalid_request_error" } }),
        );
        return;
      }
      let body: RecordedRequest["body"] = {};
      try {
        body = JSON.parse(raw) as RecordedRequest["body"];
      } catch {
        // recorded as an empty body
      }
      requests.push({ path: request.url, authorization: request.headers.authorization, body });
      const send = (content: string) => {
        if (response.destroyed) return;
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(completion(body.model ?? "fake", content)));
      };
      const answer = (reply: FakeReply): void => {
        if ("held" in reply) {
          void reply.held.then(answer);
        } else if ("status" in reply) {
          // A held reply may come after the client gave up.
          if (response.destroyed) return;
          response.writeHead(reply.status, { "content-type": "application/json" });
          response.end(
            JSON.stringify({ error: { message: reply.message ?? "error", type: "server_error" } }),
          );
        } else if ("delayMs" in reply) {
          const timer = setTimeout(() => {
            pending.delete(timer);
            send(reply.content);
          }, reply.delayMs);
          pending.add(timer);
        } else {
          send(reply.content);
        }
      };
      answer(queue.shift() ?? fallback);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...replies) => {
      queue.push(...replies);
    },
    close: async () => {
      for (const timer of pending) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function completion(model: string, content: string) {
  return {
    id: "chatcmpl-fake",
    object: "chat.completion",
    created: 1_700_000_000,
    model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content, refusal: null },
        finish_reason: "stop",
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
