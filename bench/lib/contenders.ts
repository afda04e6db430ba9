// The ways to make one DescribeContainerGroups call against the local server: this SDK
// with default options, with an explicit nodeHttpFetch and over global fetch, the official
// SDK, and the two limits (the request the SDK signs, replayed through plain fetch and
// through plain node:http).

import http from "node:http";
import { createRequire } from "node:module";
import type { FetchLike } from "../../src/transport/types.js";
import { importBuilt, importNodeHttpFetch } from "./build.js";

/** One way to make the call: `call` sends it and resolves once the answer is parsed. */
export interface Contender<Id extends string = ContenderId> {
  id: Id;
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

/** The URL and headers of one signed DescribeContainerGroups call, as the SDK sent them. */
export type Presigned = Awaited<ReturnType<typeof presigned>>;

/**
 * A minimal node:http call with its own keep-alive agent: a pre-signed POST (the URL and
 * headers the SDK sends, recorded once; `content-length: 0` as the SDK's node:http sender
 * adds it), read, JSON.parse.
 */
function plainNodeHttp(signed: Presigned) {
  const agent = new http.Agent({ keepAlive: true, scheduling: "lifo" });
  const url = new URL(signed.url);
  const headers = { ...signed.headers, "content-length": 0 };
  return () =>
    new Promise<unknown>((resolve, reject) => {
      const request = http.request(url, { method: "POST", agent, headers }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (c: Buffer) => chunks.push(c));
        answer.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
        answer.on("error", reject);
      });
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
    {
      id: "node-http",
      label: "plain node:http, pre-signed request (limit)",
      call: plainNodeHttp(signed),
    },
  ];
}

export type ConcurrencyId = "floor" | "sdk-default" | "sdk-global-fetch" | "official";

/** The four contenders of the concurrency section, ready to call `port`. */
export async function concurrencyContenders(port: number): Promise<Contender<ConcurrencyId>[]> {
  const origin = `http://127.0.0.1:${port}`;
  const built = await importBuilt();
  const sdk = sdkClient(built, origin);
  const sdkFetch = sdkClient(built, origin, (input, init) => globalThis.fetch(input, init));
  const official = officialClient(port);
  const signed = await presigned(built, origin);
  const input = { RegionId: REGION };
  return [
    {
      id: "floor",
      label: "plain node:http + keep-alive agent, pre-signed POST (floor)",
      call: plainNodeHttp(signed),
    },
    {
      id: "sdk-default",
      label: "alicloud-eci, default transport",
      call: () => sdk.describeContainerGroups(input),
    },
    {
      id: "sdk-global-fetch",
      label: "alicloud-eci over global fetch",
      call: () => sdkFetch.describeContainerGroups(input),
    },
    {
      id: "official",
      label: "@alicloud/eci20180808 2.0.3 (official)",
      call: () => official({ regionId: REGION }),
    },
  ];
}
