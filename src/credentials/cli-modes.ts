// What each mode of a CLI profile (~/.aliyun/config.json) means, as the official
// @alicloud/credentials reads it (providers/cli_profile.ts): fixed keys (AK, StsToken), a
// role taken with the profile's keys (RamRoleArn) or with another profile's credentials
// (ChainableRamRoleArn, source_profile), the instance RAM role (EcsRamRole), an OIDC role
// (OIDC), a credentials URI (CredentialsURI, as the CLI defines it).
import { readEnv } from "../base/env.js";
import { CredentialsError } from "./errors.js";
import type { FileCredentialsOptions } from "./files.js";
import type { ProviderMemo } from "./memo.js";
import { oidcRoleCredentials } from "./oidc-role.js";
import { ramRoleCredentials } from "./ram-role.js";
import { ramRoleArnCredentials } from "./ram-role-arn.js";
import { sealCredentials } from "./seal.js";
import type { Credentials, CredentialsProvider } from "./types.js";
import { uriCredentials } from "./uri.js";

const PROVIDER = "cli_profile";
const SUPPORTED = "AK, StsToken, RamRoleArn, ChainableRamRoleArn, EcsRamRole, OIDC, CredentialsURI";
/** The modes `aliyun configure` writes. */
const CLI_MODES = new Set([
  ...SUPPORTED.split(", "),
  "RsaKeyPair",
  "RamRoleArnWithRoleName",
  "External",
  "CloudSSO",
  "OAuth",
]);

/** One entry of `profiles` (fields as the CLI writes them). */
export type CliProfile = Record<string, unknown>;

/** What resolving a profile needs: the file's profiles, the provider's options, its memo. */
export interface CliContext {
  file: string;
  profiles: readonly CliProfile[];
  options: FileCredentialsOptions;
  memo: ProviderMemo;
}

/** A provider and what it was made from (the profiles followed), to key the memo. */
interface Resolved {
  provider: CredentialsProvider;
  parts: unknown[];
}

const fixed = (credentials: Credentials): CredentialsProvider => {
  const sealed = sealCredentials(credentials);
  return () => Promise.resolve(sealed);
};

/** The provider that profile `name` describes; `via` lists the profiles that led to it. */
export function cliProfileProvider(
  context: CliContext,
  name: string,
  via: string[] = [],
): Resolved {
  const { file, options, memo } = context;
  const profile = context.profiles.find((p) => p?.name === name);
  const from = via.length ? ` (source_profile of "${via.at(-1)}")` : "";
  if (!profile) throw new CredentialsError(PROVIDER, `${file} has no profile "${name}"${from}`);
  const { fetch, env, now } = options;
  const declared = typeof profile.mode === "string" ? profile.mode : "";
  const mode = declared || (profile.sts_token ? "StsToken" : "AK");
  const required = (key: string) => {
    const value = profile[key];
    if (typeof value !== "string" || !value) {
      throw new CredentialsError(
        PROVIDER,
        `profile "${name}" (mode ${mode}) in ${file} has no ${key}`,
      );
    }
    return value;
  };
  const text = (key: string) =>
    typeof profile[key] === "string" && profile[key] ? (profile[key] as string) : undefined;
  // like the official provider, ALIBABA_CLOUD_ROLE_ARN stands in for a missing ram_role_arn
  const roleArn = () =>
    text("ram_role_arn") ??
    (readEnv(env).ALIBABA_CLOUD_ROLE_ARN ? undefined : required("ram_role_arn"));
  const seconds = (key: string) =>
    typeof profile[key] === "number" && profile[key] ? (profile[key] as number) : undefined;
  // like the official provider: enable_vpc false or absent leaves the variable to decide
  const vpc = profile.enable_vpc === true ? true : undefined;
  const made = (parts: unknown[], make: () => CredentialsProvider): Resolved => ({
    provider: memo(parts, make),
    parts,
  });
  const sts = (extra: unknown[] = []) => [profile, ...extra];
  // RamRoleArn and ChainableRamRoleArn read the same role fields; only the source keys differ
  const assumeRole = (source: Credentials | CredentialsProvider) =>
    ramRoleArnCredentials({
      source,
      roleArn: roleArn(),
      roleSessionName: text("ram_session_name"),
      durationSeconds: seconds("expired_seconds"),
      externalId: text("external_id"),
      stsRegionId: text("sts_region"),
      stsEndpoint: text("sts_endpoint"),
      enableVpc: vpc,
      fetch,
      env,
      now,
    });

  switch (mode) {
    case "AK":
      return {
        provider: fixed({
          accessKeyId: required("access_key_id"),
          accessKeySecret: required("access_key_secret"),
        }),
        parts: [profile],
      };
    case "StsToken":
      return {
        provider: fixed({
          accessKeyId: required("access_key_id"),
          accessKeySecret: required("access_key_secret"),
          securityToken: required("sts_token"),
        }),
        parts: [profile],
      };
    case "RamRoleArn": {
      const source = {
        accessKeyId: required("access_key_id"),
        accessKeySecret: required("access_key_secret"),
        providerName: "static_ak",
      };
      return made(sts(), () => assumeRole(source));
    }
    case "ChainableRamRoleArn": {
      const next = required("source_profile");
      if (next === name || via.includes(next)) {
        throw new CredentialsError(
          PROVIDER,
          `profile "${name}" in ${file}: source_profile "${next}" loops back`,
        );
      }
      const source = cliProfileProvider(context, next, [...via, name]);
      return made(sts(source.parts), () => assumeRole(source.provider));
    }
    case "EcsRamRole":
      return made(sts(), () =>
        ramRoleCredentials({ ...options.ramRole, roleName: text("ram_role_name"), env }),
      );
    case "OIDC":
      // the official provider passes duration_seconds (its expired_seconds is overwritten)
      return made(sts(), () =>
        oidcRoleCredentials({
          oidcTokenFile: text("oidc_token_file"),
          oidcProviderArn: text("oidc_provider_arn"),
          roleArn: text("ram_role_arn"),
          roleSessionName: text("ram_session_name"),
          durationSeconds: seconds("duration_seconds"),
          stsRegionId: text("sts_region"),
          stsEndpoint: text("sts_endpoint"),
          enableVpc: vpc,
          fetch,
          env,
          now,
        }),
      );
    case "CredentialsURI":
      return made(sts(), () =>
        uriCredentials({ uri: required("credentials_uri"), fetch, env, now }),
      );
    default: {
      // a mode the CLI defines is named; anything else may be a secret pasted in the wrong field
      const shown = CLI_MODES.has(mode) ? `mode ${mode}` : "a mode the CLI does not define";
      throw new CredentialsError(
        PROVIDER,
        `profile "${name}" in ${file} has ${shown}, which is not read (modes read: ${SUPPORTED}); pass credentials or a provider`,
      );
    }
  }
}
