// What the fake's gateway checks, like the real one: signatures (V3 and v1, recomputed from
// the wire), keys, STS tokens, the timestamp window, nonces, Action/Version, parameters.
import { describe, expect, it } from "vitest";
import { createEciClient, PermissionError } from "../../src/index.js";
import { flatten } from "../../src/sign/flatten.js";
import { createFakeCloud, FAKE_CREDENTIALS } from "../../src/testing/index.js";
import { vectors } from "../reference.js";
import { expectPopError, setup } from "./helpers.js";
import { signedCall, signedRequest } from "./wire.js";

const RegionId = "cn-hangzhou";
const MISMATCH =
  "Specified signature is not matched with our calculation. server string to sign is:";
// biome-ignore lint/suspicious/noExplicitAny: vector JSON
type Vector = Record<string, any>;

describe("signatures", () => {
  for (const signatureVersion of ["v3", "v1"] as const) {
    it(`${signatureVersion}: a signed call is accepted; RequestId in the body and the x-acs-request-id header`, async () => {
      const fake = createFakeCloud();
      let header: string | null = null;
      const eci = createEciClient({
        regionId: RegionId,
        signatureVersion,
        credentials: FAKE_CREDENTIALS,
        fetch: async (url, init) => {
          const response = await fake.fetch(url, init);
          header = response.headers.get("x-acs-request-id");
          return response;
        },
      });
      const out = await eci.describeRegions({});
      expect(out.RequestId).toBe(header);
      expect(fake.requests[0]).toMatchObject({
        product: "eci",
        action: "DescribeRegions",
        status: 200,
        signatureVersion,
      });
    });

    it(`${signatureVersion}: a wrong secret gives SignatureDoesNotMatch (400) with the server's string to sign`, async () => {
      const { fake } = setup();
      const eci = createEciClient({
        regionId: RegionId,
        signatureVersion,
        retry: false,
        fetch: fake.fetch,
        credentials: { ...FAKE_CREDENTIALS, accessKeySecret: "wrong" },
      });
      const error = await expectPopError(eci.describeRegions({}), "SignatureDoesNotMatch", 400);
      expect(error).toBeInstanceOf(PermissionError);
      expect(error.message).toContain(MISMATCH);
      expect(error.message).toContain(
        signatureVersion === "v1"
          ? "POST&%2F&AccessKeyId%3DLTAI5tFakeCloudTestKey01"
          : "ACS3-HMAC-SHA256\n",
      );
    });
  }

  it("a request changed after signing is refused (V3 query, v1 query, V3 body)", async () => {
    const fake = createFakeCloud();
    const tamper = (url: URL) => url.searchParams.set("RegionId", "cn-beijing");
    for (const signature of ["v3", "v1"] as const) {
      const out = await signedCall(fake, "DescribeRegions", { RegionId }, { signature, tamper });
      expect([out.status, out.body.Code]).toEqual([400, "SignatureDoesNotMatch"]);
    }
    const { url, headers } = signedRequest(fake, "DescribeRegions", { RegionId }, { form: true });
    const response = await fake.fetch(url, {
      method: "POST",
      headers,
      body: "RegionId=cn-beijing",
    });
    expect((await response.json()).Code).toBe("SignatureDoesNotMatch");
  });

  it("an unknown AccessKeyId gives InvalidAccessKeyId.NotFound (404)", async () => {
    const { fake } = setup();
    const eci = createEciClient({
      regionId: RegionId,
      retry: false,
      fetch: fake.fetch,
      credentials: { accessKeyId: "LTAI5tUnknown", accessKeySecret: "x" },
    });
    const error = await expectPopError(eci.describeRegions({}), "InvalidAccessKeyId.NotFound", 404);
    expect(error.message).toContain("Specified access key is not found.");
  });

  it("a timestamp outside 15 minutes gives InvalidTimeStamp.Expired (400), either way", async () => {
    const fake = createFakeCloud();
    for (const offset of [-16 * 60_000, 16 * 60_000]) {
      for (const signature of ["v3", "v1"] as const) {
        const out = await signedCall(
          fake,
          "DescribeRegions",
          {},
          { signature, now: Date.now() + offset },
        );
        expect([out.status, out.body.Code]).toEqual([400, "InvalidTimeStamp.Expired"]);
      }
    }
    expect(
      (await signedCall(fake, "DescribeRegions", {}, { now: Date.now() - 14 * 60_000 })).status,
    ).toBe(200);
    // a client whose clock is an hour off corrects it from the answer's Date header
    const eci = createEciClient({
      regionId: RegionId,
      ...fake.clientOptions(),
      now: () => Date.now() - 3_600_000,
    });
    const before = fake.requests.length;
    await eci.describeRegions({});
    expect(fake.requests.slice(before).map((r) => r.code ?? r.status)).toEqual([
      "InvalidTimeStamp.Expired",
      200,
    ]);
  });

  it("a reused nonce gives SignatureNonceUsed (400): a replayed request is refused", async () => {
    const fake = createFakeCloud();
    for (const signature of ["v3", "v1"] as const) {
      const { url, method, headers } = signedRequest(
        fake,
        "DescribeRegions",
        {},
        { signature, nonce: `fixed-${signature}` },
      );
      expect((await fake.fetch(url, { method, headers })).status).toBe(200);
      const replay = await fake.fetch(url, { method, headers });
      expect([replay.status, (await replay.json()).Code]).toEqual([400, "SignatureNonceUsed"]);
    }
    const eci = createEciClient({
      regionId: RegionId,
      ...fake.clientOptions(),
      retry: false,
      nonce: () => "always-the-same",
    });
    await eci.describeRegions({});
    await expectPopError(eci.describeRegions({}), "SignatureNonceUsed", 400);
  });

  it("the official documentation's V3 and v1 examples and the official clients' wire captures pass the signature check", async () => {
    const accepted = async (fake: ReturnType<typeof createFakeCloud>, request: Request) => {
      await fake.handle(request);
      const [record] = fake.requests;
      expect(record?.code).not.toBe("SignatureDoesNotMatch");
      expect(record?.accessKeyId).toBeDefined();
    };
    for (const v of vectors.v3 as Vector[]) {
      const fake = createFakeCloud({
        now: () => Date.parse(v.headers["x-acs-date"]),
        credentials: {
          accessKeyId: v.accessKeyId,
          accessKeySecret: v.accessKeySecret,
          securityToken: v.headers["x-acs-security-token"],
        },
      });
      const url = new URL(`https://${v.headers.host}${v.pathname}`);
      for (const [name, value] of Object.entries<string>(v.query))
        url.searchParams.append(name, value);
      const init = { method: v.method, headers: { ...v.headers, authorization: v.authorization } };
      await accepted(fake, new Request(url, v.body ? { ...init, body: v.body } : init));
    }
    for (const v of vectors.rpcV1 as Vector[]) {
      const common = v.inputCommonParams;
      const fake = createFakeCloud({
        now: () => Date.parse(common.Timestamp),
        credentials: {
          accessKeyId: common.AccessKeyId,
          accessKeySecret: v.accessKeySecret,
          securityToken: common.SecurityToken,
        },
      });
      const form = v.inputFormBody
        ? new Set(flatten(v.inputFormBody).map(([name]) => name))
        : new Set<string>();
      const url = new URL("https://ecs.aliyuncs.com/");
      const body = new URLSearchParams();
      for (const [name, value] of Object.entries<string>(v.flattenedSignedParams))
        (form.has(name) ? body : url.searchParams).append(name, value);
      url.searchParams.append("Signature", v.signature);
      const init: RequestInit = { method: v.method };
      if (form.size)
        Object.assign(init, {
          body: body.toString(),
          headers: { "content-type": "application/x-www-form-urlencoded" },
        });
      await accepted(fake, new Request(url, init));
    }
    for (const v of vectors.endToEnd as Vector[]) {
      const fake = createFakeCloud({
        now: () => Date.parse(v.fixed.timestamp),
        credentials: v.fixed,
      });
      const headers = (v.wire.rawHeaders as [string, string][]).filter(
        ([name]) => !/^(connection|content-length|transfer-encoding)$/i.test(name),
      );
      const init: RequestInit = { method: v.wire.method, headers };
      if (v.wire.body) init.body = v.wire.body;
      await accepted(fake, new Request(`http://127.0.0.1:47111${v.wire.url}`, init));
    }
  });
});

describe("STS tokens", () => {
  it("temporary credentials the fake issued are accepted, V3 and v1", async () => {
    const fake = createFakeCloud();
    const sts = fake.issueStsCredentials();
    expect(sts.accessKeyId).toMatch(/^STS\./);
    for (const signatureVersion of ["v3", "v1"] as const) {
      const eci = createEciClient({
        regionId: RegionId,
        signatureVersion,
        fetch: fake.fetch,
        credentials: sts,
      });
      await eci.describeRegions({});
    }
    expect(fake.requests.map((r) => r.status)).toEqual([200, 200]);
    const logged = JSON.stringify(fake.requests);
    expect(logged).not.toContain(sts.securityToken);
    expect(logged).not.toContain(sts.accessKeySecret);
  });

  it("a token paired with another key, a missing token and an expired token are refused", async () => {
    const fake = createFakeCloud();
    const a = fake.issueStsCredentials();
    const b = fake.issueStsCredentials({ durationMs: 1_000 });
    const client = (credentials: {
      accessKeyId: string;
      accessKeySecret: string;
      securityToken?: string;
    }) => createEciClient({ regionId: RegionId, retry: false, fetch: fake.fetch, credentials });
    await expectPopError(
      client({ ...a, securityToken: b.securityToken }).describeRegions({}),
      "InvalidSecurityToken.MismatchWithAccessKey",
      400,
    );
    await expectPopError(
      client({ accessKeyId: a.accessKeyId, accessKeySecret: a.accessKeySecret }).describeRegions(
        {},
      ),
      "MissingSecurityToken",
      400,
    );
    await expectPopError(
      client({ ...FAKE_CREDENTIALS, securityToken: "CAISmadeup" }).describeRegions({}),
      "InvalidSecurityToken.Malformed",
      400,
    );
    // they expire on the fake's clock, like the keys its STS hands out
    fake.advance(2_000);
    await expectPopError(client(b).describeRegions({}), "InvalidSecurityToken.Expired", 400);
  });
});

describe("Action, Version and parameters", () => {
  it("an unknown Action gives InvalidAction.NotFound (404); an unknown Version InvalidVersion (400)", async () => {
    const fake = createFakeCloud();
    const action = await signedCall(fake, "RunInstances", {});
    expect([action.status, action.body.Code]).toEqual([404, "InvalidAction.NotFound"]);
    const version = await signedCall(fake, "DescribeRegions", {}, { version: "2099-01-01" });
    expect([version.status, version.body.Code]).toEqual([400, "InvalidVersion"]);
  });

  it("the error body is { RequestId, HostId, Code, Message, Recommend }", async () => {
    const fake = createFakeCloud();
    const out = await signedCall(fake, "DeleteContainerGroup", {
      RegionId,
      ContainerGroupId: "eci-nope",
    });
    expect(Object.keys(out.body).sort()).toEqual([
      "Code",
      "HostId",
      "Message",
      "Recommend",
      "RequestId",
    ]);
    expect(out.body).toMatchObject({
      HostId: "eci.cn-hangzhou.aliyuncs.com",
      Code: "InvalidParameter.NotFound",
    });
    expect(out.body.Recommend).toBe(
      `https://api.aliyun.com/troubleshoot?q=InvalidParameter.NotFound&product=Eci&requestId=${out.body.RequestId}`,
    );
    expect(out.headers.get("x-acs-request-id")).toBe(out.body.RequestId);
  });

  it("a missing required parameter gives MissingParameter naming it in wire form", async () => {
    const fake = createFakeCloud();
    const out = await signedCall(fake, "CreateContainerGroup", {
      RegionId,
      ContainerGroupName: "xx",
      "Container.1.Name": "web",
    });
    expect([out.status, out.body.Code]).toEqual([400, "MissingParameter"]);
    expect(out.body.Message).toBe(
      'The input parameter "Container.1.Image" that is mandatory for processing this request is not supplied.',
    );
    const region = await signedCall(fake, "DescribeContainerGroups", {});
    expect(region.body.Message).toContain('"RegionId"');
  });

  it("values out of range, of the wrong type or outside the enum give InvalidParameter naming the parameter", async () => {
    const fake = createFakeCloud();
    const base = {
      RegionId,
      ContainerGroupName: "xx",
      "Container.1.Name": "web",
      "Container.1.Image": "nginx",
    };
    const port = await signedCall(fake, "CreateContainerGroup", {
      ...base,
      "Container.1.Port.1.Port": "70000",
    });
    expect(port.body.Code).toBe("InvalidParameter");
    expect(port.body.Message).toContain('"Container.1.Port.1.Port"');
    const limit = await signedCall(fake, "DescribeContainerGroups", { RegionId, Limit: "many" });
    expect(limit.body.Message).toContain('"Limit"');
    const policy = await signedCall(fake, "CreateContainerGroup", {
      ...base,
      RestartPolicy: "Sometimes",
    });
    expect(policy.body.Message).toContain('"RestartPolicy"');
    const ids = await signedCall(fake, "DescribeContainerGroups", {
      RegionId,
      ContainerGroupIds: "not json",
    });
    expect([ids.body.Code, ids.body.Message.includes('"ContainerGroupIds"')]).toEqual([
      "InvalidParameter",
      true,
    ]);
    const region = await signedCall(fake, "DescribeContainerGroups", { RegionId: "mars-north-1" });
    expect([region.status, region.body.Code]).toEqual([404, "InvalidRegionId.NotFound"]);
  });

  it("parameters may come as GET query, POST query or POST form body (pop-core style)", async () => {
    const fake = createFakeCloud();
    const created = await signedCall(
      fake,
      "CreateContainerGroup",
      {
        RegionId,
        ContainerGroupName: "form",
        "Container.1.Name": "web",
        "Container.1.Image": "nginx:1.25",
      },
      { signature: "v1", form: true },
    );
    expect(created.status).toBe(200);
    const v3form = await signedCall(
      fake,
      "DescribeContainerGroups",
      { RegionId, ContainerGroupName: "form" },
      { form: true },
    );
    expect(v3form.body.TotalCount).toBe(1);
    const get = await signedCall(
      fake,
      "DescribeContainerGroups",
      { RegionId, ContainerGroupName: "form" },
      { signature: "v1", method: "GET" },
    );
    expect(get.body.ContainerGroups[0].Containers[0].Image).toBe("nginx:1.25");
  });

  it("unknown parameters are ignored, as by the real gateway", async () => {
    const fake = createFakeCloud();
    const out = await signedCall(fake, "DescribeRegions", { OwnerId: "123", Whatever: "x" });
    expect(out.status).toBe(200);
  });
});
