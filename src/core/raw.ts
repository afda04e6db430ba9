// `client.raw`: the openapi-fetch client, for code that prefers `{ data, error }` to
// exceptions. It is loaded on first use, so clients that only use the typed methods
// (and browser bundles) never carry it.
// imported statically, not lazily: this module is itself loaded on first use, and a second
// `import()` would make Vite load its preload helper on every page that carries `raw`
import type { Client as FetchClient } from "openapi-fetch";
import * as openapiFetch from "openapi-fetch";

/** The openapi-fetch side of a client: typed `POST("/Action", { body })` calls. */
export type RawClient<Paths extends object> = Pick<FetchClient<Paths>, "POST">;

/** The stand-in Request openapi-fetch builds: keeps the body as the object it is. */
class PopRequest {
  readonly method = "POST";
  readonly url: string;
  readonly body: unknown;
  readonly signal: AbortSignal | undefined;
  constructor(url: string, init: { body?: unknown; signal?: AbortSignal | null }) {
    this.url = url;
    this.body = init.body;
    this.signal = init.signal ?? undefined;
  }
}

const BASE = "pop:";

/**
 * An openapi-fetch client whose fetch runs `send(action, input, signal)`: the same
 * validation, ClientToken, signing and retries as the methods, answering with the
 * upstream Response (openapi-fetch turns it into `{ data, error, response }`).
 */
export function createRawClient<Paths extends object>(
  send: (action: string, input: object, signal: AbortSignal | undefined) => Promise<Response>,
): RawClient<Paths> {
  // openapi-fetch's CJS build sets `exports.default` without `__esModule`: under Node's
  // CJS interop the default import is the module object (the "is not a function" trap)
  const exported = openapiFetch.default as unknown as
    | FetchClientFactory
    | { default: FetchClientFactory };
  const create = typeof exported === "function" ? exported : exported.default;
  return create<Paths>({
    baseUrl: BASE,
    Request: PopRequest as unknown as typeof Request,
    bodySerializer: (body: unknown) => body,
    fetch: ((request: PopRequest) =>
      send(
        request.url.slice(BASE.length + 1),
        (request.body ?? {}) as object,
        request.signal,
      )) as unknown as typeof fetch,
  });
}

type FetchClientFactory = <Paths extends object>(options: object) => FetchClient<Paths>;
