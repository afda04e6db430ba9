// The controller the crash test kills: launches the batch against the fake served by the
// parent (FAKE_CLIENT: clientOptions({ via: "http" }) as JSON) and prints one line per
// create the service acknowledged, so the parent knows when to SIGKILL it.
import { createEciClient, launchContainerGroups } from "../../../src/index.js";
import { BATCH, crashSpecs } from "./specs.js";

const eci = createEciClient({
  regionId: "cn-hangzhou",
  ...JSON.parse(process.env.FAKE_CLIENT ?? "{}"),
});
let acked = 0;
await launchContainerGroups(eci, crashSpecs(Number(process.argv[2] ?? 500)), {
  batchId: BATCH,
  onProgress: (p) => {
    const now = p.total - p.queued - p.failed;
    if (now > acked) process.stdout.write(`${now}\n`);
    acked = now;
  },
});
