// Cross-site requests stop here, before authorize: a page on another site can make a
// browser POST with the user's cookies (a form, or fetch in no-cors mode, both with a
// text/plain or form body and no preflight). Browsers name the page's origin in `Origin`
// and cannot forge it, and a JSON content type forces a preflight that cors.ts refuses.
import { type Failure, fail } from "./answer.js";
import { type CorsOptions, corsHeaders } from "./cors.js";

/** A 403 for an `Origin` that is neither the proxy's own nor an allowed CORS origin. */
export function foreignOrigin(
  cors: CorsOptions | undefined,
  request: Request,
): Failure | undefined {
  const origin = request.headers.get("origin");
  if (origin === null || origin === new URL(request.url).origin) return undefined;
  if (corsHeaders(cors, request)) return undefined;
  return fail(403, "Forbidden.Origin", "this proxy does not accept requests from that origin");
}

/**
 * `json` for `application/json` (a charset, if named, must be UTF-8); `none` for no
 * content type at all, which the caller accepts only with an empty body; else a 415.
 */
export function mediaType(request: Request): "json" | "none" | Failure {
  const header = request.headers.get("content-type");
  if (header === null) return "none";
  const [type = "", ...params] = header.toLowerCase().split(";");
  const charset = params
    .map((param) => param.trim())
    .find((param) => param.startsWith("charset="))
    ?.slice("charset=".length)
    .replace(/^"(.*)"$/, "$1");
  const utf8 = charset === undefined || charset === "utf-8" || charset === "utf8";
  return type.trim() === "application/json" && utf8 ? "json" : unsupported();
}

export const unsupported = () =>
  fail(
    415,
    "UnsupportedMediaType",
    "send the input as a JSON object with content-type application/json",
  );
