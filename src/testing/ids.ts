// Deterministic randomness for the fake: resource ids in the real formats, request ids,
// addresses. The same seed and the same calls give the same ids, so tests can snapshot.
import { own } from "./own.js";

/** A random number generator in [0, 1) (mulberry32), seeded from a number or string. */
export function seededRandom(seed: number | string): () => number {
  let state = typeof seed === "number" ? seed >>> 0 : hashString(seed);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashString(text: string): number {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return (h ^ (h >>> 16)) >>> 0;
}

/** Resource ids carry a region-specific lead (`vpc-bp1…` in Hangzhou, `vpc-2ze…` in Beijing). */
const REGION_LEAD: Record<string, string> = {
  "cn-hangzhou": "bp1",
  "cn-beijing": "2ze",
  "cn-shanghai": "uf6",
  "cn-shenzhen": "wz9",
  "cn-qingdao": "m5e",
  "cn-zhangjiakou": "8vb",
  "cn-hongkong": "j6c",
  "ap-southeast-1": "t4n",
  "us-west-1": "rj9",
  "eu-central-1": "gw8",
};

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const HEX = "0123456789ABCDEF";

/** Makes every identifier the fake hands out. */
export class IdFactory {
  constructor(private readonly random: () => number) {}

  /** `prefix-` + region lead + random lower-case characters, 20 after the dash. */
  id(prefix: string, regionId?: string): string {
    const lead = (regionId && own(REGION_LEAD, regionId)) ?? "gw8";
    return `${prefix}-${lead}${this.chars(ALPHABET, 17)}`;
  }

  /** A request id like `7A4A78A8-FEA6-57F0-9ABC-F34866CA740C`. */
  requestId(): string {
    const h = this.chars(HEX, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /** Lower-case hex, e.g. for tokens inside URLs. */
  hex(length: number): string {
    return this.chars(HEX, length).toLowerCase();
  }

  /** A public address in one of Alibaba Cloud's ranges, for EIPs and internet load balancers. */
  publicIp(): string {
    const first = [47, 39, 8, 120][Math.floor(this.random() * 4)] as number;
    return `${first}.${this.byte()}.${this.byte()}.${1 + Math.floor(this.random() * 253)}`;
  }

  /** A number in [0, 1) from the id stream. */
  next(): number {
    return this.random();
  }

  private byte() {
    return Math.floor(this.random() * 256);
  }

  private chars(alphabet: string, length: number) {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.random() * alphabet.length)];
    return out;
  }
}
