// Where things are: the repository root, and a scratch directory outside it.
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The repository root (bench/lib/../..). */
export const ROOT = join(import.meta.dirname, "..", "..");

/** Scratch space for installs, temp tsconfigs and the results cache; never committed. */
export const SCRATCH = join(tmpdir(), "alicloud-eci-bench");
