// What the shell's parts share: the pause a script yields, the host around it, the scope a
// builtin sees, and `exit`.

/** What a script waits for before it goes on. */
export interface Pause {
  /** how long the script sleeps (Infinity: it blocks, e.g. a server in the foreground) */
  sleepMs: number;
}

/** Where output goes and what the container around the shell knows. */
export interface ShellHost {
  write(text: string): void;
  /** ms since the epoch on the fake's clock, as the script sees it */
  now(): number;
  /** HOSTNAME, PATH and the container's environment */
  env: Record<string, string>;
  cwd: string;
  /** false for an executable missing from the image */
  has(name: string): boolean;
  /**
   * A command that is not a shell builtin (a server, curl…): `"blocks"` when it runs in the
   * foreground forever, else its exit status. Missing: such commands block.
   */
  external?(argv: string[], write: (text: string) => void): "blocks" | number;
}

/** What a builtin may read and change. */
export interface ShellScope {
  readonly vars: Map<string, string>;
  readonly status: number;
  readonly host: ShellHost;
  /** `fd` 1 (default) or 2; redirections decide where it goes */
  write(text: string, fd?: number): void;
}

/** `exit N`, unwinding to the top of the script. */
export class ShellExit {
  constructor(readonly code: number) {}
}
