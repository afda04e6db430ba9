// A proxy over a scripted upstream, recording its audit events, and a way to call it.
import { type AuditEvent, createProxyHandler, type ProxyOptions } from "../../src/proxy.js";
import { json, KEYS, scriptedFetch } from "../helpers.js";

export const SESSION = "session-123";
export const BASE = "https://console.example/api/alicloud";

export function proxy(
  overrides: Partial<ProxyOptions> = {},
  ...replies: Parameters<typeof scriptedFetch>
) {
  const upstream = scriptedFetch(
    ...(replies.length
      ? replies
      : [json({ RequestId: "up-1", ContainerGroups: [], TotalCount: 0 })]),
  );
  const audit: AuditEvent[] = [];
  const handler = createProxyHandler({
    credentials: KEYS,
    allow: [
      "eci/DescribeContainerGroups",
      "eci/CreateImageCache",
      "eci/DescribeImageCaches",
      "vpc/*",
    ],
    authorize: (request) =>
      request.headers.get("x-session") === SESSION ? { principal: "alice" } : false,
    regions: ["cn-hangzhou"],
    fetch: upstream.fetch,
    onAudit: (e) => audit.push(e),
    ...overrides,
  });
  const call = (
    path: string,
    body: unknown,
    headers: Record<string, string> = { "x-session": SESSION },
  ) =>
    handler(
      new Request(`${BASE}/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    );
  return { handler, call, upstream, audit };
}
