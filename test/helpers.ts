// Shared test helpers: a scripted fetch that records what the SDK sends.
import { vi } from "vitest";
export const KEYS = {
  accessKeyId: "LTAI5tTestKeyId",
  accessKeySecret: "s3cr3t-Secret-Value/+=",
} as const;
export const STS = { ...KEYS, securityToken: "CAIS.sts-token+with/specials=&" } as const;

export interface Sent {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string;
  /** query parameters, decoded */
  params: Record<string, string>;
}

export type Reply =
  | Response
  | Error
  | ((sent: Sent, signal?: AbortSignal) => Response | Error | Promise<Response | Error>);

/** A fetch that answers from a script (one reply per call; the last repeats) and records calls. */
export function scriptedFetch(...replies: Reply[]) {
  const sent: Sent[] = [];
  const fetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input);
    const record: Sent = {
      url,
      method: init.method ?? "GET",
      headers: Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>)),
      body: typeof init.body === "string" ? init.body : "",
      params: Object.fromEntries(url.searchParams),
    };
    sent.push(record);
    const reply = replies[Math.min(sent.length - 1, replies.length - 1)];
    const value =
      typeof reply === "function" ? await reply(record, init.signal ?? undefined) : reply;
    if (value instanceof Error) throw value;
    return (value as Response).clone();
  };
  return { fetch, sent };
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });

export const popErrorBody = (
  code: string,
  message = `${code} happened`,
  extra: Record<string, unknown> = {},
) => ({
  RequestId: "7A4A78A8-FEA6-57F0-9ABC-F34866CA740C",
  HostId: "eci.cn-hangzhou.aliyuncs.com",
  Code: code,
  Message: message,
  Recommend: `https://api.aliyun.com/troubleshoot?q=${code}`,
  ...extra,
});

/** A network failure as undici reports it. */
export const netError = (code: string) =>
  Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error(code), { code }) });

/** A reply that never comes: resolves only when the request is aborted. */
export const hang = (_sent: Sent, signal?: AbortSignal) =>
  new Promise<Error>((resolve) => {
    signal?.addEventListener("abort", () => resolve(signal.reason ?? new Error("aborted")), {
      once: true,
    });
  });

/** Where a promise stands, readable at any moment without awaiting it (for fake-timer tests). */
export function track<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

/**
 * vitest's fake timers, `AbortSignal.timeout` included: Node's own does not go through
 * `setTimeout`, so fake timers alone would leave it on the wall clock. Undo with
 * `vi.useRealTimers()` and `vi.restoreAllMocks()`.
 */
export function useFakeTimeouts(): void {
  vi.useFakeTimers({
    toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
  });
  vi.spyOn(AbortSignal, "timeout").mockImplementation((ms) => {
    const controller = new AbortController();
    setTimeout(
      () => controller.abort(new DOMException("The operation timed out.", "TimeoutError")),
      ms,
    );
    return controller.signal;
  });
}
