// `fake.handlers`: the fake as msw request handlers. msw is an optional peer: it is loaded
// on first use, synchronously (handlers are a plain array), from the user's installation.
import { createRequire } from "node:module";

/** The part of msw the handlers need. */
interface Msw {
  http: {
    all(
      predicate: (args: { request: Request }) => boolean,
      resolver: (args: { request: Request }) => Promise<Response>,
    ): unknown;
  };
}

let cached: Msw | undefined;

/** Resolves `msw` from this module (ESM) or, in a CJS bundle without import.meta.url, from the working directory. */
const nodeRequire = (id: string): unknown =>
  createRequire((import.meta as { url?: string }).url ?? `${process.cwd()}/`)(id);

/** Loads msw with `load` (default: Node's require), or explains how to get it. */
export function loadMsw(load: (id: string) => unknown = nodeRequire): Msw {
  if (cached && load === nodeRequire) return cached;
  let msw: Msw;
  try {
    msw = load("msw") as Msw;
  } catch (error) {
    throw new Error(
      "install msw to use fake.handlers (npm install --save-dev msw), or use fake.fetch / fake.listen() instead",
      { cause: error },
    );
  }
  if (load === nodeRequire) cached = msw;
  return msw;
}

/**
 * One msw handler answering every request to `https://*.aliyuncs.com/*` and to the extra
 * origins the fake was told about, through `handle`.
 */
export function mswHandlers(
  handle: (request: Request) => Promise<Response>,
  origins: () => string[],
): unknown[] {
  const { http } = loadMsw();
  const matches = ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    return /(^|\.)aliyuncs\.com$/.test(url.hostname) || origins().includes(url.origin);
  };
  return [http.all(matches, ({ request }) => handle(request))];
}
