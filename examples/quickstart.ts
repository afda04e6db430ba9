// `npm start`: the five topics of the ECI user guide, end to end, against a fake Alibaba
// Cloud served on a local port (no account needed), in real time. `npm start -- --fast`
// runs the fake on its manual clock (no waiting); `npm start -- --live` runs the same flow
// on your account with your credentials, after asking: it creates billable resources.
import { addDnatRule, type DnatRule, waitForContainerGroupDeleted } from "alicloud-eci";
import { createMetadataClient } from "alicloud-eci/metadata";
import { createFakeMetadataService } from "alicloud-eci/testing";
import { buildImageCache } from "./image-cache.js";
import { readMetadata } from "./instance-metadata.js";
import { type Network, setUpNetwork } from "./internet-access.js";
import { heading, info, step } from "./lib/log.js";
import { confirm, runIfMain, type Setup } from "./lib/setup.js";
import { type Balancer, putBehindSlb } from "./slb-backends.js";
import { startNginx } from "./start-command.js";

async function walkthrough(s: Setup): Promise<void> {
  // `says`: the clean-up prints what it removed itself
  const undo: { what: string; run: () => Promise<unknown>; says?: true }[] = [];
  const left: string[] = [];
  try {
    const network: Network = await setUpNetwork(s);
    undo.push({ what: "network", run: () => network.cleanup(), says: true });

    const cache = await buildImageCache(s, network);
    undo.push({
      what: "image cache",
      run: () =>
        s.eci.deleteImageCache({
          RegionId: s.regionId,
          ImageCacheId: cache.ImageCacheId as string,
        }),
    });

    const groups = [];
    for (const name of ["quickstart-web-1", "quickstart-web-2"]) {
      const group = await startNginx(s, network, cache, name);
      const id = group.ContainerGroupId as string;
      undo.push({
        what: `container group ${id}`,
        run: async () => {
          await s.eci.deleteContainerGroup({ RegionId: s.regionId, ContainerGroupId: id });
          await waitForContainerGroupDeleted(
            s.eci,
            { RegionId: s.regionId, ContainerGroupId: id },
            s.wait,
          );
        },
      });
      groups.push(group);
    }

    const balancer: Balancer = await putBehindSlb(
      s,
      network,
      groups.map((g) => g.ContainerGroupId as string),
    );
    undo.push({ what: "load balancer", run: () => balancer.cleanup(), says: true });

    const [web1] = groups;
    step(
      `Inbound traffic: DNAT ${network.net.eipAddress}:8080 on the NAT gateway -> ${web1?.IntranetIp}:80`,
    );
    const rule: DnatRule = await addDnatRule(s.vpc, {
      regionId: s.regionId,
      forwardTableId: network.net.forwardTableId,
      externalIp: network.net.eipAddress,
      externalPort: 8080,
      internalIp: web1?.IntranetIp as string,
      internalPort: 80,
      wait: s.wait,
    });
    info(`forward entry ${rule.forwardEntryId} is Available`);
    undo.push({ what: "DNAT rule", run: () => rule.dispose() });

    if (s.fake) {
      const imds = createFakeMetadataService(s.fake, web1?.ContainerGroupId as string);
      await readMetadata(createMetadataClient({ fetch: imds.fetch }));
    } else {
      step(
        "Instance metadata: readable only from inside an instance (examples/instance-metadata.ts --inside)",
      );
    }
  } finally {
    heading("Clean-up, in reverse order");
    for (const { what, run, says } of undo.reverse()) {
      try {
        await run();
        if (!says) info(`removed ${what}`);
      } catch (error) {
        console.error(
          `   could not remove ${what}: ${error instanceof Error ? error.message : error}`,
        );
        left.push(what);
      }
    }
  }
  if (left.length) throw new Error(`clean-up left ${left.join(", ")} behind`);
}

/** The quick start on the clients and wait options it is given (`npm start` connects them). */
export async function main(s: Setup): Promise<void> {
  const started = performance.now();
  console.log(
    s.fake
      ? `alicloud-eci quick start: the five ECI user-guide topics against a fake Alibaba Cloud ${s.fake.endpoint ? `at ${s.fake.endpoint}` : "in process"} (no account needed)`
      : `alicloud-eci quick start against Alibaba Cloud, region ${s.regionId}`,
  );
  if (!s.fake) {
    const ok = await confirm(
      "This creates billable resources in your account (a NAT gateway, an EIP, an SLB instance, an image cache and two container groups) and deletes them at the end.",
    );
    if (!ok) return console.log("Nothing was created.");
  }
  await walkthrough(s);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const calls = s.fake ? `, ${s.fake.requests.length} API calls` : "";
  console.log(`\nDone: all five topics in ${seconds} s${calls}.`);
}

runIfMain(import.meta.url, main);
