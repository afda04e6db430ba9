// Proof the fake is faithful to real clients, not only to ours: the official
// @alicloud/eci20180808 SDK calls it over HTTP, signing V3 (its default) and v1, and is accepted.
import { createRequire } from "node:module";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createFakeCloud, type FakeServer } from "../../src/testing/index.js";

// the official packages are CommonJS
const require = createRequire(import.meta.url);
const Eci = require("@alicloud/eci20180808");
const $OpenApi = require("@alicloud/openapi-client");

const fake = createFakeCloud();
let server: FakeServer;
beforeAll(async () => {
  server = await fake.listen();
});
afterAll(() => server.close());

for (const signatureAlgorithm of [undefined, "v2"] as const) {
  const label = signatureAlgorithm === "v2" ? "v1 (signatureAlgorithm: v2)" : "V3 (default)";
  it(`the official ECI client, ${label}: CreateContainerGroup and DescribeContainerGroups succeed`, async () => {
    const client = new Eci.default(
      new $OpenApi.Config({
        accessKeyId: fake.credentials.accessKeyId,
        accessKeySecret: fake.credentials.accessKeySecret,
        endpoint: server.url.replace("http://", ""),
        protocol: "http",
        regionId: "cn-hangzhou",
        ...(signatureAlgorithm ? { signatureAlgorithm } : {}),
      }),
    );
    const name = `official-${signatureAlgorithm ?? "v3"}`;
    const created = await client.createContainerGroup(
      new Eci.CreateContainerGroupRequest({
        regionId: "cn-hangzhou",
        containerGroupName: name,
        restartPolicy: "Always",
        container: [
          new Eci.CreateContainerGroupRequestContainer({
            name: "web",
            image: "nginx:1.25",
            command: ["/bin/sh", "-c", "echo a=b&c *~'()!"],
            port: [new Eci.CreateContainerGroupRequestContainerPort({ port: 80, protocol: "TCP" })],
          }),
        ],
      }),
    );
    expect(created.statusCode).toBe(200);
    expect(created.body.containerGroupId).toMatch(/^eci-/);
    fake.advance(60_000);
    const listed = await client.describeContainerGroups(
      new Eci.DescribeContainerGroupsRequest({
        regionId: "cn-hangzhou",
        containerGroupIds: JSON.stringify([created.body.containerGroupId]),
      }),
    );
    const group = listed.body.containerGroups[0];
    expect(group.containerGroupName).toBe(name);
    expect(group.status).toBe("Running");
    expect(group.containers[0].commands).toEqual(["/bin/sh", "-c", "echo a=b&c *~'()!"]);
    expect(group.containers[0].ports[0].port).toBe(80);
    const last = fake.requests.at(-1);
    expect(last).toMatchObject({
      action: "DescribeContainerGroups",
      status: 200,
      signatureVersion: signatureAlgorithm === "v2" ? "v1" : "v3",
    });
  });
}

it("the official client sees the fake's errors as POP errors", async () => {
  const client = new Eci.default(
    new $OpenApi.Config({
      accessKeyId: fake.credentials.accessKeyId,
      accessKeySecret: "wrong",
      endpoint: server.url.replace("http://", ""),
      protocol: "http",
      regionId: "cn-hangzhou",
    }),
  );
  const error = await client
    .describeContainerGroups(new Eci.DescribeContainerGroupsRequest({ regionId: "cn-hangzhou" }))
    .catch((e: unknown) => e);
  expect(error).toMatchObject({ code: "SignatureDoesNotMatch", statusCode: 400 });
  expect((error as { data: { RequestId: string } }).data.RequestId).toMatch(/^[0-9A-F-]{36}$/);
});
