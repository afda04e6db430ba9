/** A stack of clean-up steps, run newest first; each runs at most once. */
export class Undo {
  private readonly steps: { name: string; run: () => Promise<unknown> }[] = [];

  push(name: string, run: () => Promise<unknown>): void {
    this.steps.push({ name, run });
  }

  /** Runs every step (newest first), going on past failures; returns what was undone and what failed. */
  async run(): Promise<{ done: string[]; errors: Error[] }> {
    const done: string[] = [];
    const errors: Error[] = [];
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      try {
        await step.run();
        done.push(step.name);
      } catch (error) {
        errors.push(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return { done, errors };
  }
}
