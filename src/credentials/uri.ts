// Temporary credentials from a local endpoint (ALIBABA_CLOUD_CREDENTIALS_URI), the way a
// sidecar or an agent hands them to a process: GET, and a JSON answer with AccessKeyId,
// AccessKeySecret, SecurityToken and Expiration.
import { readEnv } from "../base/env.js";
import { createRedactor } from "../base/redact.js";
import { type CacheOptions, cachedCredentials } from "./cache.js";
import { CredentialsError } from "./errors.js";
import { fetchOf, fetchText } from "./http.js";
import { sealCredentials } from "./seal.js";
import type { StsOptions } from "./sts-endpoint.js";
import type { CredentialsProvider } from "./types.js";

const PROVIDER = "credential_uri";

/** Options of {@link uriCredentials}. */
export interface UriCredentialsOptions
  extends Pick<StsOptions, "fetch" | "timeoutMs" | "env">,
    CacheOptions {
  /** the endpoint (default `ALIBABA_CLOUD_CREDENTIALS_URI`, read at every refresh) */
  uri?: string;
}

/**
 * Credentials from `GET <uri>`, cached with {@link cachedCredentials}. The answer must be
 * HTTP 200 with `AccessKeyId`, `AccessKeySecret` and `SecurityToken`, and `Expiration` to be
 * cached until then (and, if it has one, `Code: "Success"`). `providerName` is `credential_uri`. Errors name the
 * endpoint by its origin only: a path or query may hold a secret.
 * @throws CredentialsError when the variable is unset, the endpoint fails or its answer is not credentials
 */
export function uriCredentials(options: UriCredentialsOptions = {}): CredentialsProvider {
  return cachedCredentials(
    async () => {
      const given = options.uri || readEnv(options.env).ALIBABA_CLOUD_CREDENTIALS_URI;
      if (!given)
        throw new CredentialsError(PROVIDER, "ALIBABA_CLOUD_CREDENTIALS_URI (uri) not set");
      let url: URL;
      try {
        url = new URL(given);
        if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("scheme");
      } catch {
        throw new CredentialsError(PROVIDER, "ALIBABA_CLOUD_CREDENTIALS_URI is not an http(s) URL");
      }
      const where = `the credentials URI ${url.origin}`;
      // a failed connection's message may quote the URL, whose path or query may be a secret
      const redactor = createRedactor();
      redactor.learn(url.href, url.pathname, url.search.slice(1));
      const answer = await fetchText(
        fetchOf(options.fetch),
        url.href,
        { method: "GET", headers: { accept: "application/json" } },
        options.timeoutMs ?? 10_000,
        PROVIDER,
        { what: where, redact: redactor.redact },
      );
      const fail = (why: string) => new CredentialsError(PROVIDER, `${where} ${why}`);
      // the body is never quoted: it may hold the secret
      if (answer.status !== 200) throw fail(`answered HTTP ${answer.status}`);
      let doc: Record<string, unknown>;
      try {
        doc = JSON.parse(answer.text) ?? {};
      } catch {
        throw fail("answered a body that is not JSON");
      }
      if (doc.Code !== undefined && doc.Code !== "Success")
        throw fail(`answered Code ${JSON.stringify(String(doc.Code).slice(0, 64))}`);
      const field = (name: string) => (typeof doc[name] === "string" ? (doc[name] as string) : "");
      const missing = ["AccessKeyId", "AccessKeySecret", "SecurityToken"].filter(
        (name) => !field(name),
      );
      if (missing.length) throw fail(`answered without ${missing.join(", ")}`);
      const expiration = field("Expiration") ? new Date(field("Expiration")) : undefined;
      if (expiration && Number.isNaN(expiration.getTime()))
        throw fail("answered an Expiration that is not a date");
      return sealCredentials({
        accessKeyId: field("AccessKeyId"),
        accessKeySecret: field("AccessKeySecret"),
        securityToken: field("SecurityToken"),
        ...(expiration ? { expiration } : {}),
        providerName: PROVIDER,
      });
      // without an Expiration (the official provider allows it) the endpoint is asked each call
    },
    { ...options, keepWithoutExpiration: false },
  );
}
