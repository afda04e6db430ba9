// How the examples reach a cloud: the fake one on a local port (default, no account, in real
// time), or Alibaba Cloud with `--live` and your credentials (default chain: environment, CLI
// profile…). Each example's `main(setup)` takes the clients and wait options it is given, so
// a test runs the same program in process on the fake's manual clock (`onFake`).
import { createInterface } from "node:readline/promises";
import {
  type ClientOptions,
  createEciClient,
  createEcsClient,
  createSlbClient,
  createVpcClient,
  type WaiterOptions,
} from "alicloud-eci";
import { createFakeCloud, type FakeCloud } from "alicloud-eci/testing";
import { timeWith } from "./log.js";

export interface Setup {
  eci: ReturnType<typeof createEciClient>;
  vpc: ReturnType<typeof createVpcClient>;
  ecs: ReturnType<typeof createEcsClient>;
  slb: ReturnType<typeof createSlbClient>;
  regionId: string;
  /** the fake cloud, unless `--live` */
  fake?: FakeCloud;
  /** options for every wait: quick polls against the fake, the defaults against Alibaba Cloud */
  wait: WaiterOptions;
  close(): Promise<void>;
}

/**
 * Connects to the fake cloud (served on a local port, in real time) or, with `--live`, to
 * Alibaba Cloud. `--fast` serves the fake on its manual clock instead: the same calls, over
 * HTTP, with every wait skipped (each pause moves the fake's clock).
 */
export async function connect(argv: readonly string[] = process.argv.slice(2)): Promise<Setup> {
  const live = argv.includes("--live");
  const regionId = option(argv, "--region") ?? process.env.ALIBABA_CLOUD_REGION_ID ?? "cn-hangzhou";
  if (live) {
    const clients = clientsFor({ regionId });
    return { ...clients, regionId, wait: {}, close: async () => {} };
  }
  const fast = argv.includes("--fast");
  const fake = createFakeCloud({ time: fast ? "manual" : "real" });
  const server = await fake.listen();
  timeWith(() => fake.now());
  const clients = clientsFor({ regionId, ...fake.clientOptions({ via: "http" }) });
  return {
    ...clients,
    regionId,
    fake,
    wait: fast ? fake.waiterOptions() : { minDelayMs: 100, maxDelayMs: 400 },
    close: () => server.close(),
  };
}

/**
 * The examples' clients on a fake cloud you made, answered in process. On the fake's manual
 * clock (`createFakeCloud()`), every wait's pause advances that clock instead of waiting: a
 * whole example runs in milliseconds, through the same states as in real time.
 */
export function onFake(fake: FakeCloud, regionId: string = fake.regionId): Setup {
  timeWith(() => fake.now());
  return {
    ...clientsFor({ regionId, ...fake.clientOptions() }),
    regionId,
    fake,
    wait: fake.waiterOptions(),
    close: async () => {},
  };
}

function clientsFor(options: ClientOptions) {
  return {
    eci: createEciClient(options),
    vpc: createVpcClient(options),
    ecs: createEcsClient(options),
    slb: createSlbClient(options),
  };
}

/** Asks before anything billable is created on a real account; true when the user agreed. */
export async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(`${question} Type "yes" to go on: `)).trim().toLowerCase() === "yes";
  } finally {
    rl.close();
  }
}

function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** Runs an example's `main` when its file is the program being run (`npx tsx examples/….ts`). */
export function runIfMain(url: string, main: (setup: Setup) => Promise<void>): void {
  if (process.argv[1] && url === new URL(process.argv[1], "file://").href) {
    connect()
      .then(async (setup) => {
        try {
          await main(setup);
        } finally {
          await setup.close();
        }
      })
      .catch((error: unknown) => {
        console.error(error);
        process.exitCode = 1;
      });
  }
}
