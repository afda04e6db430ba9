// A fifth product is its spec and nothing else: a throwaway "demo" spec, generated into a
// temp folder, works through a client, through the proxy and through the fake cloud. The
// proxy and the fake read the generated registry; here the registry is the real one plus
// what the generator wrote for demo, exactly what `npm run generate` would write for it.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as Registry from "../../generated/products.js";
import type * as Tables from "../../generated/products.meta.js";
import { generate } from "../../scripts/gen/run.js";
import type { ClientOptions } from "../../src/core/options.js";
import { json, KEYS, scriptedFetch } from "../helpers.js";

const SPEC = `openapi: 3.1.0
info:
  title: Demo things
  version: "2099-01-01"
x-pop-product: demo
x-pop-code: Demo
x-pop-version: "2099-01-01"
x-pop-endpoint:
  regional: demo.{regionId}.aliyuncs.com
  map:
    cn-beijing: demo.aliyuncs.com
x-pop-example-params:
  RegionId: cn-hangzhou
paths:
  /DescribeThings:
    post:
      operationId: DescribeThings
      x-pop-read-only: true
      summary: List things
      requestBody:
        content:
          application/json:
            schema: { $ref: "#/components/schemas/DescribeThingsRequest" }
      responses:
        "200":
          description: Success
          content:
            application/json:
              schema: { $ref: "#/components/schemas/DescribeThingsResponse" }
              example: { Things: [{ ThingId: thing-1, Name: first }] }
  /CreateThing:
    post:
      operationId: CreateThing
      x-pop-client-token: ClientToken
      summary: Create a thing
      requestBody:
        content:
          application/json:
            schema: { $ref: "#/components/schemas/CreateThingRequest" }
      responses:
        "200":
          description: Success
          content:
            application/json:
              schema: { type: object, properties: { RequestId: { type: string }, ThingId: { type: string } } }
components:
  schemas:
    Tag:
      type: object
      properties: { Key: { type: string }, Value: { type: string } }
    DescribeThingsRequest:
      type: object
      required: [RegionId]
      properties:
        RegionId: { type: string }
        ThingIds: { type: array, items: { type: string }, x-pop-style: json }
    DescribeThingsResponse:
      type: object
      properties:
        RequestId: { type: string }
        Things:
          type: array
          items: { type: object, properties: { ThingId: { type: string }, Name: { type: string } } }
    CreateThingRequest:
      type: object
      required: [RegionId, Name]
      properties:
        RegionId: { type: string }
        Name: { type: string, maxLength: 16 }
        Tag: { type: array, items: { $ref: "#/components/schemas/Tag" }, maxItems: 20 }
        ClientToken: { type: string }
`;

// biome-ignore lint/suspicious/noExplicitAny: the demo types live in the temp folder
type Call = (input: any, options?: object) => Promise<any>;
interface DemoClient {
  describeThings: Call;
  createThing: Call;
}

let dir: string;
let out: string;
let demo: {
  createDemoClient: (options: ClientOptions) => DemoClient;
  registry: typeof Registry;
  tables: typeof Tables;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "alicloud-eci-demo-"));
  out = join(dir, "generated");
  mkdirSync(join(dir, "spec"));
  writeFileSync(join(dir, "spec", "demo.yaml"), SPEC);
  await generate({ specDir: join(dir, "spec"), outDir: out });
  demo = {
    ...(await import(join(out, "index.ts"))),
    registry: await import(join(out, "products.ts")),
    tables: await import(join(out, "products.meta.ts")),
  };
  // the proxy and the fake as they would be with demo in spec/
  vi.doMock("../../generated/products.js", async (original) => {
    const real = await original<typeof Registry>();
    return { ...real, PRODUCTS: { ...real.PRODUCTS, ...demo.registry.PRODUCTS } };
  });
  vi.doMock("../../generated/products.meta.js", async (original) => {
    const real = await original<typeof Tables>();
    return { ...real, PRODUCT_TABLES: { ...real.PRODUCT_TABLES, ...demo.tables.PRODUCT_TABLES } };
  });
});

afterAll(() => {
  vi.doUnmock("../../generated/products.js");
  vi.doUnmock("../../generated/products.meta.js");
  vi.resetModules(); // nothing imported under the mocks outlives this file
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("a product added by its spec alone", () => {
  it("generates every file, the registry included", () => {
    expect(readdirSync(out).sort()).toEqual([
      "demo.client.ts",
      "demo.meta.ts",
      "demo.service.ts",
      "demo.ts",
      "demo.types.ts",
      "index.ts",
      "products.meta.ts",
      "products.ts",
      "regions.ts",
      "version.ts",
    ]);
    const entry = (demo.registry.PRODUCTS as Record<string, Registry.ProductEntry>).demo;
    expect(entry?.code).toBe("Demo");
    expect(entry?.service.actions).toEqual({
      CreateThing: { ct: "ClientToken" },
      DescribeThings: { ro: true },
    });
  });

  it("calls through a client: its endpoint, version, ClientToken and wire names", async () => {
    const upstream = scriptedFetch(json({ RequestId: "r-1", ThingId: "thing-2" }));
    const client = demo.createDemoClient({
      regionId: "cn-beijing",
      credentials: KEYS,
      fetch: upstream.fetch,
    });
    await expect(
      client.createThing({
        RegionId: "cn-beijing",
        Name: "second",
        Tag: [{ Key: "k", Value: "v" }],
      }),
    ).resolves.toEqual({ RequestId: "r-1", ThingId: "thing-2" });
    const [sent] = upstream.sent;
    expect(sent?.url.host).toBe("demo.aliyuncs.com"); // the spec's endpoint map
    expect(sent?.headers["x-acs-action"]).toBe("CreateThing");
    expect(sent?.headers["x-acs-version"]).toBe("2099-01-01");
    expect(sent?.params).toMatchObject({ Name: "second", "Tag.1.Key": "k", "Tag.1.Value": "v" });
    expect(sent?.params.ClientToken).toMatch(/\S/);
    // the request shapes load from the generated table: too long a name never leaves
    await expect(
      client.createThing({ RegionId: "cn-beijing", Name: "x".repeat(17) }),
    ).rejects.toThrow(/Name/);
    expect(upstream.sent).toHaveLength(1);
  });

  it("calls through the proxy", async () => {
    const { createProxyHandler } = await import("../../src/proxy.js");
    const upstream = scriptedFetch(json({ RequestId: "r-2", Things: [] }));
    const handler = createProxyHandler({
      credentials: KEYS,
      allow: ["demo/DescribeThings"],
      authorize: () => true,
      fetch: upstream.fetch,
    });
    const call = (action: string) =>
      handler(
        new Request(`https://app.example/api/alicloud/demo/${action}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ RegionId: "cn-hangzhou", ThingIds: ["thing-1"] }),
        }),
      );
    const answer = await call("DescribeThings");
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ RequestId: "r-2", Things: [] });
    expect(upstream.sent[0]?.url.host).toBe("demo.cn-hangzhou.aliyuncs.com");
    expect(upstream.sent[0]?.params.ThingIds).toBe('["thing-1"]');
    expect((await call("CreateThing")).status).toBe(403); // the allow-list applies to it too
  });

  it("calls through the fake cloud, which answers with the spec's example", async () => {
    const { createFakeCloud } = await import("../../src/testing.js");
    const fake = createFakeCloud();
    const client = demo.createDemoClient({ regionId: "cn-hangzhou", ...fake.clientOptions() });
    const answer = await client.describeThings({ RegionId: "cn-hangzhou" });
    expect(answer).toMatchObject({ Things: [{ ThingId: "thing-1", Name: "first" }] });
    expect(answer.RequestId).toMatch(/\S/);
    expect(fake.requests.at(-1)).toMatchObject({ product: "demo", action: "DescribeThings" });
    // the gateway checks demo's input like any product's, and names its code in errors
    const unchecked = demo.createDemoClient({
      regionId: "cn-hangzhou",
      ...fake.clientOptions(),
      validate: false,
    });
    await expect(unchecked.createThing({ RegionId: "cn-hangzhou" })).rejects.toMatchObject({
      code: "MissingParameter",
      recommend: expect.stringContaining("product=Demo"),
    });
  });
});
