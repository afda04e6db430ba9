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

/** Returns credentials; called before every attempt, so it should cache. */
export type CredentialsProvider = () => Promise<Credentials>;

/** What a client accepts: fixed keys, or a provider function. */
export type CredentialsOption = Credentials | CredentialsProvider;
