// oidcRoleCredentials against the fake's STS: the RRSA variables, the token file read again
// at every refresh, the STS endpoint, caching on a fake clock, errors that name what is
// missing and never the token.
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { CredentialsError } from "../../src/credentials/errors.js";
import { oidcRoleCredentials } from "../../src/credentials/oidc-role.js";
import { type Rrsa, rrsa } from "./rrsa.js";

let setup: Rrsa | undefined;
async function start(): Promise<Rrsa> {
  setup = await rrsa();
  return setup;
}
afterEach(async () => {
  await setup?.cleanup();
  setup = undefined;
});

/** The OIDC tokens STS received, in order. */
const tokensSent = (s: Rrsa) =>
  s.fake.requests.filter((r) => r.action === "AssumeRoleWithOIDC").map((r) => r.params.OIDCToken);

describe("oidcRoleCredentials", () => {
  it("takes the role named by the RRSA variables, unsigned, and caches until shortly before expiry", async () => {
    const s = await start();
    const provider = oidcRoleCredentials({ env: s.env, fetch: s.fetch, now: () => s.fake.now() });
    const first = await provider();
    expect(first).toMatchObject({
      accessKeyId: expect.stringMatching(/^STS\./),
      providerName: "oidc_role_arn",
      expiration: new Date(s.fake.now() + 3600_000),
    });
    expect(s.fake.requests.at(-1)).toMatchObject({ action: "AssumeRoleWithOIDC", status: 200 });
    expect(s.fake.requests.at(-1)?.params.RoleSessionName).toMatch(/^alicloud-eci-\d+$/);
    const [again] = await Promise.all([provider(), provider(), provider()]);
    expect(again).toBe(first);
    expect(tokensSent(s)).toHaveLength(1);
  });

  it("reads the token file again at every refresh (the kubelet rotates it)", async () => {
    const s = await start();
    const first = await (async () => {
      const provider = oidcRoleCredentials({ env: s.env, fetch: s.fetch, now: () => s.fake.now() });
      const creds = await provider();
      s.fake.advance(50 * 60_000); // 10 minutes left: the cache must refresh and wait
      const rotated = await s.writeToken();
      const next = await provider();
      return { creds, next, rotated };
    })();
    expect(first.next.accessKeyId).not.toBe(first.creds.accessKeyId);
    const sent = tokensSent(s);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(first.rotated);
    expect(sent[0]).not.toBe(sent[1]);
  });

  it("sends to sts.<region> with ALIBABA_CLOUD_STS_REGION, sts-vpc.<region> with the VPC switch, or the given endpoint", async () => {
    const s = await start();
    const hosts: string[] = [];
    const fetch = (input: string, init: RequestInit) => {
      hosts.push(new URL(input).host);
      return s.fetch(input, init);
    };
    const call = (env: Record<string, string>, extra = {}) =>
      oidcRoleCredentials({ env: { ...s.env, ...env }, fetch, ...extra })();
    await call({});
    await call({ ALIBABA_CLOUD_STS_REGION: "cn-shanghai" });
    await call({
      ALIBABA_CLOUD_STS_REGION: "cn-shanghai",
      ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED: "true",
    });
    await call({}, { stsEndpoint: "sts.ap-southeast-1.aliyuncs.com" });
    expect(hosts).toEqual([
      "sts.aliyuncs.com",
      "sts.cn-shanghai.aliyuncs.com",
      "sts-vpc.cn-shanghai.aliyuncs.com",
      "sts.ap-southeast-1.aliyuncs.com",
    ]);
  });

  it("fails naming what is missing, and never quotes the token", async () => {
    const s = await start();
    const fail = (options: Parameters<typeof oidcRoleCredentials>[0]) =>
      oidcRoleCredentials({ fetch: s.fetch, now: () => s.fake.now(), ...options })().then(
        () => expect.unreachable(),
        (e: unknown) => {
          expect(e).toBeInstanceOf(CredentialsError);
          return e as CredentialsError;
        },
      );
    expect((await fail({ env: {} })).message).toBe(
      "oidc_role_arn: ALIBABA_CLOUD_ROLE_ARN (roleArn), ALIBABA_CLOUD_OIDC_PROVIDER_ARN (oidcProviderArn), ALIBABA_CLOUD_OIDC_TOKEN_FILE (oidcTokenFile) not set",
    );
    expect(
      (await fail({ env: { ...s.env, ALIBABA_CLOUD_OIDC_TOKEN_FILE: "/no/such/token" } })).message,
    ).toBe("oidc_role_arn: cannot read the OIDC token file /no/such/token (ENOENT)");
    expect((await fail({ env: s.env, durationSeconds: 600 })).message).toBe(
      "oidc_role_arn: durationSeconds 600 is below 900",
    );
    const token = await s.writeToken({ subject: "system:serviceaccount:default:intruder" });
    const refused = await fail({ env: s.env });
    expect(refused.message).toMatch(
      /^oidc_role_arn: AssumeRoleWithOIDC at https:\/\/sts\.aliyuncs\.com failed with HTTP 403 NoPermission: /,
    );
    for (const shown of [
      refused.message,
      JSON.stringify(refused),
      inspect(refused),
      String(refused.stack),
    ]) {
      expect(shown).not.toContain(token);
      expect(shown).not.toContain(token.split(".")[1]);
    }
  });
});
