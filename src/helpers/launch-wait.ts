// The launch's wait: one DescribeContainerGroupStatus per 20 pending groups per round (the
// API's most ids per call), not one call per group per poll, so the whole wait costs fewer
// calls than there are groups.
import type { CallOptions } from "../core/client.js";
import { WaiterError } from "../waiters/errors.js";
import { isTransient } from "../waiters/transient.js";
import type { LaunchClient } from "./launch-types.js";

/** ContainerGroupIds: at most 20 per call (spec/eci.yaml, ContainerGroupIdList). */
export const IDS_PER_CALL = 20;
/** States a group does not leave by itself. */
const TERMINAL = new Set(["Succeeded", "Failed", "Expired", "ScheduleFailed"]);
/** A group missing from this many answers in a row is gone (deleted meanwhile). */
const MISSES = 3;

interface Pending {
  index: number;
  id: string;
  region: string | undefined;
  misses: number;
}

/** What one round settled: a spec done at `status`, or failed with `error`. */
export interface Settled {
  index: number;
  status: string | undefined;
  error?: Error;
}

/** The groups still waited for, polled in rounds. */
export class StatusPoller {
  private readonly pending = new Map<string, Pending>();
  private readonly last = new Map<number, string>();
  polls = 0;

  constructor(
    private readonly eci: LaunchClient,
    private readonly done: (status: string) => boolean,
    private readonly call: CallOptions,
    /** time since the batch started, for the errors */
    private readonly elapsed: () => number,
    private readonly timeoutMs: number,
  ) {}

  get size(): number {
    return this.pending.size;
  }

  /** The last status seen per spec index. */
  statusOf(index: number): string | undefined {
    return this.last.get(index);
  }

  add(index: number, id: string, region: string | undefined): void {
    this.pending.set(id, { index, id, region, misses: 0 });
    this.wake?.();
  }

  private wake: (() => void) | undefined;

  /** Resolves at the next `add`: nothing to poll is no reason to move a clock. */
  added(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = undefined;
        resolve();
      };
    });
  }

  /** One round over every pending group; what it settled. */
  async round(): Promise<Settled[]> {
    const settled: Settled[] = [];
    const byRegion = new Map<string | undefined, Pending[]>();
    for (const p of this.pending.values()) {
      const list = byRegion.get(p.region) ?? [];
      list.push(p);
      byRegion.set(p.region, list);
    }
    for (const [region, list] of byRegion) {
      for (let i = 0; i < list.length; i += IDS_PER_CALL) {
        const chunk = list.slice(i, i + IDS_PER_CALL);
        settled.push(...(await this.poll(region, chunk)));
      }
    }
    return settled;
  }

  /** Every pending group ends with `error` (timeout, cancel, a poll that cannot succeed). */
  drop(error: (p: { index: number; status: string | undefined }) => Error): Settled[] {
    const out = [...this.pending.values()].map((p) => {
      const status = this.last.get(p.index);
      return { index: p.index, status, error: error({ index: p.index, status }) };
    });
    this.pending.clear();
    return out;
  }

  private async poll(region: string | undefined, chunk: Pending[]): Promise<Settled[]> {
    this.polls++;
    let data: { ContainerGroupId?: string; Status?: string }[];
    try {
      const answer = await this.eci.describeContainerGroupStatus(
        {
          ...(region ? { RegionId: region } : {}),
          ContainerGroupIds: chunk.map((p) => p.id),
          Limit: IDS_PER_CALL,
        },
        this.call,
      );
      data = answer.Data ?? [];
    } catch (error) {
      if (isTransient(error)) return []; // next round asks again
      for (const p of chunk) this.pending.delete(p.id);
      return chunk.map((p) => ({
        index: p.index,
        status: this.last.get(p.index),
        error: error as Error,
      }));
    }
    const seen = new Map(data.map((d) => [d.ContainerGroupId, d.Status]));
    const settled: Settled[] = [];
    for (const p of chunk) {
      const status = seen.get(p.id);
      if (status === undefined) {
        if (++p.misses < MISSES) continue;
        this.pending.delete(p.id);
        settled.push({ index: p.index, status: undefined, error: this.failure(p, undefined) });
        continue;
      }
      p.misses = 0;
      this.last.set(p.index, status);
      if (this.done(status)) {
        this.pending.delete(p.id);
        settled.push({ index: p.index, status });
      } else if (TERMINAL.has(status)) {
        this.pending.delete(p.id);
        settled.push({ index: p.index, status, error: this.failure(p, status) });
      }
    }
    return settled;
  }

  private failure(p: Pending, status: string | undefined): Error {
    return new WaiterError({
      waiter: "launchContainerGroups",
      subject: p.id,
      reason: "failure",
      finalStatus: status,
      lastStatus: this.last.get(p.index),
      resource: undefined,
      attempts: this.polls,
      elapsedMs: this.elapsed(),
      timeoutMs: this.timeoutMs,
    });
  }
}
