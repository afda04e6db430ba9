// One log line per attempt: product, action, host, the HTTP status or error code, the
// request id and the duration; for a retry, why and after how long. Loaded only by
// clients that log (a `logger`, or DEBUG set), so other bundles never carry it.
import { type Logger, topicLogger } from "../base/logger.js";
import type { AttemptInfo } from "./options.js";
import type { Outcome } from "./outcome.js";

export type AttemptLogger = Logger;

/** The `call` topic's logger: the option, or stderr when DEBUG enables it. */
export const callLogger = (given: Logger | undefined) => topicLogger("call", given);

export function logAttempt(
  log: Logger,
  host: string,
  info: AttemptInfo,
  outcome: Outcome,
  redact: (text: string) => string,
): void {
  const parts = [`${info.product} ${info.action} ${host} attempt ${info.attempt}:`];
  if (info.statusCode !== undefined) parts.push(String(info.statusCode));
  if (info.errorCode !== undefined) parts.push(info.errorCode);
  if (info.requestId !== undefined) parts.push(`request ${info.requestId}`);
  parts.push(`${info.durationMs} ms`);
  const line = parts.join(" ");
  if (outcome.ok) log.debug(redact(line));
  else if (info.delayMs !== undefined)
    log.info(redact(`${line}; retrying in ${info.delayMs} ms (${info.errorCode})`));
  else log.warn(redact(`${line}; giving up: ${outcome.error.message}`));
}
