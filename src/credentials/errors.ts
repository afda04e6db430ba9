// The one error every credential provider throws (defined with the other errors in
// core/errors.ts, so the main entry carries it without pulling in a provider).
import { CredentialsError, type CredentialsFailure } from "../base/errors.js";

export { CredentialsError, type CredentialsFailure };

/** Why a provider failed, as one line for a chain's report. */
export function reasonOf(error: unknown): string {
  if (error instanceof CredentialsError) return error.failures.map((f) => f.reason).join("; ");
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * Runs a provider a file or chain step leads to (a role session, the RAM role), and reports
 * its failure as the step's own, so that a chain names the step (`cli_profile`), not the
 * provider behind it.
 */
export async function asStep<T>(step: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof CredentialsError && error.provider === step) throw error;
    const behind = error instanceof CredentialsError ? `${error.provider}: ` : "";
    throw new CredentialsError(step, `${behind}${reasonOf(error)}`, { cause: error });
  }
}
