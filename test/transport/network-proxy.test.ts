// Issue 18: calls go out through a real HTTP proxy (Debian's tinyproxy, test/support/
// tinyproxy.ts) named by the environment or the httpProxy option: https targets in a
// CONNECT tunnel with TLS checked against the target, http targets in absolute form.
// tinyproxy's log is the proof that a call went through it, or did not.
import http from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ramRoleCredentials } from "../../src/credentials.js";
import { ConnectionError, createEciClient } from "../../src/index.js";
import { createMetadataClient } from "../../src/metadata.js";
import { createNodeHttpFetch } from "../../src/node.js";
import { KEYS } from "../helpers.js";
import { ROLE, roleDocument } from "../metadata/fake-imds.js";
import { leaks, surfaces } from "../security/scan.js";
import { type PopServer, startPopServer } from "../support/servers.js";
import { startTinyproxy, type Tinyproxy } from "../support/tinyproxy.js";
import { type TestCertificate, testCertificate } from "../support/tls.js";

const regionId = "cn-hangzhou";
/** the password the auth proxy wants, and a wrong one: neither may appear in an error */
const PASSWORD = "s3cret.Pr0xy-Passw0rd"; // tinyproxy takes letters, digits, . _ - only
const WRONG = "wr0ng-Pr0xy-Passw0rd";

let certificate: TestCertificate;
let tlsServer: PopServer;
let httpServer: PopServer;
let proxy: Tinyproxy;
let authProxy: Tinyproxy;

beforeAll(async () => {
  certificate = testCertificate();
  [tlsServer, httpServer, proxy, authProxy] = await Promise.all([
    startPopServer(certificate),
    startPopServer(),
    startTinyproxy(),
    startTinyproxy({ auth: { user: "user", password: PASSWORD } }),
  ]);
});

afterAll(async () => {
  await Promise.all([tlsServer?.close(), httpServer?.close(), proxy?.stop(), authProxy?.stop()]);
});

afterEach(() => {
  vi.unstubAllEnvs();
});

/** An ECI client for `endpoint` that trusts the test certificate and sends each call once. */
const eci = (endpoint: string, options: Record<string, unknown> = {}) =>
  createEciClient({
    regionId,
    endpoint,
    credentials: KEYS,
    extraCaCerts: certificate.cert,
    retry: false,
    ...options,
  });

/** A call's error (the call must fail). */
async function failure(call: Promise<unknown>): Promise<ConnectionError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "the call should have failed").toBeInstanceOf(ConnectionError);
  return error as ConnectionError;
}

/**
 * What the proxy logged since `since`, once it has logged a request it is sure to get: a
 * call that should not have reached it would be in the log by then.
 */
async function loggedSince(through: Tinyproxy, since: number): Promise<string[]> {
  const tag = `barrier-${crypto.randomUUID()}`;
  const fetch = createNodeHttpFetch({ httpProxy: through.url });
  await (await fetch(`${httpServer.origin}/${tag}`, {})).text();
  await through.seen(new RegExp(tag));
  return through
    .requests()
    .slice(since)
    .filter((line) => !line.includes(tag));
}

describe("from the environment (HTTPS_PROXY, HTTP_PROXY)", () => {
  it("an https call goes through a CONNECT tunnel, and the tunnel is kept for the next call", async () => {
    vi.stubEnv("HTTPS_PROXY", proxy.url);
    const client = eci(tlsServer.origin);
    const sessions = tlsServer.connections;
    const tunnels = proxy.requests().length;

    expect(await client.describeRegions({})).toMatchObject({ RequestId: "x" });
    expect(await proxy.seen(/^CONNECT /)).toBe(`CONNECT 127.0.0.1:${tlsServer.port}`);
    expect(await client.describeContainerGroups({ RegionId: regionId })).toMatchObject({
      RequestId: "x",
    });
    // two calls, one tunnel and one TLS session: the pool keeps tunnels alive like sockets
    expect(proxy.requests().slice(tunnels)).toEqual([`CONNECT 127.0.0.1:${tlsServer.port}`]);
    expect(tlsServer.connections - sessions).toBe(1);
    expect(tlsServer.requests.at(-1)?.url).toMatch(/^\/\?/);
  });

  it("TLS runs to the target inside the tunnel: its certificate is checked, SNI names it", async () => {
    vi.stubEnv("https_proxy", proxy.url);
    const untrusting = eci(tlsServer.origin, { extraCaCerts: undefined });
    const error = await failure(untrusting.describeRegions({}));
    // the target's certificate failed the check, not the proxy
    expect(error.message).toMatch(
      new RegExp(
        `^DescribeRegions: 127\\.0\\.0\\.1:${tlsServer.port}: connection failed: .*SELF_SIGNED`,
      ),
    );
    expect(error.host).toBe(`127.0.0.1:${tlsServer.port}`);
    expect(error.notSent).toBe(true); // the handshake failed: the request was never written

    const fetch = createNodeHttpFetch({ extraCaCerts: certificate.cert });
    const answer = await fetch(`https://localhost:${tlsServer.port}/sni`, {});
    expect(await answer.json()).toEqual({ RequestId: "x" });
    expect(await proxy.seen(/^CONNECT localhost:/)).toBe(`CONNECT localhost:${tlsServer.port}`);
    expect(tlsServer.servernames.at(-1)).toBe("localhost");
  });

  it("an http call goes to the proxy in absolute form", async () => {
    vi.stubEnv("HTTP_PROXY", proxy.url);
    const client = eci(httpServer.origin);
    expect(await client.describeRegions({})).toMatchObject({ RequestId: "x" });
    const line = await proxy.seen(/^POST http:/);
    expect(line).toMatch(new RegExp(`^POST http://127\\.0\\.0\\.1:${httpServer.port}/\\?`));
    // the target got it from tinyproxy, which says so in Via
    expect(httpServer.requests.at(-1)?.headers.via).toMatch(/tinyproxy/);
  });

  it("NO_PROXY sends listed hosts direct: the proxy sees nothing of them", async () => {
    vi.stubEnv("HTTPS_PROXY", proxy.url);
    vi.stubEnv("HTTP_PROXY", proxy.url);
    // a host:port entry: the https server is listed, the http server (same IP) is not
    vi.stubEnv("NO_PROXY", `internal.example, 127.0.0.1:${tlsServer.port}`);
    const before = proxy.requests().length;
    const sessions = tlsServer.connections;
    expect(await eci(tlsServer.origin).describeRegions({})).toMatchObject({ RequestId: "x" });
    expect(tlsServer.connections - sessions).toBe(1); // a fresh, direct connection
    expect(await eci(httpServer.origin).describeRegions({})).toMatchObject({ RequestId: "x" });
    await proxy.seen(new RegExp(`^POST http://127\\.0\\.0\\.1:${httpServer.port}/`));
    expect(proxy.requests().slice(before)).toEqual([
      expect.stringMatching(new RegExp(`^POST http://127\\.0\\.0\\.1:${httpServer.port}/`)),
    ]);
  });

  it("a proxy that cannot be reached is named, not the target", async () => {
    vi.stubEnv("HTTPS_PROXY", "http://127.0.0.1:9"); // nothing listens on the discard port
    const error = await failure(eci(tlsServer.origin).describeRegions({}));
    expect(error.message).toBe(
      "DescribeRegions: 127.0.0.1:9: cannot connect to the proxy: ECONNREFUSED",
    );
    expect(error).toMatchObject({ host: "127.0.0.1:9", notSent: true });
  });

  it("a proxy variable that is not a URL this SDK can use fails the call, naming the variable", async () => {
    vi.stubEnv("https_proxy", `socks5://user:${PASSWORD}@127.0.0.1:1080`);
    const error = await failure(eci(tlsServer.origin).describeRegions({}));
    expect(error.message).toMatch(
      /^DescribeRegions: 127\.0\.0\.1:\d+: https_proxy is not a proxy URL/,
    );
    expect(leaks(surfaces(error), PASSWORD)).toEqual([]);
  });
});

describe("the httpProxy option", () => {
  it("false ignores the environment", async () => {
    vi.stubEnv("HTTPS_PROXY", "http://127.0.0.1:9");
    vi.stubEnv("HTTP_PROXY", "http://127.0.0.1:9");
    const direct = { httpProxy: false };
    expect(await eci(tlsServer.origin, direct).describeRegions({})).toMatchObject({
      RequestId: "x",
    });
    expect(await eci(httpServer.origin, direct).describeRegions({})).toMatchObject({
      RequestId: "x",
    });
  });

  it("a URL overrides the environment, NO_PROXY included", async () => {
    vi.stubEnv("HTTPS_PROXY", "http://127.0.0.1:9");
    vi.stubEnv("NO_PROXY", "*");
    const before = proxy.requests().length;
    const client = eci(tlsServer.origin, { httpProxy: proxy.url });
    expect(await client.describeRegions({})).toMatchObject({ RequestId: "x" });
    await proxy.seen(/^CONNECT /);
    expect(proxy.requests().slice(before)).toEqual([`CONNECT 127.0.0.1:${tlsServer.port}`]);
  });

  it("is refused with a fetch of the user's, which picks its own way", () => {
    expect(() =>
      createEciClient({ regionId, credentials: KEYS, fetch: globalThis.fetch, httpProxy: false }),
    ).toThrow(
      "httpProxy, extraCaCerts, connectTimeoutMs are for the default Node transport: give them to your fetch (createNodeHttpFetch)",
    );
  });
});

describe("proxy credentials", () => {
  const withPassword = (password: string) =>
    authProxy.url.replace(encodeURIComponent(PASSWORD), encodeURIComponent(password));

  it("user:password@ in the URL, percent-decoded, is sent as Proxy-Authorization", async () => {
    const before = authProxy.requests().length;
    // "%2E" is the "." tinyproxy expects: it accepts only when the SDK decoded it
    const encoded = authProxy.url.replace("s3cret.", "s3cret%2E").replace("user", "us%65r");
    vi.stubEnv("HTTPS_PROXY", encoded);
    vi.stubEnv("HTTP_PROXY", encoded);
    expect(await eci(tlsServer.origin).describeRegions({})).toMatchObject({ RequestId: "x" });
    expect(await eci(httpServer.origin).describeRegions({})).toMatchObject({ RequestId: "x" });
    await authProxy.seen(/^POST /);
    expect(authProxy.requests().slice(before)).toEqual([
      `CONNECT 127.0.0.1:${tlsServer.port}`,
      expect.stringMatching(/^POST http:/),
    ]);
    // tinyproxy drops Proxy-Authorization before it forwards: the target never sees it
    expect(httpServer.requests.at(-1)?.headers["proxy-authorization"]).toBeUndefined();
  });

  it.each([
    ["https", "CONNECT"],
    ["http", "absolute form"],
  ])("a proxy refusing them is a ConnectionError naming it, %s (%s)", async (scheme) => {
    const origin = scheme === "https" ? tlsServer.origin : httpServer.origin;
    vi.stubEnv(scheme === "https" ? "HTTPS_PROXY" : "HTTP_PROXY", withPassword(WRONG));
    const error = await failure(eci(origin, { retry: { maxAttempts: 3 } }).describeRegions({}));
    // tinyproxy answers wrong credentials with 401 and Basic, missing ones with 407
    expect(error.message).toBe(
      `DescribeRegions: ${authProxy.host}: proxy refused the credentials (401)`,
    );
    // refused credentials are refused on every retry: one attempt, not three
    expect(error).toMatchObject({ host: authProxy.host, notSent: true, attempts: 1 });
    expect(leaks(surfaces(error), WRONG, PASSWORD)).toEqual([]);

    const none = await failure(
      eci(origin, { httpProxy: `http://${authProxy.host}` }).describeRegions({}),
    );
    expect(none.message).toBe(
      `DescribeRegions: ${authProxy.host}: proxy requires credentials (407): give them as http://user:password@host:port`,
    );
  });

  it("nothing of them reaches an error of createNodeHttpFetch, nor its inspect", async () => {
    const fetch = createNodeHttpFetch({ httpProxy: withPassword(WRONG) });
    const error = await fetch(`${tlsServer.origin}/`, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error & { cause: { host: string } }).cause.host).toBe(authProxy.host);
    expect(surfaces(error)).toContain("proxy refused the credentials (401)");
    expect(leaks(surfaces(error), WRONG)).toEqual([]);
  });
});

describe("the instance metadata service is never reached through a proxy", () => {
  let imds: http.Server;
  let endpoint: string;
  const seen: http.IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    imds = http.createServer((request, response) => {
      seen.push(request.headers);
      if (request.url === "/latest/api/token") return response.end("imds-token");
      if (request.url === "/latest/meta-data/instance-id") return response.end("eci-self");
      if (request.url === `/latest/meta-data/ram/security-credentials/${ROLE}`) {
        return response.end(roleDocument(new Date(Date.now() + 6 * 3600_000)));
      }
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => imds.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(imds.address() as { port: number }).port}`;
  });

  afterAll(() => {
    imds.close();
  });

  it("the metadata client and RAM-role credentials go direct with HTTP(S)_PROXY set", async () => {
    vi.stubEnv("HTTP_PROXY", proxy.url);
    vi.stubEnv("HTTPS_PROXY", proxy.url);
    const before = proxy.requests().length;
    expect(await createMetadataClient({ endpoint }).instanceId()).toBe("eci-self");
    const credentials = await ramRoleCredentials({ endpoint, roleName: ROLE })();
    expect(credentials.accessKeyId).toBe("STS.role-key-id");
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.every((headers) => headers.via === undefined)).toBe(true);
    expect(await loggedSince(proxy, before)).toEqual([]);
  });
});
