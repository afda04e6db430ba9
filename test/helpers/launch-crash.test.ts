// None twice, across a crash: a controller process launching 500 specs is SIGKILLed after
// some creates were acknowledged; the same batch run again leaves exactly 500 groups. The
// fake is served over HTTP by this process, so its state outlives the child.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { createEciClient, launchContainerGroups } from "../../src/index.js";
import { createFakeCloud } from "../../src/testing/index.js";
import { BATCH, crashSpecs } from "./launch-crash/specs.js";

const CHILD = fileURLToPath(new URL("./launch-crash/child.ts", import.meta.url));
const TOTAL = 500;
const KILL_AFTER = 100;

it("a controller killed midway, run again: exactly one group per spec", async () => {
  const fake = createFakeCloud();
  const server = await fake.listen();
  try {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, String(TOTAL)], {
      env: { ...process.env, FAKE_CLIENT: JSON.stringify(fake.clientOptions({ via: "http" })) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let acked = 0;
    const exit = await new Promise<NodeJS.Signals | null>((resolve) => {
      child.stdout.on("data", (chunk: Buffer) => {
        const last = chunk.toString().trim().split("\n").at(-1);
        acked = Math.max(acked, Number(last));
        if (acked >= KILL_AFTER && child.exitCode === null) child.kill("SIGKILL");
      });
      child.on("exit", (_code, signal) => resolve(signal));
    });
    expect(exit).toBe("SIGKILL");
    const before = fake.state.eci.containerGroups.length;
    expect(before).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(before).toBeLessThan(TOTAL);

    const eci = createEciClient({ regionId: "cn-hangzhou", ...fake.clientOptions() });
    const results = await launchContainerGroups(eci, crashSpecs(TOTAL), {
      batchId: BATCH,
      ...fake.waiterOptions(),
      maxConcurrency: 64,
      initialConcurrency: 64,
    });
    expect(results.filter((r) => r.error)).toEqual([]);
    expect(new Set(results.map((r) => r.ContainerGroupId)).size).toBe(TOTAL);
    expect(fake.state.eci.containerGroups).toHaveLength(TOTAL);
    console.info(`crash test: ${before} groups when killed, ${TOTAL} after the re-run`);
  } finally {
    await server.close();
  }
});
