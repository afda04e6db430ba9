import { afterEach, describe, expect, it } from "vitest";
import { CredentialsError } from "../../src/credentials/errors.js";
import { cliProfileCredentials, iniProfileCredentials } from "../../src/node.js";
import { CLI_CONFIG, INI_TEXT, removeHomes, tempHome } from "./home.js";

afterEach(removeHomes);

describe("cliProfileCredentials (~/.aliyun/config.json)", () => {
  it("reads the current profile, mode AK", async () => {
    const home = await tempHome();
    await home.writeCli(CLI_CONFIG);
    expect(await cliProfileCredentials({ env: home.env })()).toEqual({
      accessKeyId: "LTAIcli",
      accessKeySecret: "cli-secret",
      providerName: "cli_profile",
    });
  });

  it("picks the profile from ALIBABA_CLOUD_PROFILE (or ALIBABACLOUD_PROFILE, ALICLOUD_PROFILE), mode StsToken", async () => {
    const home = await tempHome();
    await home.writeCli(CLI_CONFIG);
    const sts = {
      accessKeyId: "STS.cli",
      accessKeySecret: "cli-sts-secret",
      securityToken: "cli-sts-token",
      providerName: "cli_profile",
    };
    for (const variable of ["ALIBABA_CLOUD_PROFILE", "ALIBABACLOUD_PROFILE", "ALICLOUD_PROFILE"]) {
      expect(await cliProfileCredentials({ env: { ...home.env, [variable]: "sts" } })()).toEqual(
        sts,
      );
    }
    expect(await cliProfileCredentials({ env: home.env, profile: "sts" })()).toEqual(sts);
  });

  it("follows `current` and infers the mode when it is empty", async () => {
    const home = await tempHome();
    await home.writeCli({
      current: "inferred",
      profiles: [
        {
          name: "inferred",
          mode: "",
          access_key_id: "STS.x",
          access_key_secret: "s",
          sts_token: "t",
        },
      ],
    });
    expect(await cliProfileCredentials({ env: home.env })()).toMatchObject({
      accessKeyId: "STS.x",
      securityToken: "t",
    });
  });

  it("reads a file given by path, and HOME from the homeDir option", async () => {
    const home = await tempHome();
    await home.writeCli(CLI_CONFIG);
    expect(await cliProfileCredentials({ path: home.cliPath, env: {} })()).toMatchObject({
      accessKeyId: "LTAIcli",
    });
    expect(await cliProfileCredentials({ homeDir: home.dir, env: {} })()).toMatchObject({
      accessKeyId: "LTAIcli",
    });
  });

  it("fails clearly: no file, no such profile, other modes, missing keys, bad JSON (without quoting it)", async () => {
    const home = await tempHome();
    const fail = (options = {}) =>
      cliProfileCredentials({ env: home.env, ...options })().then(
        () => expect.unreachable(),
        (e: unknown) => {
          expect(e).toBeInstanceOf(CredentialsError);
          expect(e).toMatchObject({ provider: "cli_profile" });
          return (e as Error).message;
        },
      );
    expect(await fail()).toBe(`cli_profile: ${home.cliPath} does not exist`);
    await home.writeCli(CLI_CONFIG);
    expect(await fail({ profile: "nope" })).toBe(
      `cli_profile: ${home.cliPath} has no profile "nope"`,
    );
    expect(await fail({ profile: "sso" })).toMatch(
      /profile "sso" .* has mode CloudSSO, which is not read \(modes read: AK, StsToken, RamRoleArn, ChainableRamRoleArn, EcsRamRole, OIDC, CredentialsURI\)/,
    );
    await home.writeCli({
      current: "x",
      profiles: [{ name: "x", mode: "StsToken", access_key_id: "i", access_key_secret: "s" }],
    });
    expect(await fail()).toMatch(/profile "x" \(mode StsToken\) .* has no sts_token/);
    await home.writeCli('{"current":"default","profiles":[{"access_key_secret":"leaked-secret",');
    const message = await fail();
    expect(message).toBe(`cli_profile: ${home.cliPath} is not valid JSON`);
    expect(message).not.toContain("leaked-secret");
  });
});

describe("iniProfileCredentials (~/.alibabacloud/credentials)", () => {
  it("reads [default] with type = access_key (inline comments ignored)", async () => {
    const home = await tempHome();
    await home.writeIni(INI_TEXT);
    expect(await iniProfileCredentials({ env: home.env })()).toEqual({
      accessKeyId: "LTAIini",
      accessKeySecret: "ini-secret",
      providerName: "profile",
    });
  });

  it("picks the section from ALIBABA_CLOUD_PROFILE or the profile option", async () => {
    const home = await tempHome();
    await home.writeIni(INI_TEXT);
    const other = {
      accessKeyId: "LTAIother",
      accessKeySecret: "other-secret",
      providerName: "profile",
    };
    expect(
      await iniProfileCredentials({ env: { ...home.env, ALIBABA_CLOUD_PROFILE: "other" } })(),
    ).toEqual(other);
    expect(await iniProfileCredentials({ env: home.env, profile: "other" })()).toEqual(other);
  });

  it("reads the file named by ALIBABA_CLOUD_CREDENTIALS_FILE (with ~ expanded)", async () => {
    const home = await tempHome();
    await home.writeIni(INI_TEXT);
    const moved = `${home.iniPath}`;
    expect(
      await iniProfileCredentials({
        env: { ALIBABA_CLOUD_CREDENTIALS_FILE: moved, HOME: "/nowhere" },
      })(),
    ).toMatchObject({ accessKeyId: "LTAIini" });
    expect(
      await iniProfileCredentials({
        env: { ...home.env, ALIBABA_CLOUD_CREDENTIALS_FILE: "~/.alibabacloud/credentials" },
      })(),
    ).toMatchObject({ accessKeyId: "LTAIini" });
    await expect(
      iniProfileCredentials({
        env: { ...home.env, ALIBABA_CLOUD_CREDENTIALS_FILE: "/no/such/file" },
      })(),
    ).rejects.toThrow("profile: /no/such/file (ALIBABA_CLOUD_CREDENTIALS_FILE) does not exist");
  });

  it("fails clearly: no file, no section, no type, another type", async () => {
    const home = await tempHome();
    const fail = (profile?: string) =>
      iniProfileCredentials({ env: home.env, profile })().then(
        () => expect.unreachable(),
        (e: unknown) => {
          expect(e).toBeInstanceOf(CredentialsError);
          return (e as Error).message;
        },
      );
    expect(await fail()).toBe(`profile: ${home.iniPath} does not exist`);
    await home.writeIni(INI_TEXT);
    expect(await fail("nope")).toBe(`profile: ${home.iniPath} has no [nope] section`);
    expect(await fail("broken")).toBe(`profile: [broken] in ${home.iniPath} has no type`);
    expect(await fail("bearer")).toMatch(
      /\[bearer\] .* has type bearer, which is not read \(types read: access_key, ecs_ram_role, ram_role_arn, oidc_role_arn\)/,
    );
  });
});

describe("file providers outside Node", () => {
  it("fail with 'not available in this environment' when process.getBuiltinModule is missing", async () => {
    const process = globalThis.process as { getBuiltinModule?: unknown };
    const original = process.getBuiltinModule;
    process.getBuiltinModule = undefined;
    try {
      for (const provider of [cliProfileCredentials(), iniProfileCredentials()]) {
        await expect(provider()).rejects.toThrow(/not available in this environment/);
      }
    } finally {
      process.getBuiltinModule = original;
    }
  });
});
