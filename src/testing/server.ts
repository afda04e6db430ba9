// `fake.listen()`: the fake behind a real local HTTP server (node:http), for any client —
// the official SDK, curl, another process.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { BODY_LIMIT, declaredTooLarge, type WireRequest, type WireResponse } from "./wire.js";

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
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined)
      headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(", ") : value);
  }
  const host = headers.get("host") ?? "127.0.0.1";
  const body = declaredTooLarge(headers) ? undefined : await readBody(req);
  return {
    method: (req.method ?? "GET").toUpperCase(),
    url: new URL(req.url ?? "/", `http://${host}`),
    headers,
    body: body ?? "",
    ...(body === undefined ? { bodyTooLarge: true } : {}),
  };
}

/**
 * The body's text, or undefined once it passes BODY_LIMIT. What follows is not kept: Node
 * discards it while the 413 goes out (a client still sending must be drained or it never
 * reads the answer), and `connection: close` ends the connection after.
 */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) {
        chunks.push(chunk);
        return;
      }
      req.off("data", onData);
      req.resume(); // drained, not kept
      resolve(undefined);
    };
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.once("error", reject);
    req.once("close", () => reject(new Error("the client went away before the body ended")));
  });
}

/** Serves `serve` on `port` (0: any free port) of `host`. */
export function startServer(
  serve: (request: WireRequest, signal: AbortSignal) => Promise<WireResponse>,
  port: number,
  host: string,
  upgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void,
): Promise<FakeServer> {
  const server = createServer((req, res) => {
    const closed = new AbortController();
    res.on("close", () => closed.abort(new Error("client went away")));
    readWire(req)
      .then(async (wire) => {
        const answer = await serve(wire, closed.signal);
        if (answer.kind === "drop") {
          req.socket.destroy();
          return;
        }
        res.writeHead(answer.status, {
          ...answer.headers,
          "content-length": Buffer.byteLength(answer.body),
          ...(wire.bodyTooLarge ? { connection: "close" } : {}),
        });
        res.end(answer.body);
      })
      .catch(() => {
        if (!res.headersSent && !closed.signal.aborted) res.writeHead(500).end();
        else req.socket.destroy();
      });
  });
  // WebSocket upgrades: the exec sessions of ExecContainerCommand; close() ends them too
  const upgraded = new Set<Duplex>();
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    upgraded.add(socket);
    socket.once("close", () => upgraded.delete(socket));
    if (upgrade) upgrade(req, socket, head);
    else socket.destroy();
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
            for (const socket of upgraded) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
