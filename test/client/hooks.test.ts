// Middleware in openapi-fetch's shape on the signed path and through the proxy: headers
// can be added, every answer and failure is seen, and hooks never see credentials.
import { describe, expect, it } from "vitest";
import {
  ConfigurationError,
  ConnectionError,
  createEciClient,
  type Middleware,
} from "../../src/index.js";
import { createFakeCloud } from "../../src/testing.js";
import { json, KEYS, popErrorBody, STS, scriptedFetch } from "../helpers.js";
import { leaks } from "../security/scan.js";

const group = { ContainerGroupName: "web", Container: [{ Name: "web", Image: "nginx:1.25" }] };

describe("hooks", () => {
  it("onRequest adds a header that goes on the wire; the fake still accepts the signature", async () => {
    const fake = createFakeCloud();
    const seen: string[] = [];
    const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    const eci = createEciClient({
      regionId: "cn-hangzhou",
      ...fake.clientOptions(),
      middleware: [
        {
          onRequest({ request }) {
            const traced = new Request(request);
            traced.headers.set("traceparent", traceparent);
            return traced;
          },
        },
        { onRequest: ({ request }) => void seen.push(request.headers.get("traceparent") ?? "") },
      ],
    });
    const { ContainerGroupId } = await eci.createContainerGroup(group);
    expect(ContainerGroupId).toMatch(/^eci-/);
    expect(seen).toEqual([traceparent]);
  });

  it("hooks see the request with the signature, token and AccessKeyId masked (V3 and v1)", async () => {
    const shown: string[] = [];
    const spy: Middleware = {
      onRequest: ({ request }) =>
        void shown.push(`${request.url} ${JSON.stringify([...request.headers])}`),
    };
    for (const signatureVersion of ["v3", "v1"] as const) {
      const { fetch, sent } = scriptedFetch(json({ RequestId: "r" }));
      const eci = createEciClient({
        regionId: "cn-hangzhou",
        credentials: STS,
        fetch,
        signatureVersion,
        middleware: [spy],
      });
      await eci.describeContainerGroups({});
      expect(sent[0]?.headers.authorization ?? sent[0]?.params.Signature).toBeTruthy();
    }
    const text = shown.join("\n");
    expect(leaks(text, STS.accessKeySecret, STS.securityToken, STS.accessKeyId)).toEqual([]);
    expect(text).toContain('["authorization","***"]');
    expect(text).toContain("Signature=***");
  });

  it("onResponse sees every answer with its request id and whether a retry follows; one id per call", async () => {
    const { fetch } = scriptedFetch(
      json(popErrorBody("ServiceUnavailable"), 503),
      json({ RequestId: "r-2" }),
    );
    const events: string[] = [];
    const eci = createEciClient({
      regionId: "cn-hangzhou",
      credentials: KEYS,
      fetch,
      random: () => 0,
      middleware: [
        {
          onResponse: ({ id, attempt, response, requestId, willRetry }) =>
            void events.push(
              `${id.length} ${attempt} ${response.status} ${requestId} ${willRetry}`,
            ),
        },
      ],
    });
    await eci.describeContainerGroups({});
    expect(events).toEqual([
      "36 1 503 7A4A78A8-FEA6-57F0-9ABC-F34866CA740C true",
      "36 2 200 r-2 false",
    ]);
  });

  it("onError sees a connection failure", async () => {
    const { fetch } = scriptedFetch(
      Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } }),
    );
    const errors: string[] = [];
    const eci = createEciClient({
      regionId: "cn-hangzhou",
      credentials: KEYS,
      fetch,
      retry: false,
      middleware: [
        { onError: ({ error, willRetry }) => void errors.push(`${error.name} ${willRetry}`) },
      ],
    });
    await expect(eci.describeContainerGroups({})).rejects.toBeInstanceOf(ConnectionError);
    expect(errors).toEqual(["ConnectionError false"]);
  });

  it("a hook that changes the signed URL is refused before sending", async () => {
    const { fetch, sent } = scriptedFetch(json({ RequestId: "r" }));
    const eci = createEciClient({
      regionId: "cn-hangzhou",
      credentials: KEYS,
      fetch,
      middleware: [{ onRequest: ({ request }) => new Request(`${request.url}&Extra=1`, request) }],
    });
    await expect(eci.describeContainerGroups({})).rejects.toBeInstanceOf(ConfigurationError);
    expect(sent).toHaveLength(0);
  });

  it("run in proxy mode too", async () => {
    const { fetch, sent } = scriptedFetch(json({ RequestId: "p-1" }));
    const ids: string[] = [];
    const eci = createEciClient({
      regionId: "cn-hangzhou",
      proxy: "https://app.example/api",
      fetch,
      middleware: [
        {
          onRequest({ request }) {
            const next = new Request(request);
            next.headers.set("x-trace", "t-1");
            return next;
          },
          onResponse: ({ requestId }) => void ids.push(requestId ?? ""),
        },
      ],
    });
    await eci.describeContainerGroups({});
    expect(sent[0]?.headers["x-trace"]).toBe("t-1");
    expect(ids).toEqual(["p-1"]);
  });
});
