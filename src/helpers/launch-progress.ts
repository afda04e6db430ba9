// The launch's counts, rate and ETA, for `onProgress`.
import type { LaunchProgress } from "./launch-types.js";

/** Counts of a batch as it goes. */
export class LaunchTally {
  queued: number;
  created = 0;
  done = 0;
  failed = 0;
  readonly byStatus: Record<string, number> = {};
  private readonly status = new Map<number, string>();

  constructor(
    readonly total: number,
    private readonly started: number,
  ) {
    this.queued = total;
  }

  /** A spec's group was seen at `status` (moves it between the counts per state). */
  saw(index: number, status: string | undefined): void {
    const before = this.status.get(index);
    if (before === status) return;
    if (before !== undefined) this.byStatus[before] = (this.byStatus[before] ?? 1) - 1;
    if (status === undefined) this.status.delete(index);
    else {
      this.status.set(index, status);
      this.byStatus[status] = (this.byStatus[status] ?? 0) + 1;
    }
  }

  snapshot(now: number, concurrency: number): LaunchProgress {
    const elapsedMs = Math.max(0, now - this.started);
    const finished = this.done + this.failed;
    const perSecond = elapsedMs > 0 ? (finished * 1000) / elapsedMs : 0;
    const left = this.total - finished;
    return {
      total: this.total,
      queued: this.queued,
      created: this.created,
      byStatus: { ...this.byStatus },
      done: this.done,
      failed: this.failed,
      concurrency,
      perSecond,
      etaMs: perSecond > 0 ? Math.round((left * 1000) / perSecond) : undefined,
      elapsedMs,
    };
  }
}
