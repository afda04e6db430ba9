// The one error every credential provider throws, and the default chain's combined report.
// Messages name variables, files, profiles and HTTP statuses, never a key or a token.

/** What one provider of a chain said when it could not give credentials. */
export interface CredentialsFailure {
  /** `env`, `cli_profile`, `profile`, `ecs_ram_role`, or a custom provider's name */
  readonly provider: string;
  /** why it gave nothing; never contains a secret */
  readonly reason: string;
}

/**
 * No usable credentials: a provider found nothing, or found something it cannot use.
 * From a chain, `failures` lists what each provider said, in chain order.
 */
export class CredentialsError extends Error {
  override name = "CredentialsError";
  /** the provider that failed (`env`, `cli_profile`, `profile`, `ecs_ram_role`), or the chain's name (`default`) */
  readonly provider: string;
  /** a single provider: its own failure; a chain: one entry per provider, in order */
  readonly failures: readonly CredentialsFailure[];

  constructor(
    provider: string,
    reason: string,
    options: { failures?: readonly CredentialsFailure[]; cause?: unknown; message?: string } = {},
  ) {
    const message = options.message ?? `${provider}: ${reason}`;
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.provider = provider;
    this.failures = options.failures ?? [{ provider, reason }];
  }

  /** The plain fields, without the stack; safe to log. */
  toJSON() {
    return {
      name: this.name,
      message: this.message,
      provider: this.provider,
      failures: this.failures,
    };
  }
}

/** Why a provider failed, as one line for a chain's report. */
export function reasonOf(error: unknown): string {
  if (error instanceof CredentialsError) return error.failures.map((f) => f.reason).join("; ");
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
