/** An AccessKey pair, with an STS token when the keys are temporary. */
export interface Credentials {
  /** the AccessKey ID (`LTAI…`, or `STS.…` for temporary keys) */
  readonly accessKeyId: string;
  /** the AccessKey secret; never appears in logs, errors or `JSON.stringify` output */
  readonly accessKeySecret: string;
  /** STS token; present for temporary credentials */
  readonly securityToken?: string;
  /** when temporary credentials stop working */
  readonly expiration?: Date;
  /** where they came from (`static_ak`, `env`, `ecs_ram_role`…), sent as `x-acs-credentials-provider` */
  readonly providerName?: string;
}

/**
 * Returns credentials. A client calls it before every attempt, through a cache: calls in
 * flight at once share one invocation, and credentials with an `expiration` are reused
 * until shortly before it (see `cachedCredentials`). Credentials without `expiration` are
 * asked for again on the next call, so a provider that is slow to answer should cache.
 */
export type CredentialsProvider = (() => Promise<Credentials>) & {
  /**
   * The credentials a call would get now, when the provider holds them and would not
   * refresh them; undefined otherwise. Lets a client sign without waiting (optional).
   */
  readonly peek?: () => Credentials | undefined;
};

/** What a client accepts: fixed keys, or a provider function. */
export type CredentialsOption = Credentials | CredentialsProvider;
