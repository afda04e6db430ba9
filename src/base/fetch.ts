/**
 * The part of `fetch` the SDK uses: a URL string and an init, answering a `Response`.
 * The global `fetch` is one.
 *
 * @inline
 */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;
