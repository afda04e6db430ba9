// What each `type` of a section of ~/.alibabacloud/credentials means, as the official
// @alicloud/credentials reads it (providers/profile.ts: access_key, ecs_ram_role,
// ram_role_arn) plus oidc_role_arn, with the field names of the other official SDKs
// (credentials-go, credentials-java).
import { readEnv } from "../base/env.js";
import { CredentialsError } from "./errors.js";
import type { FileCredentialsOptions } from "./files.js";
import type { ProviderMemo } from "./memo.js";
import { oidcRoleCredentials } from "./oidc-role.js";
import { ramRoleCredentials } from "./ram-role.js";
import { ramRoleArnCredentials } from "./ram-role-arn.js";
import { sealCredentials } from "./seal.js";
import type { CredentialsProvider } from "./types.js";

const PROVIDER = "profile";
const SUPPORTED = "access_key, ecs_ram_role, ram_role_arn, oidc_role_arn";
/** The types of the shared credentials file. */
const INI_TYPES = new Set([
  ...SUPPORTED.split(", "),
  "sts",
  "rsa_key_pair",
  "bearer",
  "credentials_uri",
]);

/** The provider of section `[name]` of `file`. */
export function iniSectionProvider(
  section: ReadonlyMap<string, string>,
  where: { name: string; file: string },
  options: FileCredentialsOptions,
  memo: ProviderMemo,
): CredentialsProvider {
  const { name, file } = where;
  const type = section.get("type");
  if (!type) throw new CredentialsError(PROVIDER, `[${name}] in ${file} has no type`);
  const required = (key: string) => {
    const value = section.get(key);
    if (!value) throw new CredentialsError(PROVIDER, `[${name}] in ${file} has no ${key}`);
    return value;
  };
  const text = (key: string) => section.get(key) || undefined;
  const { fetch, env, now } = options;
  const parts = [...section];
  switch (type) {
    case "access_key": {
      const sealed = sealCredentials({
        accessKeyId: required("access_key_id"),
        accessKeySecret: required("access_key_secret"),
      });
      return () => Promise.resolve(sealed);
    }
    case "ecs_ram_role":
      return memo(parts, () =>
        ramRoleCredentials({ ...options.ramRole, roleName: text("role_name"), env }),
      );
    case "ram_role_arn": {
      const source = {
        accessKeyId: required("access_key_id"),
        accessKeySecret: required("access_key_secret"),
        providerName: "static_ak",
      };
      // the official provider reads only these fields (its STS settings come from the variables)
      return memo(parts, () =>
        ramRoleArnCredentials({
          source,
          roleArn:
            text("role_arn") ??
            (readEnv(env).ALIBABA_CLOUD_ROLE_ARN ? undefined : required("role_arn")),
          roleSessionName: text("role_session_name"),
          policy: text("policy"),
          fetch,
          env,
          now,
        }),
      );
    }
    case "oidc_role_arn":
      return memo(parts, () =>
        oidcRoleCredentials({
          roleArn: text("role_arn"),
          oidcProviderArn: text("oidc_provider_arn"),
          oidcTokenFile: text("oidc_token_file_path"),
          roleSessionName: text("role_session_name"),
          policy: text("policy"),
          fetch,
          env,
          now,
        }),
      );
    default: {
      // a type the SDKs define is named; anything else may be a secret pasted in the wrong line
      const shown = INI_TYPES.has(type) ? `type ${type}` : "a type the SDKs do not define";
      throw new CredentialsError(
        PROVIDER,
        `[${name}] in ${file} has ${shown}, which is not read (types read: ${SUPPORTED})`,
      );
    }
  }
}
