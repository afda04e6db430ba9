// A fake instance metadata service as an injectable fetch: hardened-mode tokens, IMDSv1,
// 404 for absent items, and the failure modes of a machine that is not on Alibaba Cloud.
import type { FetchLike } from "../../src/transport/types.js";

export interface SeenRequest {
  method: string;
  /** path after the endpoint, e.g. `/latest/meta-data/eipv4` */
  path: string;
  headers: Headers;
}

export interface FakeImdsOptions {
  /** items under /latest/meta-data/, by relative path */
  items?: Record<string, string>;
  /** `issue`: PUT /latest/api/token answers a token; a number: that HTTP status instead */
  token?: "issue" | number;
  /** reads without a valid token are refused with 401 (hardened mode enforced) */
  requireToken?: boolean;
  /** every request fails like an unroutable address */
  unreachable?: boolean;
  /** every request hangs until its signal aborts */
  hang?: boolean;
}

export const ROLE = "EciRole";
export const ROLE_SECRET = "role-secret-never-shown";
export const ROLE_TOKEN = "CAISrole-token-never-shown";

/** A valid credentials document of the fake role. */
export function roleDocument(expiration: Date, overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    AccessKeyId: "STS.role-key-id",
    AccessKeySecret: ROLE_SECRET,
    SecurityToken: ROLE_TOKEN,
    Expiration: `${expiration.toISOString().slice(0, 19)}Z`,
    LastUpdated: "2026-01-01T00:00:00Z",
    Code: "Success",
    ...overrides,
  });
}

export function fakeImds(options: FakeImdsOptions = {}) {
  const items = new Map(Object.entries(options.items ?? {}));
  const requests: SeenRequest[] = [];
  const issued = new Set<string>();
  const state = { token: options.token ?? "issue", count: 0 };

  const fetch: FetchLike = async (url, init) => {
    const { pathname } = new URL(url);
    const method = init.method ?? "GET";
    const headers = new Headers(init.headers);
    requests.push({ method, path: pathname, headers });
    if (options.hang) {
      return new Promise<Response>((_, reject) => {
        init.signal?.addEventListener("abort", () => reject(init.signal?.reason), { once: true });
      });
    }
    if (options.unreachable) {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("connect EHOSTUNREACH"), { code: "EHOSTUNREACH" }),
      });
    }
    if (pathname === "/latest/api/token") {
      if (method !== "PUT") return new Response("method not allowed", { status: 405 });
      if (state.token !== "issue") return new Response("no", { status: state.token });
      if (headers.get("x-aliyun-ecs-metadata-token-ttl-seconds") !== "21600")
        return new Response("bad ttl", { status: 400 });
      const token = `token-${++state.count}`;
      issued.add(token);
      return new Response(token);
    }
    const sent = headers.get("x-aliyun-ecs-metadata-token");
    if ((sent !== null && !issued.has(sent)) || (options.requireToken && sent === null)) {
      return new Response("unauthorized", { status: 401 });
    }
    const item = pathname.replace(/^\/latest\/meta-data\//, "");
    const body = items.get(decodeURIComponent(item));
    return body === undefined ? new Response("Not Found", { status: 404 }) : new Response(body);
  };

  return {
    fetch,
    requests,
    /** GET requests, as item paths */
    reads: () =>
      requests
        .filter((r) => r.method === "GET")
        .map((r) => decodeURIComponent(r.path.replace("/latest/meta-data/", ""))),
    tokenRequests: () => requests.filter((r) => r.path === "/latest/api/token").length,
    set: (item: string, body: string) => items.set(item, body),
    remove: (item: string) => items.delete(item),
    /** forget every issued token (the service restarted) */
    revokeTokens: () => issued.clear(),
    setTokenStatus: (token: "issue" | number) => {
      state.token = token;
    },
  };
}
