// What the v1 and V3 request signers share: their configuration, the header block every
// POP call carries, and the credentials-provider name.
import type { Credentials } from "../credentials/types.js";
import type { Params } from "../sign/flatten.js";
import type { OutgoingRequest } from "./types.js";

export interface RequestSignerConfig {
  /** `https://host/?` with the trailing `?`: the URL is this plus the query */
  base: string;
  host: string;
  version: string;
  userAgent: string;
  /** current time in ms, clock-skew correction included */
  now: () => number;
  nonce: () => string;
}

/** Builds the URL and headers of one signed attempt. */
export type RequestSigner = (
  action: string,
  params: Params,
  creds: Credentials,
) => OutgoingRequest | Promise<OutgoingRequest>;

export const providerName = (creds: Credentials) =>
  creds.providerName ?? (creds.securityToken ? "static_sts" : "static_ak");

/** The headers of every signed call, whatever the signature version. */
export const commonHeaders = (
  config: RequestSignerConfig,
  action: string,
  provider: string,
): Record<string, string> => ({
  accept: "application/json",
  "user-agent": config.userAgent,
  "x-acs-action": action,
  "x-acs-version": config.version,
  "x-acs-credentials-provider": provider,
});
