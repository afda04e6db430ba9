/**
 * The pause before the next poll: exponential from `minDelayMs`, capped at
 * `maxDelayMs`, with jitter between the minimum and that cap so that many waiters
 * started together do not poll in step.
 */
export function pollDelay(
  attempt: number,
  minDelayMs: number,
  maxDelayMs: number,
  random: () => number,
): number {
  const cap = Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(minDelayMs + random() * (cap - minDelayMs));
}
