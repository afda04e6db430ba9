// Loopback plumbing for the differential test: a server on 127.0.0.1 for a fetch-style
// handler (the fake metadata service, a credentials URI), and the redirect that sends both
// credential chains' requests for Alibaba Cloud hosts to those local servers instead. Any
// other destination is refused: nothing leaves the machine.
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";

/** Serves `handle` on 127.0.0.1 (any free port); `close` stops it. */
export async function serveOnLoopback(handle: (request: Request) => Promise<Response> | Response) {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === "string") headers.set(name, value);
    const answer = await handle(
      new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url}`, {
        method: req.method,
        headers,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
      }),
    );
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Where each addressed host is served locally: `sts…aliyuncs.com` and `100.100.100.200`. */
export interface Routes {
  sts: string;
  imds: string;
}

/** The local origin for a URL, or an error for anything that would leave the machine. */
export function localOrigin(url: URL, routes: Routes): string {
  if (/^sts(-vpc)?(\.[a-z0-9-]+)?\.aliyuncs\.com$/.test(url.hostname)) return routes.sts;
  if (url.hostname === "100.100.100.200") return routes.imds;
  if (url.hostname === "127.0.0.1") return url.origin;
  throw new Error(`refused: a test request to ${url.host} would leave the machine`);
}

/** A fetch that sends to the local server for the host, keeping the addressed Host header. */
export function loopbackFetch(routes: Routes) {
  return (input: string, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input);
    const target = new URL(localOrigin(url, routes));
    const headers = { ...(init.headers as Record<string, string>), host: url.host };
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: init.method ?? "GET",
          path: `${url.pathname}${url.search}`,
          headers,
          signal: init.signal ?? undefined,
        },
        async (res) => {
          const chunks: Buffer[] = [];
          for await (const chunk of res) chunks.push(chunk as Buffer);
          const out = new Headers();
          for (const [name, value] of Object.entries(res.headers))
            if (typeof value === "string") out.set(name, value);
          resolve(
            new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0, headers: out }),
          );
        },
      );
      req.on("error", reject);
      req.end(typeof init.body === "string" ? init.body : undefined);
    });
  };
}
