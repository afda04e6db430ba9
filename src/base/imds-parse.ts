// Metadata answers are text; these turn list and number items into values.
import { MetadataError } from "./imds-errors.js";

/**
 * A list item as an array. The service writes lists three ways: one value per line
 * (`dns-conf/nameservers`, folder listings such as `network/interfaces/macs/`, whose
 * entries end in `/`), a JSON array (`private-ipv4s`: `["192.168.0.2"]`), or brackets
 * without quotes (`ipv6s`: `[2408:…:1]`). All three give plain strings.
 */
export function parseList(text: string): string[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return parsed.map((v) => String(v).trim()).filter(Boolean);
    } catch {
      // IPv6 addresses come unquoted: not JSON, split by hand
    }
    return splitValues(trimmed.slice(1, -1)).map((v) => v.replace(/^["']|["']$/g, ""));
  }
  return splitValues(trimmed).map((v) => v.replace(/\/$/, ""));
}

/** A whole number item (bandwidth in Kbit/s). */
export function parseCount(text: string, item: string): number {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (!trimmed || !Number.isFinite(value)) {
    throw new MetadataError(
      `metadata item "${item}" is not a number: ${JSON.stringify(trimmed.slice(0, 40))}`,
      {
        kind: "invalid",
        item,
      },
    );
  }
  return value;
}

const splitValues = (text: string) => text.split(/[\s,]+/).filter(Boolean);
