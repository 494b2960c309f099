/**
 * The plumbing the fakes of outside services share: a real HTTP server on 127.0.0.1, whole
 * request bodies, and a close that does not wait for kept-alive connections.
 */
import { createServer, Agent, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, LookupFunction } from "node:net";

export interface LocalServer {
  readonly port: number;
  close(): Promise<void>;
}

export type LocalHandler = (
  request: IncomingMessage,
  body: Buffer,
  response: ServerResponse,
) => void | Promise<void>;

/** Serves `handler` on 127.0.0.1 on a free port; a handler that throws answers 500. */
export async function serveLocally(handler: LocalHandler): Promise<LocalServer> {
  const server = createServer((request, response) => {
    void readBody(request)
      .then((body) => handler(request, body, response))
      .catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
        response.end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

/**
 * A request header that closes the connection after its answer. A test's client shares one
 * process with the service under test: when a loaded machine holds the event loop past the
 * server's keep-alive timeout (5 s), fetch could send the next request on a socket the server
 * has just closed (ECONNRESET). One request per connection costs a loopback handshake and
 * leaves no such race.
 */
export const CLOSE_AFTER_ANSWER = { connection: "close" } as const;

/** POSTs `body` as JSON to `url`: the status and the answer's JSON (null when empty). */
export async function postJson(
  url: string,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

/**
 * An HTTP agent that connects every host name to 127.0.0.1: a client whose protocol needs a
 * real-looking host name (Tencent's SDK derives the signed service name from it) reaches a
 * fake under `<name>.test` (a reserved top-level domain that never resolves elsewhere).
 */
export function loopbackAgent(): Agent {
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) {
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address: "127.0.0.1", family: 4 },
      ]);
    } else {
      callback(null, "127.0.0.1", 4);
    }
  };
  return new Agent({ lookup } as ConstructorParameters<typeof Agent>[0]);
}
