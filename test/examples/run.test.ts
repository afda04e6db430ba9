// The quick start (`npm start`) and every example program run end to end against the fake
// cloud, as a user runs them: a fresh process, the package imported by name.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const run = (file: string) =>
  promisify(execFile)("npx", ["tsx", file], {
    cwd: root,
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: "1" },
  });

describe.concurrent("examples/ against the fake cloud", () => {
  it("npm start: all five topics, then everything is cleaned up", async () => {
    const { stdout, stderr } = await run("examples/quickstart.ts");
    expect(stderr).toBe("");
    for (const heading of [
      "1. Reaching the internet",
      "2. Image cache",
      "3. Container group quickstart-web-1",
      "3. Container group quickstart-web-2",
      "4. SLB",
      "1b. DNAT",
      "5. Instance metadata",
      "Clean-up, in reverse order",
    ]) {
      expect(stdout).toContain(heading);
    }
    expect(stdout).toMatch(/events: [^\n]*SuccessfulHitImageCache/);
    expect(stdout).not.toMatch(/events: [^\n]*Pulling/);
    expect(stdout).toMatch(
      /reported command \["nginx"\] args \["-g","daemon off; worker_processes 2;"\]/,
    );
    expect(stdout).toMatch(/via tcp 80: normal/);
    expect(stdout).toMatch(
      /removed the SNAT entry, EIP, NAT gateway, security group, vSwitch and VPC/,
    );
    expect(stdout).toMatch(/Done: all five topics in \d+\.\d s/);
  }, 150_000);

  it.each([
    "examples/internet-access.ts",
    "examples/image-cache.ts",
    "examples/start-command.ts",
    "examples/slb-backends.ts",
  ])(
    "%s runs on its own",
    async (file) => {
      const { stderr } = await run(file);
      expect(stderr).toBe("");
    },
    150_000,
  );
});
