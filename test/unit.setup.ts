// Set up for every unit test file. Those files share their worker's modules and globals
// (isolate: false), so whatever one file leaves behind, even after a failure halfway
// through a test, is undone before the next file: timers, spies, environment variables.
import { afterAll, vi } from "vitest";

afterAll(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});
