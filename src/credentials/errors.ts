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
