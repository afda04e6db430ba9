// Sends a call, unsigned, to the SDK's signing proxy (`alicloud-eci/proxy`):
// POST {base}/{product}/{Action} with the nested input as JSON. No credentials here.
import { ConfigurationError } from "../base/errors.js";
import type { Transport, TransportConfig } from "./types.js";

export interface ProxyConfig extends TransportConfig {
  /** base URL of the proxy route, e.g. `/api/alicloud` */
  base: string;
  product: string;
  /** extra headers for the proxy (an app session token, a CSRF header) */
  headers?: Record<string, string>;
}

interface Prepared {
  url: string;
  body: string;
}

export function createProxyTransport(config: ProxyConfig): Transport<Prepared> {
  const base = `${config.base.replace(/\/+$/, "")}/${config.product}/`;
  const headers = {
    ...config.headers,
    accept: "application/json",
    "content-type": "application/json",
  };
  return {
    prepare: (action, input, _shape, extra) => {
      // the proxy signs only what its policy checked: wire parameters would pass unchecked
      if (extra)
        throw new ConfigurationError(
          `${action}: rawParameters are not sent through a signing proxy`,
        );
      return { url: base + action, body: JSON.stringify(input) };
    },
    request: ({ url, body }) => ({ url, method: "POST", headers, body }),
  };
}
