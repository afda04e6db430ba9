// A Sender over any `fetch` (the global one in browsers and Workers, or the `fetch`
// client option): one AbortController per attempt carries the timeout and the signal.

import type { Answer, FetchLike, Sender } from "./types.js";

export function fetchSender(fetch: FetchLike): Sender {
  return async (request, timeoutMs, signal) => {
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    if (signal?.aborted) onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    const timer = setTimeout(() => controller.abort(timedOut()), timeoutMs);
    try {
      const { url, method, headers, body } = request;
      const response = await fetch(url, { method, headers, body, signal: controller.signal });
      const text = await response.text();
      return answerOf(response, text);
    } catch (error) {
      throw controller.signal.aborted ? controller.signal.reason : error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  };
}

const answerOf = (response: Response, text: string): Answer => ({
  status: response.status,
  header: (name) => response.headers.get(name) ?? undefined,
  headers: () => [...response.headers],
  text,
});

/** What a Sender rejects with when `timeoutMs` passes first (marked, so the call path knows it). */
const timedOut = () => Object.assign(new Error("attempt timed out"), { timedOut: true });
