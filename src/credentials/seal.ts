// Credentials objects stay plain (spreadable, comparable) but print without their secrets:
// JSON.stringify and util.inspect / console.log show `***` instead.
import type { Credentials } from "./types.js";

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/** A frozen copy of `credentials` whose JSON and inspect output hide the secret and token. */
export function sealCredentials(credentials: Credentials): Credentials {
  const { accessKeyId, accessKeySecret, securityToken, expiration, providerName } = credentials;
  const sealed: Credentials = {
    accessKeyId,
    accessKeySecret,
    ...(securityToken ? { securityToken } : {}),
    ...(expiration ? { expiration } : {}),
    ...(providerName ? { providerName } : {}),
  };
  const shown = () => ({
    ...sealed,
    accessKeySecret: "***",
    ...(securityToken ? { securityToken: "***" } : {}),
  });
  Object.defineProperty(sealed, "toJSON", { value: shown });
  Object.defineProperty(sealed, INSPECT, { value: shown });
  return Object.freeze(sealed);
}
