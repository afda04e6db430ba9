// The fake's sense of time. Asynchronous work (a VPC becoming Available, an image being
// pulled) is a task due at a moment; tasks run, in order, whenever anyone looks: on each
// request, on `advance`, on reading `fake.state`. So "real" time needs no timers and a
// manual clock moves only when the test says so.

import { TaskHeap } from "./task-heap.js";

/** `manual`: time moves only with `advance(ms)` (tests). `real`: it follows the wall clock (demos). */
export type TimeMode = "manual" | "real";

/** The clock resources live on, with its queue of due work. */
export class FakeClock {
  private offset = 0;
  private seq = 0;
  private readonly tasks = new TaskHeap();
  private settling = false;

  constructor(
    readonly mode: TimeMode,
    private readonly start: number,
    private readonly wall: () => number,
  ) {}

  /** Current fake time in ms since the epoch. */
  now(): number {
    return (this.mode === "manual" ? this.start : this.wall()) + this.offset;
  }

  /** Moves time forward by `ms` (either mode) and runs what became due. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError(`advance(ms) needs a non-negative number, got ${ms}`);
    this.offset += ms;
    this.settle();
  }

  /** Runs `run(at)` once the clock reaches `at`; `run` receives the due time, not the moment it ran. */
  schedule(at: number, run: (at: number) => void): void {
    this.tasks.push({ at, seq: this.seq++, run });
  }

  /** Runs every task due by now, oldest first; tasks may schedule more. */
  settle(): void {
    if (this.settling) return;
    this.settling = true;
    try {
      const now = this.now();
      for (let task = this.tasks.peek(); task && task.at <= now; task = this.tasks.peek()) {
        this.tasks.pop();
        task.run(task.at);
      }
    } finally {
      this.settling = false;
    }
  }

  /** Drops every pending task (used by `fake.reset()`). */
  clear(): void {
    this.tasks.clear();
  }
}

/** How long each asynchronous step takes, in ms. */
export interface FakeDurations {
  /** VPC Pending → Available */
  vpc: number;
  /** VSwitch Pending → Available */
  vSwitch: number;
  /** NAT gateway Creating → Available */
  natGateway: number;
  /** SNAT and DNAT entries Pending → Available */
  natEntry: number;
  /** EIP Associating → InUse and Unassociating → Available */
  eipAssociation: number;
  /** container group created → scheduled */
  schedule: number;
  /** pulling one image */
  imagePull: number;
  /** container created → started */
  containerStart: number;
  /** image cache Preparing → Creating */
  imageCachePrepare: number;
  /** image cache Creating → Ready (progress moves evenly over it) */
  imageCache: number;
  /** Restarting / Updating → Running */
  restart: number;
  /** a backend turns `normal` this long after its listener (with health check) starts */
  healthCheck: number;
  /** first back-off of a crashing container (doubles, at most 5 minutes) */
  crashBackoff: number;
}

/** Durations close to the real service: use `advance()` to move through them in tests. */
export const REALISTIC_DURATIONS: FakeDurations = {
  vpc: 2_000,
  vSwitch: 2_000,
  natGateway: 10_000,
  natEntry: 2_000,
  eipAssociation: 3_000,
  schedule: 2_000,
  imagePull: 10_000,
  containerStart: 1_000,
  imageCachePrepare: 10_000,
  imageCache: 60_000,
  restart: 5_000,
  healthCheck: 6_000,
  crashBackoff: 10_000,
};

/** A few hundred ms per step: the default in real-time mode (demos, the CLI). */
export const DEMO_DURATIONS: FakeDurations = {
  vpc: 300,
  vSwitch: 300,
  natGateway: 500,
  natEntry: 300,
  eipAssociation: 300,
  schedule: 300,
  imagePull: 500,
  containerStart: 200,
  imageCachePrepare: 300,
  imageCache: 1_500,
  restart: 400,
  healthCheck: 600,
  crashBackoff: 1_000,
};
