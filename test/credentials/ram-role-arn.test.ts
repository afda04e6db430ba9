// ramRoleArnCredentials against the fake's STS: AssumeRole signed with keys or with another
// provider's credentials (roles chain), an external id, and errors without secrets.
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { CredentialsError } from "../../src/credentials/errors.js";
import { ramRoleArnCredentials } from "../../src/credentials/ram-role-arn.js";
import { createEciClient } from "../../src/index.js";
import { FAKE_CREDENTIALS } from "../../src/testing/index.js";
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

describe("ramRoleArnCredentials", () => {
  it("takes a role with fixed keys (signed V3), and the credentials work for ECI", async () => {
    const s = await start();
    const provider = ramRoleArnCredentials({
      source: { ...FAKE_CREDENTIALS, providerName: "static_ak" },
      roleArn: s.adminRoleArn,
      roleSessionName: "deploy",
      fetch: s.fetch,
      now: () => s.fake.now(),
    });
    const creds = await provider();
    expect(creds).toMatchObject({
      accessKeyId: expect.stringMatching(/^STS\./),
      providerName: "ram_role_arn/static_ak",
      expiration: new Date(s.fake.now() + 3600_000),
    });
    expect(s.fake.requests.at(-1)).toMatchObject({
      action: "AssumeRole",
      signatureVersion: "v3",
      accessKeyId: FAKE_CREDENTIALS.accessKeyId,
      params: { RoleArn: s.adminRoleArn, RoleSessionName: "deploy", DurationSeconds: 3600 },
    });
    expect(await provider()).toBe(creds); // cached
    const eci = createEciClient({ regionId: "cn-hangzhou", fetch: s.fetch, credentials: provider });
    await expect(eci.describeContainerGroups({ RegionId: "cn-hangzhou" })).resolves.toBeTruthy();
  });

  it("chains: a role session (any provider) takes the next role, and an external id is sent", async () => {
    const s = await start();
    const first = ramRoleArnCredentials({
      source: FAKE_CREDENTIALS,
      roleArn: s.adminRoleArn,
      roleSessionName: "hop-1",
      fetch: s.fetch,
    });
    const second = ramRoleArnCredentials({
      source: first,
      roleArn: s.partnerRoleArn,
      roleSessionName: "hop-2",
      externalId: "ext-42",
      durationSeconds: 900,
      fetch: s.fetch,
    });
    const creds = await second();
    const calls = s.fake.requests.filter((r) => r.action === "AssumeRole");
    expect(calls.map((r) => r.params.RoleSessionName)).toEqual(["hop-1", "hop-2"]);
    expect(calls[1]?.accessKeyId).toMatch(/^STS\./); // signed by the first session
    expect(calls[1]?.params.ExternalId).toBe("ext-42");
    expect(creds.providerName).toBe("ram_role_arn/ram_role_arn/custom");
  });

  it("fails naming the missing role, the source's failure or STS's answer, never a secret", async () => {
    const s = await start();
    const fail = (options: Partial<Parameters<typeof ramRoleArnCredentials>[0]>) =>
      ramRoleArnCredentials({
        source: FAKE_CREDENTIALS,
        fetch: s.fetch,
        env: {},
        ...options,
      })().then(
        () => expect.unreachable(),
        (e: unknown) => {
          expect(e).toBeInstanceOf(CredentialsError);
          return e as CredentialsError;
        },
      );
    expect((await fail({})).message).toBe("ram_role_arn: ALIBABA_CLOUD_ROLE_ARN (roleArn) not set");
    const source = async () => {
      throw new CredentialsError("env", "ALIBABA_CLOUD_ACCESS_KEY_ID is not set");
    };
    expect((await fail({ roleArn: s.adminRoleArn, source })).message).toBe(
      "ram_role_arn: the source credentials failed: ALIBABA_CLOUD_ACCESS_KEY_ID is not set",
    );
    const wrong = {
      accessKeyId: FAKE_CREDENTIALS.accessKeyId,
      accessKeySecret: "wrong-secret-never-shown",
    };
    const refused = await fail({ roleArn: s.adminRoleArn, source: wrong });
    expect(refused.message).toMatch(
      /AssumeRole at https:\/\/sts\.aliyuncs\.com failed with HTTP 400 SignatureDoesNotMatch/,
    );
    const denied = await fail({ roleArn: s.partnerRoleArn, externalId: "ext-41" });
    expect(denied.message).toMatch(/failed with HTTP 403 NoPermission/);
    for (const e of [refused, denied]) {
      for (const shown of [e.message, JSON.stringify(e), inspect(e)]) {
        expect(shown).not.toContain("wrong-secret-never-shown");
        expect(shown).not.toContain(FAKE_CREDENTIALS.accessKeySecret);
      }
    }
  });
});
