// Where a call's CPU time goes: the SDK's own overhead with the network taken out (an
// injected fetch answering a ready Response), and sampled profiles of real loopback calls.

import { importBuilt } from "../lib/build.js";
import { contenders, sdkClient } from "../lib/contenders.js";
import { type ProfileSummary, profileContender } from "../lib/profile.js";
import type { LocalServer } from "../lib/server.js";
import { median } from "../lib/stats.js";
import { FIXED_BODY } from "../server/bodies.js";

export interface ProfileResult {
  /** µs per call of the SDK with a fetch that answers at once, and of building+parsing that answer alone */
  overhead: { sdkUs: number; baselineUs: number };
  profiles: ProfileSummary[];
}

const answer = () =>
  new Response(FIXED_BODY, { status: 200, headers: { "content-type": "application/json" } });

async function perCall(fn: () => Promise<unknown>, calls: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < calls; i++) await fn();
  return ((performance.now() - started) * 1000) / calls;
}

export async function profile(
  server: LocalServer,
  log: (line: string) => void,
): Promise<ProfileResult> {
  log("SDK overhead without network");
  const sdk = sdkClient(await importBuilt(), "http://127.0.0.1:9", async () => answer());
  const call = () => sdk.describeContainerGroups({ RegionId: "cn-hangzhou" });
  const baseline = async () => answer().json();
  for (let i = 0; i < 3_000; i++) {
    await call();
    await baseline();
  }
  const sdkRuns: number[] = [];
  const baseRuns: number[] = [];
  for (let round = 0; round < 7; round++) {
    sdkRuns.push(await perCall(call, 2_000));
    baseRuns.push(await perCall(baseline, 2_000));
  }

  const profiles: ProfileSummary[] = [];
  for (const contender of await contenders(server.fixedPort)) {
    if (contender.id !== "sdk-fetch" && contender.id !== "sdk-node-http") continue;
    log(`profiling ${contender.label}`);
    for (let i = 0; i < 1_000; i++) await contender.call();
    profiles.push(await profileContender(contender, 2_500));
  }
  return { overhead: { sdkUs: median(sdkRuns), baselineUs: median(baseRuns) }, profiles };
}
