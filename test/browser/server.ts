// The app's server for the browser test: serves the console page and its bundle, and
// mounts the signing proxy at /api/alicloud/. Listens on 127.0.0.1, any free port.
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

/** A running console server. */
export interface ConsoleServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * Serves `html` at `/`, the files of `bundleDir` at `/<name>.js`, and hands every
 * request under `/api/alicloud/` to `proxy`.
 */
export async function startConsoleServer(options: {
  html: string;
  bundleDir: string;
  proxy: Listener;
}): Promise<ConsoleServer> {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path.startsWith("/api/alicloud/")) return options.proxy(req, res);
    if (req.method !== "GET") return send(res, 405, "text/plain", "GET only");
    if (path === "/") return send(res, 200, "text/html; charset=utf-8", options.html);
    if (path === "/favicon.ico") return send(res, 204, "image/x-icon", "");
    // bundle files only: a flat name, so nothing outside bundleDir can be read
    if (/^\/[\w.-]+\.js$/.test(path)) {
      const code = await readFile(join(options.bundleDir, path.slice(1)), "utf8").catch(
        () => undefined,
      );
      if (code !== undefined) return send(res, 200, "text/javascript; charset=utf-8", code);
    }
    return send(res, 404, "text/plain", "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}
