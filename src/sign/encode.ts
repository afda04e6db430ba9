const UNRESERVED = /^[A-Za-z0-9\-_.~]*$/;
const SUB_DELIMS = /[!'()*]/g;
const hex = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;

/**
 * Percent-encodes as POP signs: UTF-8, every byte but `A-Z a-z 0-9 - _ . ~`,
 * upper-case hex, space as `%20` (never `+`).
 */
export function percentEncode(value: string): string {
  if (UNRESERVED.test(value)) return value;
  return encodeURIComponent(value).replace(SUB_DELIMS, hex);
}

/** `name=value&...` with names and values percent-encoded: a query string as POP canonicalises it. */
export function encodeQuery(params: readonly (readonly [string, string])[]): string {
  let out = "";
  for (const [name, value] of params)
    out += `${out ? "&" : ""}${percentEncode(name)}=${percentEncode(value)}`;
  return out;
}
