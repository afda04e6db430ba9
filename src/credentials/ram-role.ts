// Temporary credentials of the RAM role attached to the instance (an ECI container group
// created with RamRoleName, or an ECS instance), read from the metadata service.

import { readEnv } from "../base/env.js";
import { createImdsRequester, type ImdsRequester, type MetadataOptions } from "../base/imds.js";
import { MetadataError } from "../base/imds-errors.js";
import { parseList } from "../base/imds-parse.js";
import { type CacheOptions, cachedCredentials } from "./cache.js";
import { CredentialsError } from "./errors.js";
import { sealCredentials } from "./seal.js";
import type { Credentials, CredentialsProvider } from "./types.js";

const PROVIDER = "ecs_ram_role";
const ROLES = "ram/security-credentials/";

/** Options of {@link ramRoleCredentials}: where the metadata service is, which role, how to cache. */
export interface RamRoleCredentialsOptions extends MetadataOptions, CacheOptions {
  /**
   * The RAM role attached to the instance. Default: `ALIBABA_CLOUD_ECS_METADATA`, else
   * discovered with one more request. Naming it saves that request.
   */
  roleName?: string;
}

/**
 * Temporary STS credentials of the instance's RAM role, from the metadata service at
 * `100.100.100.200`: the natural source for code running inside ECI (create the container
 * group with `RamRoleName`) or on ECS. No keys to store.
 *
 * Requests: `PUT /latest/api/token` (hardened mode), then
 * `GET /latest/meta-data/ram/security-credentials/` to discover the role (skipped when
 * `roleName` or `ALIBABA_CLOUD_ECS_METADATA` names it), then
 * `GET …/security-credentials/<role>`. When the token request fails the reads are sent
 * without a token (IMDSv1), unless `disableImdsV1` or `ALIBABA_CLOUD_IMDSV1_DISABLED=true`.
 * Each request gives up after 1 s (`timeoutMs`), so it fails fast off-cloud.
 *
 * The result is cached with {@link cachedCredentials} (refreshed when less than 60 min
 * remain, waited for when less than 15 min remain). `providerName` is `ecs_ram_role`.
 * @throws CredentialsError when the service is unreachable, no role is attached, or the answer is not valid credentials
 */
export function ramRoleCredentials(options: RamRoleCredentialsOptions = {}): CredentialsProvider {
  const imds = createImdsRequester(options);
  return cachedCredentials(async () => {
    const roleName =
      options.roleName || readEnv(options.env).ALIBABA_CLOUD_ECS_METADATA || undefined;
    try {
      return await fetchRoleCredentials(imds, roleName);
    } catch (error) {
      if (error instanceof MetadataError)
        throw new CredentialsError(PROVIDER, error.message, { cause: error });
      throw error;
    }
  }, options);
}

/** The name of the RAM role attached to the instance. */
export async function discoverRoleName(imds: ImdsRequester, signal?: AbortSignal): Promise<string> {
  const [role] = parseList(await imds.get(ROLES, signal));
  if (!role) {
    throw new MetadataError(
      `metadata item "${ROLES}" is empty: no RAM role is attached to this instance`,
      {
        kind: "notFound",
        item: ROLES,
      },
    );
  }
  return role;
}

/** One uncached read of the role's credentials (the role is discovered when not given). */
export async function fetchRoleCredentials(
  imds: ImdsRequester,
  roleName?: string,
  signal?: AbortSignal,
): Promise<Credentials> {
  const role = roleName ?? (await discoverRoleName(imds, signal));
  const item = `${ROLES}${encodeURIComponent(role)}`;
  return parseRoleCredentials(await imds.get(item, signal), item);
}

const REQUIRED = ["AccessKeyId", "AccessKeySecret", "SecurityToken", "Expiration"] as const;

/** Checks a credentials document (`Code: "Success"`, the three keys, a valid `Expiration`). */
export function parseRoleCredentials(text: string, item: string): Credentials {
  const invalid = (why: string) =>
    new MetadataError(`metadata item "${item}": ${why}`, { kind: "invalid", item });
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text);
  } catch {
    throw invalid("the answer is not JSON"); // never quote it: it may hold the secret
  }
  if (!doc || typeof doc !== "object") throw invalid("the answer is not a JSON object");
  if (doc.Code !== "Success")
    throw invalid(`Code is ${JSON.stringify(doc.Code ?? null)}, not "Success"`);
  const missing = REQUIRED.filter((key) => typeof doc[key] !== "string" || !doc[key]);
  if (missing.length) throw invalid(`the answer lacks ${missing.join(", ")}`);
  const expiration = new Date(doc.Expiration as string);
  if (Number.isNaN(expiration.getTime()))
    throw invalid(`Expiration ${JSON.stringify(doc.Expiration)} is not a date`);
  return sealCredentials({
    accessKeyId: doc.AccessKeyId as string,
    accessKeySecret: doc.AccessKeySecret as string,
    securityToken: doc.SecurityToken as string,
    expiration,
    providerName: PROVIDER,
  });
}
