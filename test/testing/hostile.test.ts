// The fake runs inside users' test processes: hostile or broken wire input must get the
// gateway's usual answer, never pollute Object.prototype, freeze, eat memory or echo megabytes.
import { request as httpRequest } from "node:http";
import { setupServer } from "msw/node";
import { afterEach, describe, expect, it } from "vitest";
import { createEciClient } from "../../src/index.js";
import {
  createFakeCloud,
  createFakeMetadataService,
  FAKE_CREDENTIALS,
} from "../../src/testing/index.js";
import { BODY_LIMIT } from "../../src/testing/wire.js";
import { signedCall, signedRequest } from "./wire.js";

const RegionId = "cn-hangzhou";
const create = {
  RegionId,
  ContainerGroupName: "web",
  "Container.1.Name": "web",
  "Container.1.Image": "nginx:1.25",
};
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();
const cleanup: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
  // a failing run must not poison the tests after it
  for (const key of Object.getOwnPropertyNames(Object.prototype))
    if (!PROTOTYPE_KEYS.includes(key)) delete (Object.prototype as Record<string, unknown>)[key];
});

const expectCleanPrototype = () => {
  expect(({} as Record<string, unknown>).x).toBeUndefined();
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
};
const answerOf = (out: { status: number; body: Record<string, unknown> }) => [
  out.status,
  out.body.Code,
];

describe("prototype pollution", () => {
  const names = [
    "__proto__.x",
    "__proto__.polluted",
    "Container.1.__proto__.x",
    "Container.1.Port.1.__proto__.x",
    "Tag.1.__proto__.x",
    "constructor.prototype.x",
    "Container.1.constructor.prototype.x",
    "DnsConfig.__proto__.x",
  ];

  it("wire names through __proto__ or constructor.prototype are unknown parameters, answered as such (V3 query, v1 query, v1 form)", async () => {
    const fake = createFakeCloud();
    for (const options of [{}, { signature: "v1" }, { signature: "v1", form: true }] as const) {
      const control = await signedCall(
        fake,
        "CreateContainerGroup",
        { ...create, "Nope.x": "1" },
        options,
      );
      expect(answerOf(control)).toEqual([200, undefined]);
      for (const name of names) {
        const out = await signedCall(
          fake,
          "CreateContainerGroup",
          { ...create, [name]: "1" },
          options,
        );
        expect(answerOf(out), name).toEqual(answerOf(control));
        expectCleanPrototype();
      }
    }
  });

  it("a JSON parameter with a __proto__ key sets no prototype: the nested value is an unknown field", async () => {
    const fake = createFakeCloud();
    for (const [name, value] of [
      ["prod", "prod"],
      ["dev", "dev"],
    ]) {
      const out = await signedCall(
        fake,
        "CreateLoadBalancer",
        {
          RegionId,
          LoadBalancerName: name as string,
          "Tag.1.Key": "env",
          "Tag.1.Value": value as string,
        },
        { product: "slb" },
      );
      expect(out.status).toBe(200);
    }
    const out = await signedCall(
      fake,
      "DescribeLoadBalancers",
      { RegionId, Tags: '[{"tagKey":"env","__proto__":{"tagValue":"prod","x":"1"}}]' },
      { product: "slb" },
    );
    expect(out.status).toBe(200);
    // the filter has no tagValue: both balancers match, as with any unknown field
    expect(out.body.TotalCount).toBe(2);
    const tags = fake.requests.at(-1)?.params.Tags as Record<string, unknown>[];
    expect([tags[0]?.tagValue, tags[0]?.x]).toEqual([undefined, undefined]);
    expectCleanPrototype();
  });

  it("an SDK input parsed from JSON with a __proto__ key does not pollute the process", async () => {
    const fake = createFakeCloud();
    const eci = createEciClient({ regionId: RegionId, ...fake.clientOptions(), retry: false });
    const input = JSON.parse(
      '{"RegionId":"cn-hangzhou","__proto__":{"x":"1"},"Tag":[{"Key":"k","__proto__":{"polluted":"1"}}]}',
    );
    // whether the SDK refuses it or sends it, nothing may leak into Object.prototype
    await eci.describeContainerGroups(input).catch(() => undefined);
    expectCleanPrototype();
  });
});

describe("Object.prototype names", () => {
  const members = [
    "toString",
    "constructor",
    "hasOwnProperty",
    "__proto__",
    "valueOf",
    "isPrototypeOf",
  ];

  it("as Action: InvalidAction.NotFound (404), V3 and v1", async () => {
    const fake = createFakeCloud();
    for (const action of members) {
      for (const signature of ["v3", "v1"] as const) {
        const out = await signedCall(fake, action, { RegionId }, { signature });
        expect(answerOf(out), `${signature} ${action}`).toEqual([404, "InvalidAction.NotFound"]);
      }
    }
  });

  it("as Version: InvalidVersion (400); as RegionId: InvalidRegionId.NotFound (404)", async () => {
    const fake = createFakeCloud();
    for (const member of members) {
      const version = await signedCall(fake, "DescribeRegions", {}, { version: member });
      expect(answerOf(version), member).toEqual([400, "InvalidVersion"]);
      const region = await signedCall(fake, "DescribeContainerGroups", { RegionId: member });
      expect(answerOf(region), member).toEqual([404, "InvalidRegionId.NotFound"]);
    }
  });

  it("as parameter names: unknown parameters, answered like any other unknown name", async () => {
    const fake = createFakeCloud();
    const control = await signedCall(fake, "CreateContainerGroup", { ...create, Nope: "x" });
    for (const member of members) {
      for (const name of [member, `Container.1.${member}`, `DnsConfig.${member}`]) {
        const out = await signedCall(fake, "CreateContainerGroup", { ...create, [name]: "1" });
        expect(answerOf(out), name).toEqual(answerOf(control));
        const params = fake.requests.at(-1)?.params as Record<string, unknown>;
        const container = (params.Container as Record<string, unknown>[])[0] as object;
        // kept as the unknown strings they are, never a member of Object.prototype
        for (const bag of [params, container])
          expect(typeof (bag as Record<string, unknown>)[member]).not.toBe("function");
      }
    }
    expectCleanPrototype();
  });

  it("as values looked up in the fake's tables: an image, an instance type, a metadata path", async () => {
    const fake = createFakeCloud();
    const out = await signedCall(fake, "CreateContainerGroup", {
      ...create,
      "Container.1.Image": "constructor",
      InstanceType: "ecs.c6.constructor",
    });
    expect(out.status).toBe(200);
    const groups = await signedCall(fake, "DescribeContainerGroups", { RegionId });
    const group = groups.body.ContainerGroups[0];
    expect(typeof group.Cpu).toBe("number");
    expect(group.Containers[0].Commands).toEqual([]);
    const imds = createFakeMetadataService(fake, out.body.ContainerGroupId);
    for (const member of members) {
      const response = await imds.fetch(`http://100.100.100.200/latest/meta-data/${member}`);
      expect(response.status, member).toBe(404);
    }
  });
});

describe("list indexes", () => {
  it("an index past the list's maxItems, or past 10 000 without one, is refused at once with InvalidParameter", async () => {
    const fake = createFakeCloud();
    for (const [name, list] of [
      ["Container.4294967295.Name", "Container"],
      ["Container.1.Port.4294967295.Port", "Container.1.Port"],
      ["Tag.10001.Key", "Tag"],
    ]) {
      const out = await signedCall(fake, "CreateContainerGroup", {
        ...create,
        [name as string]: "c",
      });
      expect(answerOf(out), name).toEqual([400, "InvalidParameter"]);
      expect(out.body.Message).toContain(`"${list}"`);
    }
    const capped = await signedCall(
      fake,
      "AuthorizeSecurityGroup",
      { RegionId, SecurityGroupId: "sg-x", "Permissions.4294967295.IpProtocol": "TCP" },
      { product: "ecs" },
    );
    expect(answerOf(capped)).toEqual([400, "InvalidParameter"]);
    expect(capped.body.Message).toContain('"Permissions"');
    expect(capped.body.Message).toContain("at most 100");
  });
});

describe("request body limit", () => {
  // documented in src/testing/wire.ts; spelled out so a missing limit fails instead of hanging
  const LIMIT = 8 * 1024 * 1024;
  const over = LIMIT + 3 * 1024 * 1024;
  const bigForm = () => `RegionId=cn-hangzhou&Big=${"a".repeat(over)}`;

  it("is 8 MiB", () => {
    expect(BODY_LIMIT).toBe(LIMIT);
  });

  it("fake.fetch and fake.handle answer 413 RequestEntityTooLarge, echoing nothing", async () => {
    const fake = createFakeCloud();
    const { url, headers } = signedRequest(fake, "DescribeRegions", {}, { form: true });
    const body = bigForm();
    for (const send of [
      () => fake.fetch(url, { method: "POST", headers, body }),
      () => fake.handle(new Request(url, { method: "POST", headers, body })),
    ]) {
      const response = await send();
      const text = await response.text();
      expect(response.status).toBe(413);
      expect(JSON.parse(text).Code).toBe("RequestEntityTooLarge");
      expect(text.length).toBeLessThan(1_000);
    }
    expect(fake.requests.map((r) => [r.status, r.code])).toEqual([
      [413, "RequestEntityTooLarge"],
      [413, "RequestEntityTooLarge"],
    ]);
  });

  it("stops reading a streamed body at the limit instead of reading the rest", async () => {
    const fake = createFakeCloud();
    const { url, headers } = signedRequest(fake, "DescribeRegions", {}, { form: true });
    let pulled = 0;
    const chunk = new TextEncoder().encode("a".repeat(64 * 1024));
    const long = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.length;
        controller.enqueue(chunk);
        if (pulled >= 4 * LIMIT) controller.close();
      },
    });
    const response = await fake.handle(
      new Request(url, { method: "POST", headers, body: long, duplex: "half" } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(LIMIT + 1024 * 1024);
  });

  it("the HTTP server answers 413 without reading the body, declared or chunked", async () => {
    const fake = createFakeCloud();
    const server = await fake.listen();
    cleanup.push(() => server.close());
    const { url, headers } = signedRequest(fake, "DescribeRegions", {}, { form: true });
    const target = new URL(url.pathname + url.search, server.url);
    const post = (chunked: boolean) =>
      new Promise<{ status: number; code: string }>((resolve, reject) => {
        const req = httpRequest(target, { method: "POST", headers }, (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (part: string) => {
            text += part;
          });
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, code: JSON.parse(text).Code }),
          );
        });
        req.on("error", reject);
        const body = Buffer.from(bigForm());
        if (!chunked) req.setHeader("content-length", body.length);
        req.end(body);
      });
    for (const chunked of [false, true])
      expect(await post(chunked)).toEqual({ status: 413, code: "RequestEntityTooLarge" });
    // the server is still there for the next caller
    const eci = createEciClient({
      regionId: RegionId,
      credentials: FAKE_CREDENTIALS,
      endpoint: server.url,
    });
    expect((await eci.describeRegions({})).Regions?.length).toBeGreaterThan(0);
  });

  it("msw handlers answer 413 too", async () => {
    const fake = createFakeCloud();
    const msw = setupServer(...fake.handlers);
    msw.listen({ onUnhandledRequest: "error" });
    cleanup.push(() => msw.close());
    const { url, headers } = signedRequest(fake, "DescribeRegions", {}, { form: true });
    const response = await fetch(url, { method: "POST", headers, body: bigForm() });
    expect(response.status).toBe(413);
    expect((await response.json()).Code).toBe("RequestEntityTooLarge");
  });

  it("a body just under the limit is still read", async () => {
    const fake = createFakeCloud();
    const padding = "b".repeat(LIMIT - 1024);
    const out = await signedCall(fake, "DescribeRegions", { Padding: padding }, { form: true });
    expect(out.status).toBe(200);
  });
});

describe("echoed values", () => {
  const long = `${"v".repeat(5_000)}-tail`;
  const expectShort = (message: string) => {
    expect(message).not.toContain("v".repeat(201));
    expect(message).not.toContain("-tail");
    expect(message).toContain("…");
  };

  it("a long parameter value is cut to 200 characters in error messages", async () => {
    const fake = createFakeCloud();
    const calls: [string, Record<string, string>][] = [
      ["CreateContainerGroup", { ...create, RestartPolicy: long }],
      ["DescribeContainerGroups", { RegionId: long }],
      ["DeleteContainerGroup", { RegionId, ContainerGroupId: `eci-${long}` }],
    ];
    for (const [action, params] of calls) {
      const out = await signedCall(fake, action, params);
      expect(out.status, action).toBeGreaterThanOrEqual(400);
      expectShort(out.body.Message);
    }
    const lb = await signedCall(fake, "CreateLoadBalancer", { RegionId }, { product: "slb" });
    const backends = await signedCall(
      fake,
      "AddBackendServers",
      {
        RegionId,
        LoadBalancerId: lb.body.LoadBalancerId,
        BackendServers: JSON.stringify([
          { ServerId: `eci-${long}`, ServerIp: "192.168.0.9", Type: "eci", Weight: "100" },
        ]),
      },
      { product: "slb" },
    );
    expect(backends.status).toBeGreaterThanOrEqual(400);
    expectShort(backends.body.Message);
    for (const signature of ["v3", "v1"] as const) {
      const named = await signedCall(fake, long, {}, { signature });
      expect(named.body.Code).toBe("InvalidAction.NotFound");
      expectShort(named.body.Message);
    }
  });

  it("the string to sign of SignatureDoesNotMatch shows long values cut", async () => {
    const fake = createFakeCloud();
    for (const [signature, form] of [
      ["v1", true],
      ["v1", false],
      ["v3", false],
    ] as const) {
      const out = await signedCall(
        fake,
        "DescribeRegions",
        { RegionId, Big: long },
        { signature, form, credentials: { ...FAKE_CREDENTIALS, accessKeySecret: "wrong" } },
      );
      expect(out.body.Code).toBe("SignatureDoesNotMatch");
      expect(out.body.Message).toContain("server string to sign is:");
      expect(out.body.Message.length).toBeLessThan(2_000);
      expect(out.body.Message).not.toContain("v".repeat(201));
    }
  });
});
