// Differential test: the official @alicloud/credentials 2.4.7 default chain and this SDK's,
// on the same variables and files, must pick the same source and come out with the same
// keys. Sources that call STS, the metadata service or a credentials URI are served for
// both by the same local servers (the fake cloud's STS, a fake metadata service, a URI
// endpoint on 127.0.0.1); STS issues each caller its own keys, so there both must hold
// keys of the same role session (GetCallerIdentity) after the same STS call.
import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { defaultCredentialsChain } from "../../src/credentials/chain.js";
import { createStsClient } from "../../src/index.js";
import { FAKE_CREDENTIALS, type FakeServer } from "../../src/testing/index.js";
import { fakeImds, ROLE, roleDocument } from "../metadata/fake-imds.js";
import { removeHomes, type TempHome, tempHome } from "./home.js";
import { localOrigin, loopbackFetch, type Routes, serveOnLoopback } from "./loopback.js";
import { type Rrsa, rrsa } from "./rrsa.js";

const require = createRequire(import.meta.url);
const official = require("@alicloud/credentials") as {
  DefaultCredentialsProvider: { builder(): { build(): { getCredentials(): Promise<Creds> } } };
};
const officialHttp = require("@alicloud/credentials/dist/src/providers/http.js") as {
  doRequest: (request: OfficialRequest) => Promise<unknown>;
};

interface Creds {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  providerName?: string;
}
interface OfficialRequest {
  url?: string;
  headers?: Record<string, string>;
  toRequestURL(): string;
}

const KEYS = {
  access_key_id: FAKE_CREDENTIALS.accessKeyId,
  access_key_secret: FAKE_CREDENTIALS.accessKeySecret,
};
const URI_DOC = {
  Code: "Success",
  AccessKeyId: "STS.uri-key",
  AccessKeySecret: "uri-secret",
  SecurityToken: "CAISuri-token",
  Expiration: "2099-01-01T00:00:00Z",
};

let s: Rrsa;
let sts: FakeServer;
let side: Awaited<ReturnType<typeof serveOnLoopback>>;
let routes: Routes;
const originalDoRequest = officialHttp.doRequest;

beforeAll(async () => {
  s = await rrsa("wall"); // the official caches read Date.now: the fake's clock follows it
  sts = await s.fake.listen(0, "127.0.0.1");
  const imds = fakeImds({
    items: {
      "ram/security-credentials/": ROLE,
      [`ram/security-credentials/${ROLE}`]: roleDocument(new Date(Date.now() + 6 * 3600_000)),
    },
  });
  side = await serveOnLoopback((request) => {
    const { pathname } = new URL(request.url);
    if (pathname === "/creds") return Response.json(URI_DOC);
    return imds.fetch(request.url.replace(/^http:\/\/[^/]+/, "http://100.100.100.200"), {
      method: request.method,
      headers: Object.fromEntries(request.headers),
    });
  });
  routes = { sts: sts.url, imds: side.url };
  // the official providers send through this module's doRequest: same servers, Host kept
  officialHttp.doRequest = (request) => {
    const url = new URL(request.toRequestURL());
    const local = localOrigin(url, routes);
    request.url = `${local}${url.pathname}${url.search}`;
    request.headers = { ...request.headers, host: url.host };
    return originalDoRequest(request);
  };
});

afterAll(async () => {
  officialHttp.doRequest = originalDoRequest;
  await side?.close();
  await s?.fake.close();
  await s?.cleanup();
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await removeHomes();
});

const RELEVANT =
  /^(ALIBABA_?CLOUD|ALICLOUD)_|^(ACCESS_KEY_ID|ACCESS_KEY_SECRET|SECURITY_TOKEN|HOME|USERPROFILE)$/;

/** Both chains on exactly `env` (process.env for the official one, which reads nothing else). */
async function both(env: Record<string, string>) {
  for (const name of Object.keys(process.env)) if (RELEVANT.test(name)) vi.stubEnv(name, undefined);
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const fetch = loopbackFetch(routes);
  const before = s.fake.requests.length;
  const chain = official.DefaultCredentialsProvider.builder().build();
  // its file providers take os.homedir() once ("used for mock"); in a worker thread that is
  // the process's HOME, not the stubbed one
  for (const provider of (chain as unknown as { providers: { homedir?: string }[] }).providers) {
    if ("homedir" in provider) provider.homedir = env.HOME;
  }
  const theirs = await chain.getCredentials();
  const middle = s.fake.requests.length;
  const ours = await defaultCredentialsChain({ env: { ...env }, fetch, ramRole: { fetch } })();
  const stsCalls = (from: number, to: number) =>
    s.fake.requests
      .slice(from, to)
      .filter((r) => r.product === "sts")
      .map((r) => ({ action: r.action, status: r.status, ...pick(r.params) }));
  return {
    theirs,
    ours,
    theirCalls: stsCalls(before, middle),
    ourCalls: stsCalls(middle, s.fake.requests.length),
  };
}

const pick = ({ RoleArn, RoleSessionName, DurationSeconds }: Record<string, unknown>) => ({
  RoleArn,
  RoleSessionName,
  DurationSeconds,
});

/** The identity STS sees for keys: the session both got must be the same one. */
const identity = async (creds: Creds) =>
  (
    await createStsClient({
      regionId: "cn-hangzhou",
      fetch: s.fake.clientOptions().fetch,
      credentials: {
        accessKeyId: creds.accessKeyId,
        accessKeySecret: creds.accessKeySecret,
        ...(creds.securityToken ? { securityToken: creds.securityToken } : {}),
      },
    }).getCallerIdentity()
  ).Arn;

const keysOf = (c: Creds) => ({
  id: c.accessKeyId,
  secret: c.accessKeySecret,
  token: c.securityToken || undefined,
});

async function expectSameFixedKeys(env: Record<string, string>, provider: string) {
  const { theirs, ours } = await both(env);
  expect(ours.providerName).toBe(`default/${provider}`);
  expect(theirs.providerName).toBe(`default/${provider}`);
  expect(keysOf(ours)).toEqual(keysOf(theirs));
}

async function expectSameSession(env: Record<string, string>, provider: string, calls: number) {
  const { theirs, ours, theirCalls, ourCalls } = await both(env);
  expect(ours.providerName).toBe(`default/${provider}`);
  expect(theirs.providerName).toBe(`default/${provider}`);
  expect(theirCalls).toHaveLength(calls);
  expect(ourCalls).toEqual(theirCalls);
  expect(theirCalls.every((c) => c.status === 200)).toBe(true);
  expect(ours.accessKeyId).not.toBe(theirs.accessKeyId); // STS issued each its own
  expect(await identity(ours)).toBe(await identity(theirs));
}

async function files(cli?: unknown, ini?: string): Promise<TempHome> {
  const home = await tempHome();
  if (cli) await home.writeCli(cli);
  if (ini) await home.writeIni(ini);
  return home;
}

const INI_AK =
  "[default]\ntype = access_key\naccess_key_id = LTAIini\naccess_key_secret = ini-secret\n";
const CLI_AK = {
  current: "default",
  profiles: [
    { name: "default", mode: "AK", access_key_id: "LTAIcli", access_key_secret: "cli-secret" },
  ],
};
const NO_IMDS = { ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" };

describe("the default chain against the official @alicloud/credentials 2.4.7", () => {
  it("env: keys, and keys with an STS token, win over both files", async () => {
    const home = await files(CLI_AK, INI_AK);
    const env = {
      ...home.env,
      ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIenv",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: "env-secret",
    };
    await expectSameFixedKeys(env, "env");
    await expectSameFixedKeys({ ...env, ALIBABA_CLOUD_SECURITY_TOKEN: "env-token" }, "env");
  });

  it("oidc_role_arn (RRSA variables) wins over the CLI file: the same AssumeRoleWithOIDC", async () => {
    const home = await files(CLI_AK);
    await expectSameSession(
      { ...home.env, ...s.env, ALIBABA_CLOUD_ROLE_SESSION_NAME: "pod-1" },
      "oidc_role_arn",
      1,
    );
  });

  it("cli_profile AK (current) and StsToken (ALIBABA_CLOUD_PROFILE) win over the INI file", async () => {
    const cli = {
      current: "default",
      profiles: [
        ...CLI_AK.profiles,
        {
          name: "temp",
          mode: "StsToken",
          access_key_id: "STS.cli",
          access_key_secret: "s2",
          sts_token: "t2",
        },
      ],
    };
    const home = await files(cli, INI_AK);
    await expectSameFixedKeys(home.env, "cli_profile");
    await expectSameFixedKeys({ ...home.env, ALIBABA_CLOUD_PROFILE: "temp" }, "cli_profile");
  });

  it("cli_profile RamRoleArn and ChainableRamRoleArn: the same AssumeRole calls", async () => {
    const cli = {
      current: "role",
      profiles: [
        { name: "base", mode: "AK", ...KEYS },
        {
          name: "role",
          mode: "RamRoleArn",
          ...KEYS,
          ram_role_arn: s.adminRoleArn,
          ram_session_name: "cli-role",
          expired_seconds: 900,
        },
        {
          name: "chained",
          mode: "ChainableRamRoleArn",
          source_profile: "role",
          ram_role_arn: s.adminRoleArn,
          ram_session_name: "cli-chained",
        },
      ],
    };
    const home = await files(cli);
    await expectSameSession(home.env, "cli_profile", 1);
    await expectSameSession({ ...home.env, ALIBABA_CLOUD_PROFILE: "chained" }, "cli_profile", 2);
  });

  it("cli_profile OIDC and EcsRamRole", async () => {
    const cli = {
      current: "pod",
      profiles: [
        {
          name: "pod",
          mode: "OIDC",
          oidc_token_file: s.tokenFile,
          oidc_provider_arn: s.providerArn,
          ram_role_arn: s.podRoleArn,
          ram_session_name: "cli-oidc",
        },
        { name: "ecs", mode: "EcsRamRole", ram_role_name: ROLE },
      ],
    };
    const home = await files(cli);
    await expectSameSession(home.env, "cli_profile", 1);
    await expectSameFixedKeys({ ...home.env, ALIBABA_CLOUD_PROFILE: "ecs" }, "cli_profile");
  });

  it("profile (INI): access_key with the CLI disabled or the file named by ALIBABA_CLOUD_CREDENTIALS_FILE, ecs_ram_role, ram_role_arn", async () => {
    const home = await files(CLI_AK, INI_AK);
    await expectSameFixedKeys(
      { ...home.env, ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "true" },
      "profile",
    );
    const other = join(home.dir, "elsewhere.ini");
    await writeFile(
      other,
      `[default]\ntype = ram_role_arn\naccess_key_id = ${KEYS.access_key_id}\naccess_key_secret = ${KEYS.access_key_secret}\nrole_arn = ${s.adminRoleArn}\nrole_session_name = ini-role\n\n[ecs]\ntype = ecs_ram_role\nrole_name = ${ROLE}\n`,
    );
    const env = {
      ...home.env,
      ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "true",
      ALIBABA_CLOUD_CREDENTIALS_FILE: other,
    };
    await expectSameSession(env, "profile", 1);
    await expectSameFixedKeys({ ...env, ALIBABA_CLOUD_PROFILE: "ecs" }, "profile");
  });

  it("ecs_ram_role when nothing before it works, the role discovered or named", async () => {
    const home = await files();
    await expectSameFixedKeys(home.env, "ecs_ram_role");
    await expectSameFixedKeys({ ...home.env, ALIBABA_CLOUD_ECS_METADATA: ROLE }, "ecs_ram_role");
  });

  it("credential_uri last, with the metadata service switched off", async () => {
    const home = await files();
    await mkdir(join(home.dir, ".aliyun"), { recursive: true });
    await expectSameFixedKeys(
      { ...home.env, ...NO_IMDS, ALIBABA_CLOUD_CREDENTIALS_URI: `${side.url}/creds` },
      "credential_uri",
    );
  });
});
