// Which network proxy a request goes through, read from the environment as curl reads it:
// `https_proxy` / `HTTPS_PROXY` for https URLs, `http_proxy` / `HTTP_PROXY` for http ones
// (the lower-case form first), and `no_proxy` / `NO_PROXY` for the hosts that go direct.
// Pure string work: the Node sender reads `process.env` and asks here.

type Env = Readonly<Record<string, string | undefined>>;

/** The proxy variables of one environment, unset and empty ones as `undefined`. */
export interface ProxyEnv {
  https: string | undefined;
  http: string | undefined;
  noProxy: string | undefined;
  /** the variable each proxy came from, for error messages (never the value: it may hold a password) */
  httpsName: string;
  httpName: string;
}

/** Where a request is going: the URL's scheme, host (IPv6 without brackets) and port. */
export interface Destination {
  secure: boolean;
  host: string;
  /** the URL's port, or the scheme's default */
  port: number;
}

export function readProxyEnv(env: Env): ProxyEnv {
  const https = pick(env, "https_proxy", "HTTPS_PROXY");
  // upper-case HTTP_PROXY is a request header in CGI (httpoxy): not read there, as Go does
  const http = pick(env, "http_proxy", env.REQUEST_METHOD ? undefined : "HTTP_PROXY");
  return {
    https: https && env[https],
    http: http && env[http],
    noProxy: env.no_proxy || env.NO_PROXY || undefined,
    httpsName: https ?? "HTTPS_PROXY",
    httpName: http ?? "HTTP_PROXY",
  };
}

/** The proxy URL for `to` and the variable it came from, or undefined to connect directly. */
export function proxyFor(
  env: ProxyEnv,
  to: Destination,
): { url: string; from: string } | undefined {
  const url = to.secure ? env.https : env.http;
  if (!url || (env.noProxy && bypasses(env.noProxy, to))) return undefined;
  return { url, from: to.secure ? env.httpsName : env.httpName };
}

/**
 * Whether a NO_PROXY list names the destination. Entries are separated by commas or
 * spaces, compared without case: `*` (everything), a host name (itself and its
 * subdomains; a leading dot changes nothing), an IP address (IPv6 with or without
 * brackets) or a CIDR range, each optionally with `:port`. Loopback is not special.
 */
export function bypasses(noProxy: string, to: Destination): boolean {
  const host = to.host.toLowerCase().replace(/\.$/, "");
  const address = parseIp(host);
  for (const raw of noProxy.toLowerCase().split(/[\s,]+/)) {
    if (!raw) continue;
    if (raw === "*") return true;
    const { name, port } = splitPort(raw);
    if (port !== undefined && port !== to.port) continue;
    const range = parseRange(name);
    if (range) {
      if (address && inRange(address, range)) return true;
    } else if (!address) {
      const domain = name.replace(/^\.+/, "").replace(/\.$/, "");
      if (domain && (host === domain || host.endsWith(`.${domain}`))) return true;
    }
  }
  return false;
}

function pick(env: Env, ...names: (string | undefined)[]): string | undefined {
  return names.find((name) => name !== undefined && env[name]);
}

/** `host:port`, `[v6]:port`, `v6` (more than one colon: no port) or a bare name. */
function splitPort(entry: string): { name: string; port?: number } {
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracket) return { name: bracket[1] as string, port: portOf(bracket[2]) };
  const colon = entry.lastIndexOf(":");
  if (colon < 0 || entry.indexOf(":") !== colon) return { name: entry };
  return { name: entry.slice(0, colon), port: portOf(entry.slice(colon + 1)) };
}

const portOf = (text: string | undefined) => (text ? Number(text) : undefined);

// IP addresses as arrays of 16-bit groups (2 for IPv4, 8 for IPv6), compared bit by bit

interface Range {
  groups: number[];
  bits: number;
}

function parseRange(text: string): Range | undefined {
  const [ip = "", prefix, extra] = text.split("/");
  const groups = extra === undefined ? parseIp(ip) : undefined;
  if (!groups) return undefined;
  const bits = prefix === undefined ? groups.length * 16 : Number(prefix);
  return Number.isInteger(bits) && bits >= 0 && bits <= groups.length * 16
    ? { groups, bits }
    : undefined;
}

function inRange(address: number[], range: Range): boolean {
  if (address.length !== range.groups.length) return false;
  for (let bit = 0; bit < range.bits; bit += 16) {
    const width = Math.min(16, range.bits - bit);
    const mask = (0xffff << (16 - width)) & 0xffff;
    const i = bit / 16;
    if (((address[i] as number) & mask) !== ((range.groups[i] as number) & mask)) return false;
  }
  return true;
}

function parseIp(text: string): number[] | undefined {
  return text.includes(":") ? parseIpv6(text) : parseIpv4(text);
}

function parseIpv4(text: string): number[] | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) < 256)) {
    return undefined;
  }
  const [a, b, c, d] = parts.map(Number) as [number, number, number, number];
  return [(a << 8) | b, (c << 8) | d];
}

function parseIpv6(text: string): number[] | undefined {
  const halves = text.replace(/%.*$/, "").split("::"); // a zone (%eth0) does not take part
  if (halves.length > 2) return undefined;
  const groups = (half: string | undefined) => {
    if (!half) return [];
    const parts = half.split(":");
    const last = parts.at(-1) as string;
    const v4 = last.includes(".") ? parseIpv4(last) : undefined;
    if (last.includes(".") && !v4) return undefined;
    const hex = v4 ? parts.slice(0, -1) : parts;
    if (!hex.every((p) => /^[0-9a-f]{1,4}$/.test(p))) return undefined;
    return [...hex.map((p) => Number.parseInt(p, 16)), ...(v4 ?? [])];
  };
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  return [...head, ...new Array<number>(halves.length === 1 ? 0 : missing).fill(0), ...tail];
}
