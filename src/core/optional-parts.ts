// What both kinds of call target (target.ts, proxy-target.ts) load only for the clients
// that use it: the attempt log, the hooks and the region check.
import { readEnv } from "../base/env.js";
import type { CallTarget } from "./call.js";
import type { ClientOptions } from "./options.js";

/**
 * The attempt log and the hooks, loaded only for clients that use them (a `logger`, DEBUG
 * set, `middleware`): the others' bundles carry neither.
 */
export async function optionalParts(
  options: ClientOptions,
): Promise<Pick<CallTarget, "log" | "hooks">> {
  const [log, hooks] = await Promise.all([
    options.logger || readEnv().DEBUG
      ? import("./log-attempt.js").then((m) => {
          const logger = m.callLogger(options.logger);
          return logger ? { logger, line: m.logAttempt } : undefined;
        })
      : undefined,
    options.middleware?.length ? import("./hooks.js") : undefined,
  ]);
  return { ...(log ? { log } : {}), ...(hooks ? { hooks } : {}) };
}

/** Warns, on the `config` topic, about a region id no table knows (only when something logs). */
export async function checkRegion(options: ClientOptions, host: string): Promise<void> {
  if (!options.logger && !readEnv().DEBUG) return;
  const [{ topicLogger }, { warnUnknownRegion }] = await Promise.all([
    import("../base/logger.js"),
    import("./region-warning.js"),
  ]);
  const log = topicLogger("config", options.logger);
  if (log) warnUnknownRegion(options.regionId, host, log);
}
