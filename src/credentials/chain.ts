// The default credentials chain, in the official order: environment, OIDC role (RRSA), CLI
// profile, shared INI file, instance RAM role, credentials URI. Unlike the official chain
// it is not stuck to the first provider that worked: when that one stops working, the next
// call walks the chain again.

import { type EnvVars, envFlag, readEnv } from "../base/env.js";
import type { FetchLike } from "../base/fetch.js";
import { type Logger, topicLogger } from "../base/logger.js";
import { cliProfileCredentials } from "./cli-profile.js";
import { envCredentials } from "./env.js";
import { CredentialsError, type CredentialsFailure, reasonOf } from "./errors.js";
import { iniProfileCredentials } from "./ini-profile.js";
import { providerMemo } from "./memo.js";
import { oidcRoleCredentials } from "./oidc-role.js";
import { type RamRoleCredentialsOptions, ramRoleCredentials } from "./ram-role.js";
import { sealCredentials } from "./seal.js";
import type { CredentialsProvider } from "./types.js";
import { uriCredentials } from "./uri.js";

/** Options of {@link credentialsChain}. */
export interface CredentialsChainOptions {
  /** prefixes `providerName` (`default` → `default/env`) and names the chain in its error */
  name?: string;
  /** hears which provider was tried and why the chain moved on (default: stderr under `DEBUG=alicloud-eci`) */
  logger?: Logger;
}

/**
 * Tries `providers` in order and returns the first credentials found. Later calls ask the
 * provider that worked last time first; when it fails they walk the whole list again, so
 * the chain moves on (or back) instead of failing. When every provider fails, one
 * {@link CredentialsError} lists what each said, in order.
 */
export function credentialsChain(
  providers: readonly CredentialsProvider[],
  options: CredentialsChainOptions = {},
): CredentialsProvider {
  const label = options.name ? `${options.name} credentials chain` : "credentials chain";
  const log = topicLogger("credentials", options.logger);
  let last: number | undefined;

  return async () => {
    const failures: CredentialsFailure[] = [];
    const tried = new Map<number, CredentialsFailure>();
    const attempt = async (index: number) => {
      try {
        const credentials = await (providers[index] as CredentialsProvider)();
        // said once per change of source, not on every call that reuses it
        if (log && last !== index)
          log.debug(`${label}: using ${credentials.providerName ?? `provider ${index + 1}`}`);
        last = index;
        if (!options.name) return credentials;
        const providerName = `${options.name}/${credentials.providerName ?? "custom"}`;
        return sealCredentials({ ...credentials, providerName });
      } catch (error) {
        const provider =
          error instanceof CredentialsError ? error.provider : `provider ${index + 1}`;
        const reason = reasonOf(error);
        tried.set(index, { provider, reason });
        log?.debug(`${label}: ${provider} gave none (${reason}); trying the next`);
        return undefined;
      }
    };
    const first = last;
    if (first !== undefined) {
      const found = await attempt(first);
      if (found) return found;
    }
    for (let index = 0; index < providers.length; index++) {
      if (index !== first) {
        const found = await attempt(index);
        if (found) return found;
      }
      const failure = tried.get(index);
      if (failure) failures.push(failure);
    }
    const list = failures.map((f) => `\n  - ${f.provider}: ${f.reason}`).join("");
    throw new CredentialsError(options.name ?? "chain", "no provider gave credentials", {
      failures,
      message: `no credentials found by the ${label}:${list}`,
    });
  };
}

/** Options of {@link defaultCredentialsChain}. */
export interface DefaultCredentialsChainOptions {
  /** variables to read instead of `process.env` (at every call) */
  env?: EnvVars;
  /** home folder of the CLI and INI files (default: `HOME`, `USERPROFILE`, `os.homedir()`) */
  homeDir?: string;
  /** profile of both files (default: `ALIBABA_CLOUD_PROFILE`, else CLI `current` / INI `default`) */
  profile?: string;
  /** options of the RAM-role provider (role name, metadata endpoint, fetch, timeouts, cache margins) */
  ramRole?: Omit<RamRoleCredentialsOptions, "env">;
  /** fetch of the STS calls (OIDC, RAM role ARN profiles) and of the credentials URI (default: global fetch) */
  fetch?: FetchLike;
  /** clock of the caches of temporary credentials, ms since the epoch (default Date.now) */
  now?: () => number;
  /** hears which provider was tried and why the chain moved on (default: stderr under `DEBUG=alicloud-eci`) */
  logger?: Logger;
}

const OIDC_VARS = [
  "ALIBABA_CLOUD_ROLE_ARN",
  "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
  "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
] as const;

/**
 * The credentials a client uses when `credentials` is omitted, in the order of the official
 * `@alicloud/credentials` (providers/default.ts):
 * 1. `env`: `ALIBABA_CLOUD_ACCESS_KEY_ID` / `_SECRET` / `ALIBABA_CLOUD_SECURITY_TOKEN` ({@link envCredentials});
 * 2. `oidc_role_arn`: RRSA, when `ALIBABA_CLOUD_ROLE_ARN`, `ALIBABA_CLOUD_OIDC_PROVIDER_ARN` and
 *    `ALIBABA_CLOUD_OIDC_TOKEN_FILE` are set ({@link oidcRoleCredentials});
 * 3. `cli_profile`: `~/.aliyun/config.json` ({@link cliProfileCredentials}), skipped when
 *    `ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true`;
 * 4. `profile`: `~/.alibabacloud/credentials` or `ALIBABA_CLOUD_CREDENTIALS_FILE` ({@link iniProfileCredentials});
 * 5. `ecs_ram_role`: the instance RAM role through the metadata service ({@link ramRoleCredentials}),
 *    skipped when `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`;
 * 6. `credential_uri`: `ALIBABA_CLOUD_CREDENTIALS_URI` ({@link uriCredentials}).
 *
 * `providerName` is `default/<provider>` (sent as `x-acs-credentials-provider`). The files
 * need Node; in browsers those steps fail and the chain goes on. Variables are read at every
 * call, and a provider that stops working is replaced by the next one that works.
 * @throws CredentialsError listing what each provider said when none works (no secret in it)
 */
export function defaultCredentialsChain(
  options: DefaultCredentialsChainOptions = {},
): CredentialsProvider {
  const { env, homeDir, profile, fetch, now } = options;
  const files = { env, homeDir, profile, fetch, now, ramRole: options.ramRole };
  const memo = providerMemo();
  const unless = (
    variable: string,
    provider: string,
    next: CredentialsProvider,
  ): CredentialsProvider => {
    return () =>
      envFlag(readEnv(env), variable)
        ? Promise.reject(new CredentialsError(provider, `skipped (${variable}=true)`))
        : next();
  };
  // the variables name the source; a changed one means another provider (and cache)
  const oidc: CredentialsProvider = async () => {
    const vars = readEnv(env);
    const missing = OIDC_VARS.filter((name) => !vars[name]);
    if (missing.length) {
      throw new CredentialsError("oidc_role_arn", `${missing.join(", ")} not set`);
    }
    const key = ["oidc", ...OIDC_VARS, "ALIBABA_CLOUD_ROLE_SESSION_NAME"].map((n) => vars[n]);
    return memo(key, () => oidcRoleCredentials({ env, fetch, now }))();
  };
  const uri: CredentialsProvider = async () => {
    const given = readEnv(env).ALIBABA_CLOUD_CREDENTIALS_URI;
    if (!given)
      throw new CredentialsError("credential_uri", "ALIBABA_CLOUD_CREDENTIALS_URI not set");
    return memo(["uri", given], () => uriCredentials({ env, fetch, now }))();
  };
  return credentialsChain(
    [
      envCredentials({ env }),
      oidc,
      unless("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "cli_profile", cliProfileCredentials(files)),
      iniProfileCredentials(files),
      unless(
        "ALIBABA_CLOUD_ECS_METADATA_DISABLED",
        "ecs_ram_role",
        ramRoleCredentials({ ...options.ramRole, env }),
      ),
      uri,
    ],
    { name: "default", ...(options.logger ? { logger: options.logger } : {}) },
  );
}
