// Which proxy the environment names for a URL, and which hosts NO_PROXY sends direct
// (src/transport/proxy-env.ts), as curl reads them; and what a proxy URL means
// (src/transport/http-proxy.ts parseProxy).
import { describe, expect, it } from "vitest";
import { parseProxy } from "../../src/transport/http-proxy.js";
import { bypasses, proxyFor, readProxyEnv } from "../../src/transport/proxy-env.js";

const https = (host: string, port = 443) => ({ secure: true, host, port });
const http = (host: string, port = 80) => ({ secure: false, host, port });

describe("readProxyEnv and proxyFor", () => {
  it("https URLs take HTTPS_PROXY, http URLs HTTP_PROXY; the lower-case form wins", () => {
    const env = readProxyEnv({
      HTTPS_PROXY: "http://upper-s:1",
      https_proxy: "http://lower-s:2",
      HTTP_PROXY: "http://upper:3",
    });
    expect(proxyFor(env, https("a.example"))).toEqual({
      url: "http://lower-s:2",
      from: "https_proxy",
    });
    expect(proxyFor(env, http("a.example"))).toEqual({ url: "http://upper:3", from: "HTTP_PROXY" });
  });

  it("one scheme's variable does not serve the other; empty means unset", () => {
    expect(proxyFor(readProxyEnv({ HTTP_PROXY: "http://p:1" }), https("a"))).toBeUndefined();
    expect(proxyFor(readProxyEnv({ HTTPS_PROXY: "http://p:1" }), http("a"))).toBeUndefined();
    const empty = readProxyEnv({ https_proxy: "", HTTPS_PROXY: "http://p:1" });
    expect(proxyFor(empty, https("a"))?.from).toBe("HTTPS_PROXY");
  });

  it("upper-case HTTP_PROXY is not read in a CGI request (httpoxy), lower-case still is", () => {
    const cgi = { REQUEST_METHOD: "GET", HTTP_PROXY: "http://attacker:1" };
    expect(proxyFor(readProxyEnv(cgi), http("a"))).toBeUndefined();
    expect(proxyFor(readProxyEnv({ ...cgi, http_proxy: "http://p:2" }), http("a"))?.url).toBe(
      "http://p:2",
    );
  });

  it("NO_PROXY (or no_proxy, which wins) sends listed hosts direct", () => {
    const env = readProxyEnv({
      HTTPS_PROXY: "http://p:1",
      NO_PROXY: "ignored.example",
      no_proxy: "internal.example",
    });
    expect(proxyFor(env, https("internal.example"))).toBeUndefined();
    expect(proxyFor(env, https("ignored.example"))).toBeDefined();
  });
});

describe("NO_PROXY entries", () => {
  const cases: [string, ReturnType<typeof https>, boolean][] = [
    ["*", https("anything.example"), true],
    ["a.example, *", https("b.example"), true],
    // names: the host itself and its subdomains, never a longer name that merely ends alike
    ["example.com", https("example.com"), true],
    ["example.com", https("api.example.com"), true],
    ["example.com", https("badexample.com"), false],
    [".example.com", https("example.com"), true],
    [".example.com", https("deep.api.example.com"), true],
    ["EXAMPLE.com.", https("Api.Example.COM."), true],
    ["api.example.com", https("example.com"), false],
    // separators: commas, spaces, both
    ["a.example  b.example,c.example", https("b.example"), true],
    [" , ,", https("b.example"), false],
    // ports: only that port
    ["example.com:8443", https("example.com", 8443), true],
    ["example.com:8443", https("example.com"), false],
    [".example.com:443", https("api.example.com"), true],
    // IPv4: exact, CIDR; never a name match
    ["10.1.2.3", https("10.1.2.3"), true],
    ["10.1.2.3", https("10.1.2.4"), false],
    ["10.0.0.0/8", https("10.200.3.4"), true],
    ["10.0.0.0/8", https("11.0.0.1"), false],
    ["192.168.0.0/23", https("192.168.1.255"), true],
    ["192.168.0.0/23", https("192.168.2.0"), false],
    ["0.0.0.0/0", https("8.8.8.8"), true],
    ["2.3.4", https("1.2.3.4"), false],
    ["10.1.2.3:8443", https("10.1.2.3", 8443), true],
    ["10.1.2.3:8443", https("10.1.2.3"), false],
    // IPv6, with or without brackets, in any spelling; CIDR; with a port in brackets
    ["[::1]", https("::1"), true],
    ["::1", https("0:0:0:0:0:0:0:1"), true],
    ["[fd00::1]:8443", https("fd00::1", 8443), true],
    ["[fd00::1]:8443", https("fd00::1"), false],
    ["fd00::/8", https("fd12:3456::1"), true],
    ["fd00::/8", https("fe80::1"), false],
    ["::ffff:10.0.0.1", https("::ffff:a00:1"), true],
    ["::1", https("127.0.0.1"), false],
    // loopback is not special: only what is listed
    ["localhost", https("127.0.0.1"), false],
    ["example.com", https("localhost"), false],
    ["127.0.0.1", https("127.0.0.1"), true],
    // what is not an address or a range is a name
    ["10.0.0.0/33", https("10.0.0.1"), false],
  ];
  it.each(cases)("%j for %j: %s", (list, to, expected) => {
    expect(bypasses(list, to)).toBe(expected);
  });
});

describe("parseProxy", () => {
  it("reads host, port (1080 when none, as curl) and percent-decoded credentials", () => {
    expect(parseProxy("http://proxy.corp:3128", "HTTPS_PROXY")).toEqual({
      hostname: "proxy.corp",
      port: 3128,
      host: "proxy.corp:3128",
      authorization: undefined,
    });
    expect(parseProxy("proxy.corp", "HTTPS_PROXY")).toMatchObject({ port: 1080 });
    const withCredentials = parseProxy("http://us%40er:p%3Ass%20w@[::1]:8080", "x");
    expect(withCredentials).toMatchObject({ hostname: "::1", port: 8080, host: "[::1]:8080" });
    expect(withCredentials.authorization).toBe(
      `Basic ${Buffer.from("us@er:p:ss w").toString("base64")}`,
    );
  });

  it("refuses what it cannot use, naming the variable and never the URL (it may hold a password)", () => {
    for (const url of ["https://u:Pr0xyPassw0rd@p:1", "socks5://u:Pr0xyPassw0rd@p:1", "http://"]) {
      let error: unknown;
      try {
        parseProxy(url, "HTTPS_PROXY");
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe("ConfigurationError");
      expect((error as Error).message).toMatch(/^HTTPS_PROXY is not a proxy URL this SDK can use/);
      expect((error as Error).message).not.toContain("Pr0xyPassw0rd");
    }
  });
});
