// The command behind `alicloud-eci-fake` (src/testing/cli.ts): options, server, banner.
import { parseArgs } from "node:util";
import type { TimeMode } from "./clock.js";
import { createFakeCloud } from "./fake-cloud.js";
import type { FakeServer } from "./server.js";

const USAGE = `Usage: alicloud-eci-fake [options]

A fake Alibaba Cloud (ECI, VPC, ECS security groups, SLB) on a local HTTP server.

Options:
  --port <n>        port to listen on (default 8080; 0 picks a free one)
  --host <addr>     address to bind (default 127.0.0.1)
  --seed <value>    seed for resource ids (default 1)
  --region <id>     region to serve; repeat for several (default: a set of real regions)
  --time <mode>     real (default) or manual
  --quiet           do not print each call
  --help            show this help`;

/** Starts the server from command-line arguments; resolves once it listens. */
export async function main(
  argv: string[],
  print: (line: string) => void = console.log,
): Promise<FakeServer | undefined> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string", default: "8080" },
      host: { type: "string", default: "127.0.0.1" },
      seed: { type: "string", default: "1" },
      region: { type: "string", multiple: true },
      time: { type: "string", default: "real" },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    print(USAGE);
    return undefined;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, got ${values.port}`);
  if (values.time !== "real" && values.time !== "manual")
    throw new Error(`--time must be real or manual, got ${values.time}`);
  const seed = /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed;
  const fake = createFakeCloud({
    time: values.time as TimeMode,
    seed,
    ...(values.region?.length ? { regions: values.region } : {}),
    ...(values.quiet
      ? {}
      : {
          onRequest: (r) =>
            print(
              `${new Date().toISOString()} ${r.status || "dropped"} ${r.product ?? "?"} ${r.action ?? "?"}${r.code ? ` ${r.code}` : ""}`,
            ),
        }),
  });
  const server = await fake.listen(port, values.host);
  const { accessKeyId, accessKeySecret } = fake.credentials;
  print(
    `alicloud-eci fake cloud listening on ${server.url} (${values.time} time, seed ${values.seed})`,
  );
  print("");
  print(`  endpoint           ${server.url}`);
  print(`  access key id      ${accessKeyId}`);
  print(`  access key secret  ${accessKeySecret}`);
  print(`  regions            ${Object.keys(fake.regions).join(", ")}`);
  print("");
  print("  createEciClient({");
  print(`    regionId: "${fake.regionId}",`);
  print(`    endpoint: "${server.url}",`);
  print(
    `    credentials: { accessKeyId: "${accessKeyId}", accessKeySecret: "${accessKeySecret}" },`,
  );
  print("  });");
  print("");
  print("These are test credentials of the fake, not an Alibaba Cloud key. Press Ctrl+C to stop.");
  return server;
}
