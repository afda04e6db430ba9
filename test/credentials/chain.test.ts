import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { credentialsChain, defaultCredentialsChain } from "../../src/credentials/chain.js";
import { CredentialsError } from "../../src/credentials/errors.js";
import { createEciClient } from "../../src/index.js";
import { fakeImds, ROLE, ROLE_SECRET, roleDocument } from "../metadata/fake-imds.js";
import { CLI_CONFIG, INI_TEXT, removeHomes, tempHome } from "./home.js";

const ROLE_ITEMS = {
  "ram/security-credentials/": ROLE,
  [`ram/security-credentials/${ROLE}`]: roleDocument(new Date(Date.now() + 6 * 3600_000)),
};
const ENV_KEYS = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIenv",
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: "env-secret",
};

afterEach(async () => {
  vi.unstubAllEnvs();
  await removeHomes();
});

/** A home with both files, an environment with keys, and a metadata service with a role. */
async function everything() {
  const home = await tempHome();
  await home.writeCli(CLI_CONFIG);
  await home.writeIni(INI_TEXT);
  const env: Record<string, string | undefined> = { ...home.env, ...ENV_KEYS };
  const imds = fakeImds({ items: ROLE_ITEMS });
  const chain = defaultCredentialsChain({ env, ramRole: { fetch: imds.fetch } });
  return { home, env, imds, chain };
}

describe("defaultCredentialsChain", () => {
  it("takes env, then the CLI profile, then the INI file, then the RAM role (no OIDC variables, no URI)", async () => {
    const { home, env, imds } = await everything();
    const first = (e = env) =>
      defaultCredentialsChain({ env: e, ramRole: { fetch: imds.fetch } })();

    expect(await first()).toMatchObject({ accessKeyId: "LTAIenv", providerName: "default/env" });
    const withoutEnv = { ...home.env };
    expect(await first(withoutEnv)).toMatchObject({
      accessKeyId: "LTAIcli",
      providerName: "default/cli_profile",
    });
    await home.remove(home.cliPath);
    expect(await first(withoutEnv)).toMatchObject({
      accessKeyId: "LTAIini",
      providerName: "default/profile",
    });
    await home.remove(home.iniPath);
    expect(imds.requests).toEqual([]); // the metadata service was never asked while a file worked
    expect(await first(withoutEnv)).toMatchObject({
      accessKeyId: "STS.role-key-id",
      providerName: "default/ecs_ram_role",
    });
  });

  it("skips the CLI file with ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true", async () => {
    const { home, imds } = await everything();
    const env = { ...home.env, ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "true" };
    expect(await defaultCredentialsChain({ env, ramRole: { fetch: imds.fetch } })()).toMatchObject({
      providerName: "default/profile",
    });
  });

  it("moves on when the provider that worked stops working, and back when it works again", async () => {
    const { home, env, chain } = await everything();
    expect((await chain()).providerName).toBe("default/env");
    env.ALIBABA_CLOUD_ACCESS_KEY_ID = undefined;
    expect((await chain()).providerName).toBe("default/cli_profile");
    await home.remove(home.cliPath);
    expect((await chain()).providerName).toBe("default/profile");
    await home.remove(home.iniPath);
    expect((await chain()).providerName).toBe("default/ecs_ram_role");
    env.ALIBABA_CLOUD_ACCESS_KEY_ID = "LTAIback";
    // the role still works, so it is asked first; when it stops, env is found again
    expect((await chain()).providerName).toBe("default/ecs_ram_role");
    env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";
    expect(await chain()).toMatchObject({ accessKeyId: "LTAIback", providerName: "default/env" });
  });

  it("when nothing works, throws one CredentialsError listing every provider, with no secret in it", async () => {
    const home = await tempHome();
    // each source holds a secret, but none is usable
    await home.writeCli({
      current: "default",
      profiles: [
        {
          name: "default",
          mode: "RamRoleArn",
          access_key_id: "LTAIcli",
          access_key_secret: "cli-secret-x",
        },
      ],
    });
    await home.writeIni("[default]\naccess_key_id = LTAIini\naccess_key_secret = ini-secret-x\n");
    const env = { ...home.env, ALIBABA_CLOUD_ACCESS_KEY_SECRET: "env-secret-x" };
    const imds = fakeImds({
      items: {
        [`ram/security-credentials/${ROLE}`]: roleDocument(new Date(), {
          Code: "Expired",
          SecurityToken: "",
        }),
      },
    });
    const chain = defaultCredentialsChain({ env, ramRole: { fetch: imds.fetch, roleName: ROLE } });
    const error = await chain().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CredentialsError);
    expect(error).toBeInstanceOf(Error);
    const e = error as CredentialsError;
    expect(e.name).toBe("CredentialsError");
    expect(e.provider).toBe("default");
    expect(e.failures.map((f) => f.provider)).toEqual([
      "env",
      "oidc_role_arn",
      "cli_profile",
      "profile",
      "ecs_ram_role",
      "credential_uri",
    ]);
    expect(e.message).toBe(
      [
        "no credentials found by the default credentials chain:",
        "  - env: ALIBABA_CLOUD_ACCESS_KEY_SECRET is set but ALIBABA_CLOUD_ACCESS_KEY_ID is not",
        "  - oidc_role_arn: ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE not set",
        `  - cli_profile: profile "default" (mode RamRoleArn) in ${home.cliPath} has no ram_role_arn`,
        `  - profile: [default] in ${home.iniPath} has no type`,
        `  - ecs_ram_role: metadata item "ram/security-credentials/${ROLE}": Code is "Expired", not "Success"`,
        "  - credential_uri: ALIBABA_CLOUD_CREDENTIALS_URI not set",
      ].join("\n"),
    );
    for (const shown of [e.message, JSON.stringify(e), inspect(e), String(e.stack)]) {
      for (const secret of ["env-secret-x", "cli-secret-x", "ini-secret-x", ROLE_SECRET]) {
        expect(shown).not.toContain(secret);
      }
    }
  });

  it("does not ask the metadata service when ALIBABA_CLOUD_ECS_METADATA_DISABLED=true", async () => {
    const home = await tempHome();
    const imds = fakeImds({ items: ROLE_ITEMS });
    const env = { ...home.env, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" };
    const error = (await defaultCredentialsChain({ env, ramRole: { fetch: imds.fetch } })().catch(
      (e) => e,
    )) as CredentialsError;
    expect(error.failures.find((f) => f.provider === "ecs_ram_role")).toEqual({
      provider: "ecs_ram_role",
      reason: "skipped (ALIBABA_CLOUD_ECS_METADATA_DISABLED=true)",
    });
    expect(imds.requests).toEqual([]);
  });

  it("is what createEciClient uses when credentials are omitted", async () => {
    vi.stubEnv("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIfromprocess");
    vi.stubEnv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "process-secret");
    vi.stubEnv("ALIBABA_CLOUD_SECURITY_TOKEN", "");
    const sent: Record<string, string>[] = [];
    const eci = createEciClient({
      regionId: "cn-hangzhou",
      endpoint: "http://127.0.0.1:1",
      retry: false,
      fetch: async (_url, init) => {
        sent.push(init.headers as Record<string, string>);
        return new Response(JSON.stringify({ RequestId: "r", ContainerGroups: [], TotalCount: 0 }));
      },
    });
    await eci.describeContainerGroups({ RegionId: "cn-hangzhou" });
    expect(sent[0]?.authorization).toMatch(/Credential=LTAIfromprocess,/);
    expect(sent[0]?.["x-acs-credentials-provider"]).toBe("default/env");
  });
});

describe("credentialsChain", () => {
  it("names custom providers by position in its error, and keeps their providerName unprefixed", async () => {
    const fail = async () => {
      throw new Error("custom failure");
    };
    const ok = async () => ({ accessKeyId: "k", accessKeySecret: "s", providerName: "mine" });
    expect(await credentialsChain([fail, ok])()).toMatchObject({
      accessKeyId: "k",
      providerName: "mine",
    });
    const error = (await credentialsChain([fail])().catch((e) => e)) as CredentialsError;
    expect(error.message).toBe(
      "no credentials found by the credentials chain:\n  - provider 1: Error: custom failure",
    );
  });
});
