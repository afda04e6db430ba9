// Environment variables without a Node import: `process.env` where it exists (Node, Bun,
// Deno's Node mode), an empty set in browsers.

/** Environment variables as providers read them; pass your own to override `process.env`. */
export type EnvVars = Readonly<Record<string, string | undefined>>;

/** The given variables, else `process.env` at call time, else none (browsers). */
export function readEnv(env?: EnvVars): EnvVars {
  return env ?? globalThis.process?.env ?? {};
}

/** The first of `names` that is set to a non-empty value, with its name. */
export function pickEnv(
  env: EnvVars,
  names: readonly string[],
): [name: string, value: string] | undefined {
  for (const name of names) {
    const value = env[name];
    if (value) return [name, value];
  }
  return undefined;
}

/** True when the variable says `true` (any case), as the official SDKs read their switches. */
export const envFlag = (env: EnvVars, name: string): boolean =>
  env[name]?.trim().toLowerCase() === "true";

/** Profile name variables, most specific spelling first. */
export const PROFILE_VARS = [
  "ALIBABA_CLOUD_PROFILE",
  "ALIBABACLOUD_PROFILE",
  "ALICLOUD_PROFILE",
] as const;
