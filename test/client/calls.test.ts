import { inspect } from "node:util";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ConfigurationError,
  CredentialsError,
  createEciClient,
  createEcsClient,
  createSlbClient,
  createVpcClient,
  InvalidResponseError,
  NotFoundError,
  PermissionError,
  PopError,
  ThrottlingError,
} from "../../src/index.js";
import { json, KEYS, popErrorBody, STS, scriptedFetch } from "../helpers.js";

describe("a call through msw (the default transport)", () => {
  const seen: Request[] = [];
  const server = setupServer(
    http.post("https://eci.cn-hangzhou.aliyuncs.com/", ({ request }) => {
      seen.push(request.clone());
      return HttpResponse.json({
        RequestId: "req-1",
        TotalCount: 1,
        ContainerGroups: [
          { ContainerGroupId: "eci-1", Status: "Running", Containers: [{ Name: "web" }] },
        ],
      });
    }),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());

  it("posts the signed, flattened call to the regional host and resolves to the typed body", async () => {
    const eci = createEciClient({ regionId: "cn-hangzhou", credentials: KEYS });
    const out = await eci.describeContainerGroups({
      RegionId: "cn-hangzhou",
      ContainerGroupIds: ["eci-1", "eci-2"],
      Tag: [{ Key: "env", Value: "prod 1" }],
    });
    expect(out.ContainerGroups?.[0]?.ContainerGroupId).toBe("eci-1");
    const request = seen[0] as Request;
    const url = new URL(request.url);
    expect(request.method).toBe("POST");
    expect(url.pathname).toBe("/");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      RegionId: "cn-hangzhou",
      ContainerGroupIds: '["eci-1","eci-2"]',
      "Tag.1.Key": "env",
      "Tag.1.Value": "prod 1",
    });
    expect(await request.text()).toBe("");
    expect(request.headers.get("x-acs-action")).toBe("DescribeContainerGroups");
    expect(request.headers.get("x-acs-version")).toBe("2018-08-08");
    expect(request.headers.get("authorization")).toMatch(
      /^ACS3-HMAC-SHA256 Credential=LTAI5tTestKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=[0-9a-f]{64}$/,
    );
  });
});

describe("wire form", () => {
  it("flattens nested lists 1-based, keeps '' and drops null/undefined", async () => {
    const { fetch, sent } = scriptedFetch(json({ RequestId: "r", ContainerGroupId: "eci-1" }));
    const eci = createEciClient({ regionId: "cn-hangzhou", credentials: KEYS, fetch });
    await eci.createContainerGroup({
      RegionId: "cn-hangzhou",
      ContainerGroupName: "web",
      VSwitchId: ["vsw-a", "vsw-b"],
      SecurityGroupId: undefined,
      Container: [
        {
          Name: "nginx",
          Image: "nginx:1.25",
          Command: ["/bin/sh", "-c"],
          Arg: ["echo ''"],
          WorkingDir: "",
          Port: [
            { Port: 80, Protocol: "TCP" },
            { Port: 443, Protocol: "TCP" },
          ],
          EnvironmentVar: [{ Key: "POD_IP", FieldRef: { FieldPath: "status.podIP" } }],
        },
      ],
      DnsConfig: { NameServer: ["1.1.1.1"], Option: [{ Name: "ndots", Value: "2" }] },
    });
    const p = sent[0]?.params ?? {};
    expect(p["Container.1.Command.2"]).toBe("-c");
    expect(p["Container.1.Port.2.Port"]).toBe("443");
    expect(p["Container.1.WorkingDir"]).toBe("");
    expect(p["Container.1.EnvironmentVar.1.FieldRef.FieldPath"]).toBe("status.podIP");
    expect(p["DnsConfig.Option.1.Name"]).toBe("ndots");
    expect(p.VSwitchId).toBe("vsw-a,vsw-b");
    expect("SecurityGroupId" in p).toBe(false);
    expect(p.ClientToken).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("v1: common parameters and the HMAC-SHA1 signature in the query; STS token as SecurityToken", async () => {
    const { fetch, sent } = scriptedFetch(json({ RequestId: "r", Regions: [] }));
    const eci = createEciClient({
      regionId: "cn-hangzhou",
      credentials: STS,
      signatureVersion: "v1",
      fetch,
    });
    await eci.describeRegions({ RegionId: "cn-hangzhou" });
    const p = sent[0]?.params ?? {};
    expect(p).toMatchObject({
      Action: "DescribeRegions",
      Version: "2018-08-08",
      Format: "json",
      AccessKeyId: KEYS.accessKeyId,
      SignatureMethod: "HMAC-SHA1",
      SignatureVersion: "1.0",
      SecurityToken: STS.securityToken,
    });
    expect(p.Timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(p.Signature).toMatch(/^[A-Za-z0-9+/]{27}=$/);
  });

  it("V3 with STS: x-acs-security-token and x-acs-accesskey-id are signed headers", async () => {
    const { fetch, sent } = scriptedFetch(json({ RequestId: "r" }));
    const eci = createEciClient({ regionId: "cn-hangzhou", credentials: STS, fetch });
    await eci.describeRegions({ RegionId: "cn-hangzhou" });
    const h = sent[0]?.headers ?? {};
    expect(h["x-acs-security-token"]).toBe(STS.securityToken);
    expect(h.authorization).toContain("x-acs-accesskey-id;x-acs-action");
    expect(h.authorization).toContain("x-acs-security-token");
    expect(sent[0]?.params.SecurityToken).toBeUndefined();
  });

  it("signs every request afresh: a new nonce each call", async () => {
    const { fetch, sent } = scriptedFetch(json({ RequestId: "r" }));
    const eci = createEciClient({ regionId: "cn-hangzhou", credentials: KEYS, fetch });
    await eci.describeRegions({ RegionId: "cn-hangzhou" });
    await eci.describeRegions({ RegionId: "cn-hangzhou" });
    expect(sent[0]?.headers["x-acs-signature-nonce"]).not.toBe(
      sent[1]?.headers["x-acs-signature-nonce"],
    );
  });
});

describe("errors", () => {
  const client = (...replies: Parameters<typeof scriptedFetch>) => {
    const { fetch, sent } = scriptedFetch(...replies);
    return {
      eci: createEciClient({ regionId: "cn-hangzhou", credentials: KEYS, fetch, retry: false }),
      sent,
    };
  };

  it("a JSON error body becomes a PopError with every field", async () => {
    const { eci } = client(
      json(popErrorBody("IncorrectStatus", "The current status does not support this."), 400),
    );
    const error = await eci
      .deleteContainerGroup({ RegionId: "cn-hangzhou", ContainerGroupId: "eci-1" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PopError);
    expect(error).toMatchObject({
      code: "IncorrectStatus",
      requestId: "7A4A78A8-FEA6-57F0-9ABC-F34866CA740C",
      hostId: "eci.cn-hangzhou.aliyuncs.com",
      recommend: "https://api.aliyun.com/troubleshoot?q=IncorrectStatus",
      statusCode: 400,
      action: "DeleteContainerGroup",
      product: "eci",
      attempts: 1,
      kind: "client",
    });
    expect((error as Error).message).toBe(
      "DeleteContainerGroup: IncorrectStatus: The current status does not support this.",
    );
  });

  it("maps codes to the classes users branch on", async () => {
    const cases = [
      ["Throttling.User", 400, ThrottlingError, "throttling"],
      ["InvalidVpcID.NotFound", 404, NotFoundError, "notFound"],
      ["Forbidden.RAM", 403, PermissionError, "permission"],
      ["SignatureDoesNotMatch", 400, PermissionError, "authentication"],
      ["InvalidAccessKeyId.NotFound", 404, PermissionError, "authentication"],
      ["InternalError", 500, PopError, "server"],
    ] as const;
    for (const [code, status, type, kind] of cases) {
      const { eci } = client(json(popErrorBody(code), status));
      const error = await eci.describeRegions({ RegionId: "cn-hangzhou" }).catch((e: unknown) => e);
      expect(error, code).toBeInstanceOf(type);
      expect((error as PopError).kind, code).toBe(kind);
    }
  });

  it("a non-JSON error body (an HTML page from a proxy) still gives a PopError with the status", async () => {
    const html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    const { eci } = client(
      new Response(html, { status: 502, headers: { "content-type": "text/html" } }),
    );
    const error = (await eci
      .describeRegions({ RegionId: "cn-hangzhou" })
      .catch((e: unknown) => e)) as PopError;
    expect(error).toBeInstanceOf(PopError);
    expect(error.statusCode).toBe(502);
    expect(error.code).toBe("NonJsonResponse");
    expect(error.message).toContain("502 Bad Gateway");
  });

  it("a 200 with a body that is not JSON is an error, not a crash", async () => {
    const { eci } = client(new Response("not json", { status: 200 }));
    const error = (await eci
      .describeRegions({ RegionId: "cn-hangzhou" }, { retry: false })
      .catch((e: unknown) => e)) as InvalidResponseError;
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.statusCode).toBe(200);
  });
});

describe("the region rule", () => {
  it.each([
    "evil.com/",
    "cn-hangzhou.attacker.example",
    "CN-HANGZHOU",
    "cn_hangzhou",
    "cn-hangzhou/",
    "",
    "-cn",
    "cn--hangzhou",
    "cn-hangzhou?x=",
    "cn-hangzhou@evil",
  ])("refuses %j before any request", (regionId) => {
    const { fetch, sent } = scriptedFetch(json({}));
    expect(() => createEciClient({ regionId, credentials: KEYS, fetch })).toThrow(
      ConfigurationError,
    );
    expect(sent).toHaveLength(0);
  });

  it("refuses an endpoint that is not an http(s) origin", () => {
    for (const endpoint of ["eci.aliyuncs.com", "ftp://x", "https://h/path", "https://h/?q=1"]) {
      expect(() =>
        createEciClient({ regionId: "cn-hangzhou", credentials: KEYS, endpoint }),
      ).toThrow(ConfigurationError);
    }
  });
});

describe("endpoints per product and region", () => {
  const hostOf = async (create: typeof createEciClient, regionId: string, action: string) => {
    const { fetch, sent } = scriptedFetch(json({ RequestId: "r" }));
    await create({ regionId, credentials: KEYS, fetch }).call(action, { RegionId: regionId });
    return sent[0]?.url.host;
  };

  it.each([
    [createEciClient, "cn-hangzhou", "DescribeRegions", "eci.cn-hangzhou.aliyuncs.com"],
    [createEciClient, "ap-southeast-1", "DescribeRegions", "eci.ap-southeast-1.aliyuncs.com"],
    [createVpcClient, "cn-hangzhou", "DescribeVpcs", "vpc.aliyuncs.com"],
    [createVpcClient, "cn-shanghai", "DescribeVpcs", "vpc.cn-shanghai.aliyuncs.com"],
    [createEcsClient, "cn-hangzhou", "DescribeSecurityGroups", "ecs-cn-hangzhou.aliyuncs.com"],
    [createEcsClient, "cn-beijing", "DescribeSecurityGroups", "ecs.cn-beijing.aliyuncs.com"],
    [createSlbClient, "cn-beijing", "DescribeLoadBalancers", "slb.aliyuncs.com"],
    [createSlbClient, "eu-central-1", "DescribeLoadBalancers", "slb.eu-central-1.aliyuncs.com"],
    [createVpcClient, "xx-newregion-9", "DescribeVpcs", "vpc.xx-newregion-9.aliyuncs.com"],
  ] as const)("%o %s %s -> %s", async (create, regionId, action, host) => {
    expect(await hostOf(create as typeof createEciClient, regionId, action)).toBe(host);
  });

  it("the endpoint option replaces the host, over the given scheme and port", async () => {
    const { fetch, sent } = scriptedFetch(json({ RequestId: "r" }));
    const eci = createEciClient({
      regionId: "cn-hangzhou",
      credentials: KEYS,
      fetch,
      endpoint: "http://127.0.0.1:8080",
    });
    await eci.describeRegions({ RegionId: "cn-hangzhou" });
    expect(sent[0]?.url.origin).toBe("http://127.0.0.1:8080");
  });
});

describe("secrets stay secret", () => {
  it("never in errors, their String/JSON/inspect forms, nor in the client", async () => {
    const echoed = `Specified signature is not matched with our calculation. server string to sign is:POST&%2F&SecurityToken%3D${encodeURIComponent(
      encodeURIComponent(STS.securityToken),
    )} token ${STS.securityToken} ${encodeURIComponent(STS.securityToken)}`;
    const { fetch } = scriptedFetch(json(popErrorBody("SignatureDoesNotMatch", echoed), 400));
    const eci = createEciClient({
      regionId: "cn-hangzhou",
      credentials: STS,
      fetch,
      signatureVersion: "v1",
    });
    const error = (await eci
      .describeRegions({ RegionId: "cn-hangzhou" })
      .catch((e: unknown) => e)) as PopError;
    expect(error.code).toBe("SignatureDoesNotMatch");
    const forms = [
      error.message,
      String(error),
      JSON.stringify(error),
      inspect(error, { depth: 10, showHidden: true }),
      inspect(eci, { depth: 10, showHidden: true }),
      JSON.stringify(eci),
      String(eci),
    ];
    const tokenForms = [STS.securityToken, encodeURIComponent(STS.securityToken)];
    for (const text of forms) {
      expect(text).not.toContain(STS.accessKeySecret);
      for (const token of tokenForms) expect(text).not.toContain(token);
    }
    expect(error.message).toContain("***");
  });
});

describe("openapi-fetch underneath", () => {
  it("raw returns { data } and { error } instead of throwing", async () => {
    const { fetch } = scriptedFetch(
      json({ RequestId: "r", Regions: [{ RegionId: "cn-hangzhou" }] }),
      json(popErrorBody("InvalidRegionId.NotFound"), 404),
    );
    const eci = createEciClient({
      regionId: "cn-hangzhou",
      credentials: KEYS,
      fetch,
      retry: false,
    });
    const ok = await eci.raw.POST("/DescribeRegions", { body: { RegionId: "cn-hangzhou" } });
    expect(ok.data?.Regions?.[0]?.RegionId).toBe("cn-hangzhou");
    const failed = await eci.raw.POST("/DescribeRegions", { body: { RegionId: "cn-hangzhou" } });
    expect(failed.data).toBeUndefined();
    expect(failed.error).toMatchObject({ Code: "InvalidRegionId.NotFound" });
    expect(failed.response.status).toBe(404);
  });
});

describe("credentials failures", () => {
  it("reach the caller as they are, once, without a request or retries", async () => {
    const { fetch, sent } = scriptedFetch(json({ RequestId: "r" }));
    let calls = 0;
    const eci = createEciClient({
      regionId: "cn-hangzhou",
      fetch,
      credentials: async () => {
        calls++;
        throw new CredentialsError("vault", "sealed");
      },
    });
    const error = await eci.describeRegions({ RegionId: "cn-hangzhou" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect(calls).toBe(1);
    expect(sent).toHaveLength(0);
  });
});
