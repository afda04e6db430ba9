// The fake's STS: roles with trust policies, OIDC tokens checked on the fake's clock, and
// temporary keys the gateway accepts for every product until they expire.
import { afterEach, describe, expect, it } from "vitest";
import { createEciClient, createStsClient, PopError } from "../../src/index.js";
import { fakeOidcToken } from "../../src/testing/index.js";
import { ISSUER, type Rrsa, rrsa, SUBJECT } from "../credentials/rrsa.js";

let setup: Rrsa | undefined;
afterEach(async () => {
  await setup?.cleanup();
  setup = undefined;
});

async function world() {
  setup = await rrsa();
  const { fake } = setup;
  // the STS client of a pod: no keys at all (a provider that fails if it is ever asked)
  const anonymous = createStsClient({
    regionId: "cn-hangzhou",
    fetch: fake.clientOptions().fetch,
    retry: false,
    credentials: () => Promise.reject(new Error("AssumeRoleWithOIDC must not ask for credentials")),
  });
  const signed = createStsClient({
    regionId: "cn-hangzhou",
    ...fake.clientOptions(),
    retry: false,
  });
  return { ...setup, anonymous, signed };
}

const withOidc = (s: Rrsa, token: string) => ({
  OIDCProviderArn: s.providerArn,
  RoleArn: s.podRoleArn,
  OIDCToken: token,
  RoleSessionName: "pod-1",
});

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "no error",
    (e: unknown) => (e instanceof PopError ? e.code : String(e)),
  );

describe("the fake's AssumeRoleWithOIDC", () => {
  it("is called unsigned and answers credentials the other products accept until they expire", async () => {
    const w = await world();
    const token = fakeOidcToken({ issuer: ISSUER, subject: SUBJECT, issuedAt: w.fake.now() });
    const out = await w.anonymous.assumeRoleWithOIDC({
      ...withOidc(w, token),
      DurationSeconds: 900,
    });

    const request = w.fake.requests.at(-1);
    expect(request).toMatchObject({ product: "sts", action: "AssumeRoleWithOIDC", status: 200 });
    expect(request?.signatureVersion).toBeUndefined();
    expect(request?.accessKeyId).toBeUndefined();
    expect(out.Credentials?.AccessKeyId).toMatch(/^STS\./);
    expect(out.Credentials?.Expiration).toBe("2026-01-02T03:15:00Z");
    expect(out.AssumedRoleUser?.Arn).toBe(`${w.podRoleArn}/pod-1`);
    expect(out.OIDCTokenInfo).toMatchObject({
      Issuer: ISSUER,
      Subject: SUBJECT,
      ClientIds: "sts.aliyuncs.com",
    });

    const credentials = {
      accessKeyId: out.Credentials?.AccessKeyId as string,
      accessKeySecret: out.Credentials?.AccessKeySecret as string,
      securityToken: out.Credentials?.SecurityToken as string,
    };
    const eci = createEciClient({
      regionId: "cn-hangzhou",
      fetch: w.fake.clientOptions().fetch,
      credentials,
      retry: false,
    });
    await expect(eci.describeContainerGroups({ RegionId: "cn-hangzhou" })).resolves.toMatchObject({
      TotalCount: 0,
    });
    const sts = createStsClient({
      regionId: "cn-hangzhou",
      fetch: w.fake.clientOptions().fetch,
      credentials,
    });
    expect(await sts.getCallerIdentity()).toMatchObject({
      IdentityType: "AssumedRoleUser",
      Arn: "acs:ram::1234567890123456:assumed-role/EciWorker/pod-1",
    });
    w.fake.advance(15 * 60_000); // the fake's clock, not the wall's
    expect(await codeOf(eci.describeContainerGroups({ RegionId: "cn-hangzhou" }))).toBe(
      "InvalidSecurityToken.Expired",
    );
  });

  it("checks the provider, the token's signature, issuer, audience and expiry, and the trust policy", async () => {
    const w = await world();
    const token = (options: Partial<Parameters<typeof fakeOidcToken>[0]> = {}) =>
      fakeOidcToken({ issuer: ISSUER, subject: SUBJECT, issuedAt: w.fake.now(), ...options });
    const call = (input: object) =>
      codeOf(w.anonymous.assumeRoleWithOIDC({ ...withOidc(w, token()), ...input }));

    expect(await call({ OIDCProviderArn: "acs:ram::1234567890123456:oidc-provider/other" })).toBe(
      "EntityNotExist.OIDCProvider",
    );
    const [head, , signature] = token().split(".");
    const forged = btoa(
      JSON.stringify({ iss: ISSUER, sub: SUBJECT, aud: "sts.aliyuncs.com", iat: 1, exp: 9e9 }),
    );
    expect(await call({ OIDCToken: `${head}.${forged}.${signature}` })).toBe(
      "AuthenticationFail.OIDCToken.Invalid",
    );
    expect(await call({ OIDCToken: "not-a-jwt" })).toBe("AuthenticationFail.OIDCToken.Invalid");
    expect(await call({ OIDCToken: token({ issuer: "https://elsewhere" }) })).toBe(
      "AuthenticationFail.OIDCToken.Invalid",
    );
    expect(await call({ OIDCToken: token({ audience: "someone-else" }) })).toBe(
      "AuthenticationFail.OIDCToken.Invalid",
    );
    const shortLived = token({ expiresInMs: 60_000 });
    w.fake.advance(60_000);
    expect(await call({ OIDCToken: shortLived })).toBe("AuthenticationFail.OIDCToken.Expired");
    expect(
      await call({ OIDCToken: token({ subject: "system:serviceaccount:default:other" }) }),
    ).toBe("NoPermission");
    expect(await call({ RoleArn: w.adminRoleArn })).toBe("NoPermission"); // trusts the account, not the provider
    expect(await call({ RoleArn: "acs:ram::1234567890123456:role/none" })).toBe(
      "EntityNotExist.Role",
    );
    expect(await call({ RoleSessionName: "bad name!" })).toMatch(
      /ValidationError|InvalidParameter/,
    );
  });
});

describe("the fake's AssumeRole", () => {
  it("lets a signed caller take a role that trusts its account, and role sessions chain", async () => {
    const w = await world();
    const first = await w.signed.assumeRole({ RoleArn: w.adminRoleArn, RoleSessionName: "deploy" });
    expect(w.fake.requests.at(-1)?.signatureVersion).toBe("v3");
    expect(first.AssumedRoleUser?.AssumedRoleId).toMatch(/:deploy$/);
    const session = createStsClient({
      regionId: "cn-hangzhou",
      fetch: w.fake.clientOptions().fetch,
      credentials: {
        accessKeyId: first.Credentials?.AccessKeyId as string,
        accessKeySecret: first.Credentials?.AccessKeySecret as string,
        securityToken: first.Credentials?.SecurityToken as string,
      },
    });
    const second = await session.assumeRole({
      RoleArn: w.adminRoleArn,
      RoleSessionName: "chained",
    });
    expect(second.Credentials?.AccessKeyId).not.toBe(first.Credentials?.AccessKeyId);
    expect(await w.signed.getCallerIdentity()).toMatchObject({ IdentityType: "RAMUser" });
  });

  it("refuses roles that do not trust the caller, a wrong external id, and durations over the role's maximum", async () => {
    const w = await world();
    expect(
      await codeOf(w.signed.assumeRole({ RoleArn: w.podRoleArn, RoleSessionName: "x1" })),
    ).toBe("NoPermission");
    expect(
      await codeOf(
        w.signed.assumeRole({
          RoleArn: w.partnerRoleArn,
          RoleSessionName: "x1",
          ExternalId: "ext-41",
        }),
      ),
    ).toBe("NoPermission");
    await expect(
      w.signed.assumeRole({
        RoleArn: w.partnerRoleArn,
        RoleSessionName: "x1",
        ExternalId: "ext-42",
      }),
    ).resolves.toMatchObject({ Credentials: { AccessKeyId: expect.stringMatching(/^STS\./) } });
    expect(
      await codeOf(
        w.signed.assumeRole({
          RoleArn: w.adminRoleArn,
          RoleSessionName: "x1",
          DurationSeconds: 7200,
        }),
      ),
    ).toBe("InvalidParameter.DurationSeconds");
    // the client checks the documented range before sending
    expect(
      await codeOf(
        w.signed.assumeRole({
          RoleArn: w.adminRoleArn,
          RoleSessionName: "x1",
          DurationSeconds: 600,
        }),
      ),
    ).toMatch(/ValidationError/);
    // an unsigned AssumeRole is refused like any unsigned call
    const sent = await w.fake.fetch(
      "https://sts.aliyuncs.com/?Action=AssumeRole&Version=2015-04-01&RoleArn=x&RoleSessionName=ab",
      { method: "POST" },
    );
    expect(((await sent.json()) as { Code: string }).Code).toBe("IncompleteSignature");
  });
});
