// The CLI profile modes and INI types that lead to another provider: RAM role ARN (with the
// profile's keys, or chained from another profile), the instance RAM role, OIDC, a
// credentials URI. Their temporary credentials are cached while the profile is unchanged.
import { afterEach, describe, expect, it } from "vitest";
import { cliProfileCredentials } from "../../src/credentials/cli-profile.js";
import { iniProfileCredentials } from "../../src/credentials/ini-profile.js";
import { FAKE_CREDENTIALS } from "../../src/testing/index.js";
import { json, scriptedFetch } from "../helpers.js";
import { fakeImds, ROLE, roleDocument } from "../metadata/fake-imds.js";
import { removeHomes, tempHome } from "./home.js";
import { type Rrsa, rrsa } from "./rrsa.js";

let setup: Rrsa | undefined;
async function start(): Promise<Rrsa> {
  setup = await rrsa();
  return setup;
}
afterEach(async () => {
  await setup?.cleanup();
  setup = undefined;
  await removeHomes();
});

const keys = {
  access_key_id: FAKE_CREDENTIALS.accessKeyId,
  access_key_secret: FAKE_CREDENTIALS.accessKeySecret,
};
const assumed = (s: Rrsa) =>
  s.fake.requests.filter((r) => r.action === "AssumeRole" || r.action === "AssumeRoleWithOIDC");

describe("CLI profiles that take a role", () => {
  it("RamRoleArn: AssumeRole with the profile's keys, once while the profile is unchanged", async () => {
    const s = await start();
    const home = await tempHome();
    const profile = {
      name: "role",
      mode: "RamRoleArn",
      ...keys,
      ram_role_arn: s.adminRoleArn,
      ram_session_name: "cli-session",
      expired_seconds: 900,
    };
    await home.writeCli({ current: "role", profiles: [profile] });
    const provider = cliProfileCredentials({
      env: home.env,
      fetch: s.fetch,
      now: () => s.fake.now(),
    });
    const creds = await provider();
    expect(creds).toMatchObject({
      accessKeyId: expect.stringMatching(/^STS\./),
      providerName: "cli_profile",
    });
    expect(await provider()).toMatchObject({ accessKeyId: creds.accessKeyId });
    expect(assumed(s)).toHaveLength(1);
    expect(assumed(s)[0]?.params).toMatchObject({
      RoleSessionName: "cli-session",
      DurationSeconds: 900,
    });
    await home.writeCli({
      current: "role",
      profiles: [{ ...profile, ram_session_name: "renamed" }],
    });
    expect((await provider()).accessKeyId).not.toBe(creds.accessKeyId);
    expect(assumed(s).map((r) => r.params.RoleSessionName)).toEqual(["cli-session", "renamed"]);
  });

  it("ChainableRamRoleArn: takes the role with the credentials of source_profile (which may be a role itself)", async () => {
    const s = await start();
    const home = await tempHome();
    await home.writeCli({
      current: "partner",
      profiles: [
        { name: "base", mode: "AK", ...keys },
        {
          name: "admin",
          mode: "ChainableRamRoleArn",
          source_profile: "base",
          ram_role_arn: s.adminRoleArn,
          ram_session_name: "hop-1",
        },
        {
          name: "partner",
          mode: "ChainableRamRoleArn",
          source_profile: "admin",
          ram_role_arn: s.partnerRoleArn,
          ram_session_name: "hop-2",
          external_id: "ext-42",
        },
        {
          name: "loop",
          mode: "ChainableRamRoleArn",
          source_profile: "loop",
          ram_role_arn: s.adminRoleArn,
        },
      ],
    });
    await cliProfileCredentials({ env: home.env, fetch: s.fetch })();
    expect(assumed(s).map((r) => [r.params.RoleSessionName, r.accessKeyId?.slice(0, 4)])).toEqual([
      ["hop-1", FAKE_CREDENTIALS.accessKeyId.slice(0, 4)],
      ["hop-2", "STS."],
    ]);
    await expect(
      cliProfileCredentials({ env: home.env, fetch: s.fetch, profile: "loop" })(),
    ).rejects.toThrow(
      `cli_profile: profile "loop" in ${home.cliPath}: source_profile "loop" loops back`,
    );
  });

  it("OIDC: AssumeRoleWithOIDC with the profile's token file, provider and role", async () => {
    const s = await start();
    const home = await tempHome();
    await home.writeCli({
      current: "pod",
      profiles: [
        {
          name: "pod",
          mode: "OIDC",
          oidc_token_file: s.tokenFile,
          oidc_provider_arn: s.providerArn,
          ram_role_arn: s.podRoleArn,
          ram_session_name: "cli-oidc",
          duration_seconds: 1800,
        },
      ],
    });
    const creds = await cliProfileCredentials({
      env: home.env,
      fetch: s.fetch,
      now: () => s.fake.now(),
    })();
    expect(creds.expiration).toEqual(new Date(s.fake.now() + 1800_000));
    expect(assumed(s)[0]).toMatchObject({
      action: "AssumeRoleWithOIDC",
      params: { RoleSessionName: "cli-oidc" },
    });
  });

  it("EcsRamRole and CredentialsURI: the instance RAM role, a credentials URI", async () => {
    const home = await tempHome();
    await home.writeCli({
      current: "ecs",
      profiles: [
        { name: "ecs", mode: "EcsRamRole", ram_role_name: ROLE },
        { name: "uri", mode: "CredentialsURI", credentials_uri: "http://127.0.0.1:9999/creds" },
      ],
    });
    const imds = fakeImds({
      items: {
        [`ram/security-credentials/${ROLE}`]: roleDocument(new Date(Date.now() + 6 * 3600_000)),
      },
    });
    const { fetch, sent } = scriptedFetch(
      json({
        AccessKeyId: "STS.uri",
        AccessKeySecret: "s",
        SecurityToken: "t",
        Expiration: "2099-01-01T00:00:00Z",
      }),
    );
    expect(
      await cliProfileCredentials({ env: home.env, ramRole: { fetch: imds.fetch } })(),
    ).toMatchObject({
      accessKeyId: "STS.role-key-id",
    });
    expect(imds.requests.map((r) => r.path)).not.toContain(
      "/latest/meta-data/ram/security-credentials/",
    );
    expect(await cliProfileCredentials({ env: home.env, fetch, profile: "uri" })()).toMatchObject({
      accessKeyId: "STS.uri",
    });
    expect(sent[0]?.url.href).toBe("http://127.0.0.1:9999/creds");
  });
});

describe("INI sections that take a role", () => {
  it("ram_role_arn, oidc_role_arn and ecs_ram_role", async () => {
    const s = await start();
    const home = await tempHome();
    await home.writeIni(`[default]
type = ram_role_arn
access_key_id = ${keys.access_key_id}
access_key_secret = ${keys.access_key_secret}
role_arn = ${s.adminRoleArn}
role_session_name = ini-session

[pod]
type = oidc_role_arn
role_arn = ${s.podRoleArn}
oidc_provider_arn = ${s.providerArn}
oidc_token_file_path = ${s.tokenFile}
role_session_name = ini-oidc

[ecs]
type = ecs_ram_role
role_name = ${ROLE}
`);
    const imds = fakeImds({
      items: {
        [`ram/security-credentials/${ROLE}`]: roleDocument(new Date(Date.now() + 6 * 3600_000)),
      },
    });
    const options = { env: home.env, fetch: s.fetch, ramRole: { fetch: imds.fetch } };
    const first = await iniProfileCredentials(options)();
    expect(first).toMatchObject({
      accessKeyId: expect.stringMatching(/^STS\./),
      providerName: "profile",
    });
    expect(await iniProfileCredentials({ ...options, profile: "pod" })()).toMatchObject({
      accessKeyId: expect.stringMatching(/^STS\./),
    });
    expect(assumed(s).map((r) => [r.action, r.params.RoleSessionName])).toEqual([
      ["AssumeRole", "ini-session"],
      ["AssumeRoleWithOIDC", "ini-oidc"],
    ]);
    expect(await iniProfileCredentials({ ...options, profile: "ecs" })()).toMatchObject({
      accessKeyId: "STS.role-key-id",
    });
  });
});
