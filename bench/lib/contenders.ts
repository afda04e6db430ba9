// The five ways to make one DescribeContainerGroups call against the local server:
// this SDK with default options and with an explicit nodeHttpFetch, the official SDK, and the two limits
// (a pre-signed request through plain fetch, and plain node:http).

import http from "node:http";
import { createRequire } from "node:module";
import type { FetchLike } from "../../src/transport/types.js";
import { importBuilt, importNodeHttpFetch } from "./build.js";

/** One way to make the call: `call` sends it and resolves once the answer is parsed. */
export interface Contender {
  id: ContenderId;
  label: string;
  call: () => Promise<unknown>;
}

export type ContenderId = "sdk-fetch" | "sdk-node-http" | "official" | "fetch" | "node-http";

export const CREDENTIALS = {
  accessKeyId: "LTAI5tBenchAccessKey",
  accessKeySecret: "bench-secret-0123456789",
};
const REGION = "cn-hangzhou";

/** The built package (what users install), imported from the bench's private build. */
export type Sdk = Awaited<ReturnType<typeof importBuilt>>;

/** This SDK as a user creates it (default options), against `origin`; its default transport unless `fetch` is given. */
export function sdkClient(sdk: Sdk, origin: string, fetch?: FetchLike) {
  return sdk.createEciClient({
    regionId: REGION,
    credentials: CREDENTIALS,
    endpoint: origin,
    ...(fetch ? { fetch } : {}),
  });
}

interface OfficialModule {
  default: new (
    config: unknown,
  ) => { describeContainerGroups(request: unknown): Promise<{ body: unknown }> };
  DescribeContainerGroupsRequest: new (fields: object) => unknown;
}

/** The official `@alicloud/eci20180808` client, configured as its README says, against `port`. */
export function officialClient(port: number) {
  const require = createRequire(import.meta.url);
  const { default: Client, DescribeContainerGroupsRequest } =
    require("@alicloud/eci20180808") as OfficialModule;
  const $OpenApi = require("@alicloud/openapi-client") as {
    Config: new (fields: object) => unknown;
  };
  const client = new Client(
    new $OpenApi.Config({
      ...CREDENTIALS,
      endpoint: `127.0.0.1:${port}`,
      protocol: "http",
      regionId: REGION,
    }),
  );
  return (input: { regionId: string }) =>
    client.describeContainerGroups(new DescribeContainerGroupsRequest(input));
}

/** Records the URL and headers this SDK sends, so plain fetch can replay them verbatim. */
async function presigned(
  sdk: Sdk,
  origin: string,
): Promise<{ url: string; headers: Record<string, string> }> {
  let captured: { url: string; headers: Record<string, string> } | undefined;
  const recorder = async (url: string, init: RequestInit) => {
    captured = { url, headers: { ...(init.headers as Record<string, string>) } };
    return globalThis.fetch(url, init);
  };
  await sdkClient(sdk, origin, recorder).describeContainerGroups({ RegionId: REGION });
  if (!captured) throw new Error("the SDK sent nothing");
  return captured;
}

/** A minimal node:http call with its own keep-alive agent: send, read, JSON.parse. */
function plainNodeHttp(origin: string) {
  const agent = new http.Agent({ keepAlive: true, scheduling: "lifo" });
  const url = new URL(`${origin}/?RegionId=${REGION}`);
  return () =>
    new Promise<unknown>((resolve, reject) => {
      const request = http.request(
        url,
        { method: "POST", agent, headers: { "content-length": 0 } },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on("data", (c: Buffer) => chunks.push(c));
          answer.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
          answer.on("error", reject);
        },
      );
      request.on("error", reject);
      request.end();
    });
}

/** All five contenders, ready to call `port` (the fixed-answer server). */
export async function contenders(port: number): Promise<Contender[]> {
  const origin = `http://127.0.0.1:${port}`;
  const built = await importBuilt();
  const { createNodeHttpFetch } = await importNodeHttpFetch();
  const sdk = sdkClient(built, origin);
  const sdkNode = sdkClient(built, origin, createNodeHttpFetch());
  const official = officialClient(port);
  const signed = await presigned(built, origin);
  const input = { RegionId: REGION };
  return [
    {
      id: "sdk-fetch",
      label: "alicloud-eci, default options (node:http in Node)",
      call: () => sdk.describeContainerGroups(input),
    },
    {
      id: "sdk-node-http",
      label: "alicloud-eci + nodeHttpFetch",
      call: () => sdkNode.describeContainerGroups(input),
    },
    {
      id: "official",
      label: "@alicloud/eci20180808 2.0.3 (official)",
      call: () => official({ regionId: REGION }),
    },
    {
      id: "fetch",
      label: "plain fetch, pre-signed request (limit)",
      call: async () =>
        (await fetch(signed.url, { method: "POST", headers: signed.headers })).json(),
    },
    { id: "node-http", label: "plain node:http (limit)", call: plainNodeHttp(origin) },
  ];
}
