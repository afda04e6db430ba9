import { PopError, RequestError } from "../base/errors.js";

/**
 * Whether a failed poll is worth repeating: throttling, server errors and answers that
 * never came (connection failures, timeouts). Everything else (permission,
 * authentication, bad input, not found, AbortError, bugs) ends the wait at once.
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof PopError) return error.kind === "throttling" || error.kind === "server";
  return error instanceof RequestError;
}
