import { describe, expect, it, vi } from "vitest";
import { CredentialsError } from "../../src/credentials/errors.js";
import { ramRoleCredentials } from "../../src/credentials/ram-role.js";
import { createEciClient } from "../../src/index.js";
import { track, useFakeTimeouts } from "../helpers.js";
import { fakeImds, ROLE, ROLE_SECRET, ROLE_TOKEN, roleDocument } from "../metadata/fake-imds.js";

const EXPIRES = new Date("2030-01-01T06:00:00Z");
const NOW = Date.parse("2030-01-01T00:00:00Z");
const ITEMS = {
  "ram/security-credentials/": `${ROLE}\n`,
  [`ram/security-credentials/${ROLE}`]: roleDocument(EXPIRES),
};
const now = () => NOW;

describe("ramRoleCredentials", () => {
  it("gets a token, discovers the role and reads its credentials with the token", async () => {
    const imds = fakeImds({ items: ITEMS, requireToken: true });
    const credentials = await ramRoleCredentials({ fetch: imds.fetch, env: {}, now })();
    expect(credentials).toEqual({
      accessKeyId: "STS.role-key-id",
      accessKeySecret: ROLE_SECRET,
      securityToken: ROLE_TOKEN,
      expiration: EXPIRES,
      providerName: "ecs_ram_role",
    });
    expect(imds.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "PUT /latest/api/token",
      "GET /latest/meta-data/ram/security-credentials/",
      `GET /latest/meta-data/ram/security-credentials/${ROLE}`,
    ]);
    expect(imds.requests[0]?.headers.get("x-aliyun-ecs-metadata-token-ttl-seconds")).toBe("21600");
    expect(imds.requests[2]?.headers.get("x-aliyun-ecs-metadata-token")).toBe("token-1");
  });

  it("skips discovery when roleName or ALIBABA_CLOUD_ECS_METADATA names the role", async () => {
    for (const options of [
      { roleName: ROLE, env: {} },
      { env: { ALIBABA_CLOUD_ECS_METADATA: ROLE } },
    ]) {
      const imds = fakeImds({ items: ITEMS });
      await ramRoleCredentials({ fetch: imds.fetch, now, ...options })();
      expect(imds.reads()).toEqual([`ram/security-credentials/${ROLE}`]);
    }
  });

  it("caches: one read for many calls while the credentials are fresh", async () => {
    const imds = fakeImds({ items: ITEMS });
    const provider = ramRoleCredentials({ fetch: imds.fetch, roleName: ROLE, now });
    await Promise.all(Array.from({ length: 50 }, () => provider()));
    await provider();
    expect(imds.reads()).toEqual([`ram/security-credentials/${ROLE}`]);
  });

  it("falls back to IMDSv1 when the token request fails", async () => {
    const imds = fakeImds({ items: ITEMS, token: 404 });
    const credentials = await ramRoleCredentials({ fetch: imds.fetch, env: {}, now })();
    expect(credentials.securityToken).toBe(ROLE_TOKEN);
    const gets = imds.requests.filter((r) => r.method === "GET");
    expect(gets).toHaveLength(2);
    expect(gets.every((r) => !r.headers.has("x-aliyun-ecs-metadata-token"))).toBe(true);
  });

  it("with IMDSv1 disabled, a failed token request fails the provider", async () => {
    for (const options of [
      { disableImdsV1: true, env: {} },
      { env: { ALIBABA_CLOUD_IMDSV1_DISABLED: "TRUE" } },
    ]) {
      const imds = fakeImds({ items: ITEMS, token: 403 });
      const error = await ramRoleCredentials({ fetch: imds.fetch, now, ...options })().catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CredentialsError);
      expect((error as Error).message).toMatch(
        /^ecs_ram_role: metadata token request failed with HTTP 403/,
      );
      expect(imds.reads()).toEqual([]);
    }
  });

  it("fails clearly off-cloud, and when no role is attached", async () => {
    const off = await ramRoleCredentials({
      fetch: fakeImds({ unreachable: true }).fetch,
      env: {},
    })().catch((e: unknown) => e);
    expect(off).toBeInstanceOf(CredentialsError);
    expect((off as Error).message).toMatch(
      /^ecs_ram_role: cannot reach the instance metadata service at http:\/\/100\.100\.100\.200/,
    );
    useFakeTimeouts();
    try {
      const hang = fakeImds({ hang: true });
      const read = track(ramRoleCredentials({ fetch: hang.fetch, env: {}, timeoutMs: 20 })());
      await vi.advanceTimersByTimeAsync(19);
      expect(read.settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(read.error).toBeInstanceOf(CredentialsError);
      expect((read.error as Error).message).toMatch(/no answer within 20 ms/);
    } finally {
      vi.useRealTimers();
      vi.restoreAllMocks();
    }
    const noRole = fakeImds({ items: {} });
    await expect(ramRoleCredentials({ fetch: noRole.fetch, env: {} })()).rejects.toThrow(
      /no RAM role is attached to this instance/,
    );
    const wrongRole = fakeImds({ items: ITEMS });
    await expect(
      ramRoleCredentials({ fetch: wrongRole.fetch, roleName: "Other" })(),
    ).rejects.toThrow(
      /ram\/security-credentials\/Other" does not exist \(HTTP 404\): this RAM role is not attached/,
    );
  });

  it("rejects a document that is not valid credentials, without quoting a secret", async () => {
    const cases: [string, RegExp][] = [
      [roleDocument(EXPIRES, { Code: "Failed" }), /Code is "Failed", not "Success"/],
      [roleDocument(EXPIRES, { SecurityToken: undefined }), /lacks SecurityToken/],
      [
        roleDocument(EXPIRES, { AccessKeyId: "", Expiration: undefined }),
        /lacks AccessKeyId, Expiration/,
      ],
      [roleDocument(EXPIRES, { Expiration: "soon" }), /Expiration "soon" is not a date/],
      [`{"AccessKeySecret":"${ROLE_SECRET}",`, /is not JSON/],
    ];
    for (const [body, reason] of cases) {
      const imds = fakeImds({ items: { [`ram/security-credentials/${ROLE}`]: body } });
      const error = await ramRoleCredentials({ fetch: imds.fetch, roleName: ROLE })().catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CredentialsError);
      expect((error as Error).message).toMatch(reason);
      expect(JSON.stringify(error)).not.toContain(ROLE_SECRET);
      expect((error as Error).message).not.toContain(ROLE_TOKEN);
    }
  });
});

describe("a signed ECI call made with RAM-role credentials", () => {
  const capture = (signatureVersion: "v3" | "v1") => {
    const imds = fakeImds({ items: ITEMS });
    const sent: { url: string; headers: Record<string, string> }[] = [];
    const eci = createEciClient({
      regionId: "cn-hangzhou",
      endpoint: "http://127.0.0.1:1",
      credentials: ramRoleCredentials({ fetch: imds.fetch, roleName: ROLE }),
      signatureVersion,
      retry: false,
      fetch: async (url, init) => {
        sent.push({ url, headers: init.headers as Record<string, string> });
        return new Response(
          JSON.stringify({ RequestId: "req-1", ContainerGroups: [], TotalCount: 0 }),
        );
      },
    });
    return { eci, sent };
  };

  it("V3: carries the SecurityToken in the signed x-acs-security-token header", async () => {
    const { eci, sent } = capture("v3");
    await eci.describeContainerGroups({ RegionId: "cn-hangzhou" });
    const headers = sent[0]?.headers ?? {};
    expect(headers["x-acs-security-token"]).toBe(ROLE_TOKEN);
    expect(headers["x-acs-accesskey-id"]).toBe("STS.role-key-id");
    expect(headers["x-acs-credentials-provider"]).toBe("ecs_ram_role");
    expect(headers.authorization).toMatch(
      /^ACS3-HMAC-SHA256 Credential=STS\.role-key-id,SignedHeaders=[^,]*x-acs-security-token/,
    );
    expect(JSON.stringify(sent)).not.toContain(ROLE_SECRET);
  });

  it("v1: carries the SecurityToken as a signed query parameter", async () => {
    const { eci, sent } = capture("v1");
    await eci.describeContainerGroups({ RegionId: "cn-hangzhou" });
    const query = new URL(sent[0]?.url ?? "").searchParams;
    expect(query.get("SecurityToken")).toBe(ROLE_TOKEN);
    expect(query.get("AccessKeyId")).toBe("STS.role-key-id");
    expect(query.get("Signature")).toBeTruthy();
  });
});
