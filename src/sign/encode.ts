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
