// The benchmark's local server, run in its own process so its CPU time never counts
// against the clients: port `fixed` answers every request with one fixed
// DescribeContainerGroups page; port `pages` builds the pages of a 100,000-item listing
// on demand from NextToken/Limit, keeping nothing.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { containerGroup, FIXED_BODY } from "./bodies.js";

const TOTAL = Number(process.env.BENCH_TOTAL ?? 100_000);
const PAYLOAD = 400; // characters of unique text per item, so retained pages would show
const fixedBody = Buffer.from(FIXED_BODY);
const fixedHeaders = {
  "content-type": "application/json;charset=utf-8",
  "content-length": String(fixedBody.length),
  "x-acs-request-id": "89164E30-D1E7-4DF0-9F8B-70B8A3B27A2E",
};

const fixed = http.createServer((request, response) => {
  request.resume();
  response.writeHead(200, fixedHeaders);
  response.end(fixedBody);
});

const pages = http.createServer((request, response) => {
  request.resume();
  const query = new URL(request.url ?? "/", "http://x").searchParams;
  const start = Number(query.get("NextToken") || 0);
  const end = Math.min(TOTAL, start + Number(query.get("Limit") || 20));
  const ContainerGroups = [];
  for (let i = start; i < end; i++) {
    ContainerGroups.push(containerGroup(i, `${i}:`.padEnd(PAYLOAD, "x")));
  }
  const body = JSON.stringify({
    RequestId: `page-${start}`,
    TotalCount: TOTAL,
    NextToken: end < TOTAL ? String(end) : "",
    ContainerGroups,
  });
  response.writeHead(200, { "content-type": "application/json;charset=utf-8" });
  response.end(body);
});

for (const server of [fixed, pages]) {
  server.keepAliveTimeout = 60_000;
  server.maxConnections = 5_000;
}

const listen = (server: http.Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, "127.0.0.1", 4096, () => resolve((server.address() as AddressInfo).port)),
  );

const ports = { fixed: await listen(fixed), pages: await listen(pages) };
process.stdout.write(`${JSON.stringify(ports)}\n`);
process.on("SIGTERM", () => process.exit(0));
process.on("disconnect", () => process.exit(0));
