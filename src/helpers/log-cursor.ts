// Reading DescribeContainerLog answers (with Timestamps) and remembering what was already
// seen, so that overlapping polls yield every line exactly once. The API's StartTime has
// whole seconds, so each poll re-reads the current second: lines older than the last one
// seen are dropped, and at its very timestamp as many copies of each text as were seen.

/** One line of a container's log. */
export interface LogEntry {
  /** when the container wrote it */
  time: Date;
  /** the line, without its line break */
  text: string;
  /** the timestamp as the API wrote it (RFC 3339, nanoseconds) */
  timestamp: string;
}

/** A line with its time in nanoseconds, to compare timestamps finer than `Date`. */
export interface TimedLine extends LogEntry {
  ns: bigint;
}

const STAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2}) ?/;

/** Nanoseconds since the epoch of an RFC 3339 timestamp, or undefined. */
function nanos(seconds: string, fraction: string | undefined, zone: string): bigint | undefined {
  const ms = Date.parse(`${seconds}${zone}`);
  if (Number.isNaN(ms)) return undefined;
  return BigInt(ms) * 1_000_000n + BigInt((fraction ?? "").padEnd(9, "0"));
}

/**
 * Splits a `Timestamps: true` answer into lines, oldest first. `complete` is false when
 * the text was cut (LimitBytes): its unfinished last line is left for the next poll.
 */
export function parseLog(content: string): { lines: TimedLine[]; complete: boolean } {
  const pieces = content.split("\n");
  const rest = pieces.pop() ?? "";
  const lines: TimedLine[] = [];
  let previous = 0n;
  for (const piece of pieces) {
    const m = STAMP.exec(piece);
    const ns = m ? nanos(m[1] as string, m[2], m[3] as string) : undefined;
    // a line without a timestamp (never expected) takes the one before it
    const at = ns ?? previous;
    previous = at;
    lines.push({
      ns: at,
      time: new Date(Number(at / 1_000_000n)),
      text: m ? piece.slice(m[0].length) : piece,
      timestamp: m ? m[0].trimEnd() : "",
    });
  }
  return { lines, complete: rest === "" };
}

/** The position of a follower in a log: the newest timestamp seen and the texts seen at it. */
export class LogCursor {
  private last: bigint | undefined;
  private atLast: string[] = [];

  /** Nothing seen yet. */
  get empty(): boolean {
    return this.last === undefined;
  }

  /** StartTime for the next poll: the second of the newest line seen (the API has whole seconds). */
  get startTime(): string | undefined {
    if (this.last === undefined) return undefined;
    return `${new Date(Number(this.last / 1_000_000n)).toISOString().slice(0, 19)}Z`;
  }

  /** The time of the newest line seen. */
  get lastTime(): Date | undefined {
    return this.last === undefined ? undefined : new Date(Number(this.last / 1_000_000n));
  }

  /** Whether `line` is newer than everything seen (a gap may lie before it). */
  isAfter(line: TimedLine): boolean {
    return this.last === undefined || line.ns > this.last;
  }

  /** Moves past the rest of the newest second seen (its other lines are given up). */
  skipSecond(): void {
    if (this.last === undefined) return;
    this.last = (this.last / 1_000_000_000n + 1n) * 1_000_000_000n;
    this.atLast = [];
  }

  /** The lines of one answer not seen before, in order; they count as seen from now on. */
  take(lines: readonly TimedLine[]): TimedLine[] {
    const skip = new Map<string, number>();
    for (const text of this.atLast) skip.set(text, (skip.get(text) ?? 0) + 1);
    const fresh: TimedLine[] = [];
    for (const line of lines) {
      if (this.last !== undefined && line.ns < this.last) continue;
      if (this.last !== undefined && line.ns === this.last) {
        const left = skip.get(line.text) ?? 0;
        if (left > 0) {
          skip.set(line.text, left - 1);
          continue;
        }
      }
      fresh.push(line);
    }
    for (const line of fresh) {
      if (this.last === undefined || line.ns > this.last) {
        this.last = line.ns;
        this.atLast = [line.text];
      } else this.atLast.push(line.text);
    }
    return fresh;
  }
}
