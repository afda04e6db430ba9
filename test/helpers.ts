// Shared test helpers: a scripted fetch that records what the SDK sends.
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
