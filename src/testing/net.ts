// IPv4 CIDR arithmetic for the VPC model: containment, overlap and handing out addresses.

/** A parsed IPv4 block. */
export interface Cidr {
  base: number;
  bits: number;
  text: string;
}

/** Parses `a.b.c.d/n`; undefined when it is not a valid IPv4 CIDR block. */
export function parseCidr(text: string): Cidr | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
  if (!match) return undefined;
  const parts = match.slice(1, 5).map(Number);
  const bits = Number(match[5]);
  if (parts.some((p) => p > 255) || bits > 32) return undefined;
  const ip = toInt(parts);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { base: (ip & mask) >>> 0, bits, text: `${fromInt((ip & mask) >>> 0)}/${bits}` };
}

/** Parses a dotted address to an unsigned 32-bit number; undefined when malformed. */
export function parseIp(text: string): number | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text.trim());
  if (!match) return undefined;
  const parts = match.slice(1, 5).map(Number);
  return parts.some((p) => p > 255) ? undefined : toInt(parts);
}

const size = (c: Cidr) => 2 ** (32 - c.bits);

/** true when `inner` lies entirely inside `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return (
    inner.bits >= outer.bits &&
    inner.base >= outer.base &&
    inner.base + size(inner) <= outer.base + size(outer)
  );
}

/** true when the two blocks share any address. */
export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + size(b) && b.base < a.base + size(a);
}

/** true when the address is inside the block. */
export function ipInCidr(ip: number, cidr: Cidr): boolean {
  return ip >= cidr.base && ip < cidr.base + size(cidr);
}

/** Usable addresses of a VSwitch (Alibaba Cloud reserves the first three and the last one). */
export function usableAddresses(cidr: Cidr): number {
  return Math.max(0, size(cidr) - 4);
}

/** The `n`-th usable address of the block (0-based), skipping the reserved ones. */
export function nthAddress(cidr: Cidr, n: number): string | undefined {
  if (n < 0 || n >= usableAddresses(cidr)) return undefined;
  return fromInt(cidr.base + 3 + n);
}

/** Dotted form of a 32-bit address. */
export function fromInt(ip: number): string {
  return [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join(".");
}

function toInt(parts: number[]): number {
  return (
    (((parts[0] as number) << 24) |
      ((parts[1] as number) << 16) |
      ((parts[2] as number) << 8) |
      (parts[3] as number)) >>>
    0
  );
}
