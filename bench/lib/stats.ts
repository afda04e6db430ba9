// Small statistics and number formatting for the report.

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Rounds to `digits` significant figures, with thousands separators for big numbers. */
export function fmt(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return "n/a";
  if (Math.abs(value) >= 10 ** digits) return Math.round(value).toLocaleString("en-US");
  return Number(value.toPrecision(digits)).toLocaleString("en-US", { maximumFractionDigits: 6 });
}

export const ratio = (a: number, b: number): string => `${fmt(a / b, 3)}×`;

export const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

export const MB = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

/** Rotates a list by `by` positions, so each round starts with another contender. */
export function rotate<T>(items: readonly T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
