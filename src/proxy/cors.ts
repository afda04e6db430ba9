/** Which browser origins may call the proxy. */
export interface CorsOptions {
  /** allowed origins: exact strings, or a predicate */
  origin: string | readonly string[] | ((origin: string) => boolean);
  /** let the browser send cookies (`Access-Control-Allow-Credentials`) */
  credentials?: boolean;
  /** request headers the page may send besides content-type (e.g. a CSRF header) */
  allowHeaders?: readonly string[];
  /** how long a preflight answer may be cached, in seconds (default 600) */
  maxAgeSeconds?: number;
}

function allowed(cors: CorsOptions, origin: string): boolean {
  if (typeof cors.origin === "function") return cors.origin(origin);
  return typeof cors.origin === "string" ? cors.origin === origin : cors.origin.includes(origin);
}

/** CORS response headers for a request, or undefined when its origin is not allowed. */
export function corsHeaders(
  cors: CorsOptions | undefined,
  request: Request,
): Record<string, string> | undefined {
  const origin = request.headers.get("origin");
  if (!cors || !origin || !allowed(cors, origin)) return undefined;
  const headers: Record<string, string> = { "access-control-allow-origin": origin, vary: "Origin" };
  if (cors.credentials) headers["access-control-allow-credentials"] = "true";
  return headers;
}

/** The answer to an `OPTIONS` preflight. */
export function preflight(cors: CorsOptions | undefined, request: Request): Response {
  const headers = corsHeaders(cors, request);
  if (!headers) return new Response(null, { status: 403 });
  return new Response(null, {
    status: 204,
    headers: {
      ...headers,
      "access-control-allow-methods": "POST",
      "access-control-allow-headers": ["content-type", ...(cors?.allowHeaders ?? [])].join(", "),
      "access-control-max-age": String(cors?.maxAgeSeconds ?? 600),
    },
  });
}
