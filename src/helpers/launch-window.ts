// The launcher's adaptive window: additive increase while calls succeed, halve on
// throttling (AIMD, as TCP does), so a burst finds the account's rate without knowing it.

/** How many creates may be in flight, adjusted by what the service answers. */
export class LaunchWindow {
  private current: number;
  /** bumped on each cut: throttles of calls sent before a cut are the same congestion */
  private epoch = 0;

  constructor(
    initial: number,
    private readonly max: number,
  ) {
    if (!(Number.isInteger(max) && max >= 1)) throw new RangeError("maxConcurrency: at least 1");
    this.current = Math.min(Math.max(1, initial), max);
  }

  /** The calls allowed in flight now. */
  get size(): number {
    return Math.floor(this.current);
  }

  /** A token to hand back with the call's outcome. */
  get mark(): number {
    return this.epoch;
  }

  /** One success: about +1 per window of successes. */
  grow(): void {
    this.current = Math.min(this.max, this.current + 1 / this.current);
  }

  /** One throttle: halve, once per congestion (calls sent before the last cut do not cut again). */
  cut(mark: number): void {
    if (mark !== this.epoch) return;
    this.epoch++;
    this.current = Math.max(1, this.current / 2);
  }
}
