// Issue 14: one sweep over every error surface a caller can see (messages, String, JSON,
// inspect, causes, attempt events, raw answers), with STS credentials, v1 and V3, for the
// secret, the token and the signature in every encoding the redactor knows.
import { describe, expect, it } from "vitest";
import { type AttemptInfo, createEciClient } from "../../src/index.js";
import { json, type Sent, STS, scriptedFetch } from "../helpers.js";
import { leaks, surfaces } from "./scan.js";

/** Answers that echo the request back in every way a server or an intermediary might. */
const ECHOES: Record<string, (sent: Sent) => Response | Error> = {
  "JSON error echoing the URL": (sent) =>
    json({ Code: "SignatureDoesNotMatch", Message: `string to sign: ${sent.url.href}` }, 400),
  "JSON error echoing it URL-encoded, in Recommend": (sent) =>
    json(
      { Code: "InvalidParameter", Message: "bad", Recommend: encodeURIComponent(sent.url.href) },
      400,
    ),
  "HTML page echoing it in base64": (sent) =>
    new Response(`<p>${btoa(sent.url.href)}</p><p>${JSON.stringify(sent.headers)}</p>`, {
      status: 502,
    }),
  "5xx echoing the headers": (sent) =>
    json({ Code: "InternalError", Message: JSON.stringify(sent.headers) }, 500),
  "throttling echoing the token header": (sent) =>
    json({ Code: "Throttling.User", Message: String(sent.headers["x-acs-security-token"]) }, 400),
  "fetch error quoting the URL": (sent) => new TypeError(`request to ${sent.url.href} failed`),
  "fetch error whose cause quotes it": (sent) =>
    Object.assign(new TypeError("fetch failed"), { cause: new Error(`connect ${sent.url.href}`) }),
};

describe.each(["v3", "v1"] as const)("every error surface, %s signatures", (signatureVersion) => {
  it.each(Object.keys(ECHOES))(
    "%s: nothing secret in the error, its forms or the attempt events",
    async (name) => {
      const reply = ECHOES[name] as (sent: Sent) => Response | Error;
      const signatures: string[] = [];
      const { fetch } = scriptedFetch((sent) => {
        const v3 = /Signature=([0-9a-f]+)/.exec(sent.headers.authorization ?? "")?.[1];
        signatures.push(v3 ?? sent.params.Signature ?? "");
        return reply(sent);
      });
      const attempts: AttemptInfo[] = [];
      const eci = createEciClient({
        regionId: "cn-hangzhou",
        credentials: STS,
        signatureVersion,
        fetch,
        random: () => 0,
        onAttempt: (info) => attempts.push(info),
      });
      const error = await eci.describeRegions({}).catch((e: unknown) => e);
      const raw = await eci.raw.POST("/DescribeRegions", { body: {} }).catch((e: unknown) => e);
      const rawText = raw instanceof Error ? surfaces(raw) : JSON.stringify(raw);
      const seen = [surfaces(error), JSON.stringify(attempts), rawText].join("\n");
      expect(leaks(seen, STS.accessKeySecret, STS.securityToken, ...signatures)).toEqual([]);
    },
  );
});
