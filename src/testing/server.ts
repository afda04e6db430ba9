// `fake.listen()`: the fake behind a real local HTTP server (node:http), for any client —
// the official SDK, curl, another process.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { WireRequest, WireResponse } from "./wire.js";

/** A running fake server. */
export interface FakeServer {
  /** `http://127.0.0.1:<port>`: pass it as the client's `endpoint` */
  readonly url: string;
  /** the port it listens on (the one asked for, or the free one it was given) */
  readonly port: number;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

async function readWire(req: IncomingMessage): Promise<WireRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined)
      headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(", ") : value);
  }
  const host = headers.get("host") ?? "127.0.0.1";
  return {
    method: (req.method ?? "GET").toUpperCase(),
    url: new URL(req.url ?? "/", `http://${host}`),
    headers,
    body: Buffer.concat(chunks).toString("utf8"),
  };
}

/** Serves `serve` on `port` (0: any free port) of `host`. */
export function startServer(
  serve: (request: WireRequest, signal: AbortSignal) => Promise<WireResponse>,
  port: number,
  host: string,
): Promise<FakeServer> {
  const server = createServer((req, res) => {
    const closed = new AbortController();
    res.on("close", () => closed.abort(new Error("client went away")));
    readWire(req)
      .then((wire) => serve(wire, closed.signal))
      .then((answer) => {
        if (answer.kind === "drop") {
          req.socket.destroy();
          return;
        }
        res.writeHead(answer.status, {
          ...answer.headers,
          "content-length": Buffer.byteLength(answer.body),
        });
        res.end(answer.body);
      })
      .catch(() => {
        if (!res.headersSent && !closed.signal.aborted) res.writeHead(500).end();
        else req.socket.destroy();
      });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address() as AddressInfo;
      const shown = host.includes(":") ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${actual}`,
        port: actual,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
