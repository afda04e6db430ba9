// What the SDK tells about itself: a `logger` option (any object with debug/info/warn/error,
// `console` works), or `DEBUG=alicloud-eci` in the `debug` package's syntax writing to
// stderr. Every line passes a redactor first, so no secret leaves through a log.
import { type EnvVars, readEnv } from "./env.js";

/** Where log lines go: `console`, pino, winston and most loggers fit. */
export interface Logger {
  /** an attempt that succeeded, a waiter poll, a credential source tried */
  debug(message: string): void;
  /** a retry and why */
  info(message: string): void;
  /** a call that gave up; an option that looks wrong (an unknown region id) */
  warn(message: string): void;
  /** not used by the SDK today; part of the shape every logger has */
  error(message: string): void;
}

/** The parts of the SDK that log; `DEBUG=alicloud-eci:call` enables one. */
export type LogTopic = "call" | "wait" | "credentials" | "config";

const PREFIX = "alicloud-eci";

/**
 * True when `DEBUG` enables `alicloud-eci:<topic>`: comma or space separated names, `*`
 * as a wildcard, `-name` to leave one out (the `debug` package's rules). `alicloud-eci`
 * alone enables every topic.
 */
export function debugEnabled(topic: LogTopic, env: EnvVars = readEnv()): boolean {
  const spec = env.DEBUG;
  if (!spec) return false;
  const name = `${PREFIX}:${topic}`;
  let enabled = false;
  for (const part of spec.split(/[\s,]+/)) {
    if (!part) continue;
    const skip = part.startsWith("-");
    const pattern = skip ? part.slice(1) : part;
    if (pattern !== PREFIX && !matches(pattern, name)) continue;
    if (skip) return false;
    enabled = true;
  }
  return enabled;
}

function matches(pattern: string, name: string): boolean {
  const source = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*?");
  return new RegExp(`^${source}$`).test(name);
}

/** Writes `alicloud-eci:<topic> <line>` to stderr, as `debug` does. */
function stderrLogger(topic: LogTopic): Logger {
  const write = (line: string) => {
    const stderr = globalThis.process?.stderr;
    if (stderr?.write) stderr.write(`${PREFIX}:${topic} ${line}\n`);
    else console.error(`${PREFIX}:${topic} ${line}`);
  };
  return { debug: write, info: write, warn: write, error: write };
}

/** A topic's log: the given logger, else stderr when DEBUG enables the topic, else none. */
export function topicLogger(
  topic: LogTopic,
  given: Logger | undefined,
  env?: EnvVars,
): Logger | undefined {
  if (given) return given;
  return debugEnabled(topic, env) ? stderrLogger(topic) : undefined;
}

/** The same logger with every line masked first. */
export function redactingLogger(logger: Logger, redact: (text: string) => string): Logger {
  return {
    debug: (line) => logger.debug(redact(line)),
    info: (line) => logger.info(redact(line)),
    warn: (line) => logger.warn(redact(line)),
    error: (line) => logger.error(redact(line)),
  };
}
