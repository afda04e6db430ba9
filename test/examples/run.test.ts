// The quick start (`npm start`) and every example program, run end to end against the fake
// cloud on its manual clock: each example's `main(setup)` is called in process with clients
// on a fresh fake whose waits advance the clock instead of sleeping. The tests read what the
// program printed and what the fake saw and holds, not just that nothing went to stderr.
// One run goes through the command line (`npm start -- --fast`): a fresh process, the
// package imported by name, the fake served over HTTP, a clean exit.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it, vi } from "vitest";
import { buildImageCache, main as imageCacheMain } from "../../examples/image-cache.js";
import { main as internetMain, setUpNetwork } from "../../examples/internet-access.js";
import { onFake, type Setup } from "../../examples/lib/setup.js";
import { main as logsAndExecMain } from "../../examples/logs-and-exec.js";
import { main as quickstartMain } from "../../examples/quickstart.js";
import { main as slbMain } from "../../examples/slb-backends.js";
import { main as startCommandMain } from "../../examples/start-command.js";
import { createFakeCloud, type FakeCloud, REALISTIC_DURATIONS } from "../../src/testing/index.js";

interface Run {
  fake: FakeCloud;
  /** stdout, one entry per line, without the `[ 12.3s]` time prefix and without blank lines */
  lines: string[];
  /** the same, as one text */
  text: string;
  /** what went to console.error */
  errors: string[];
  /** the actions the fake answered, in order */
  actions: string[];
  /** how far the fake's clock moved */
  fakeMs: number;
  /** what the program rejected with, if it did */
  failure?: unknown;
}

/** Captures what `program` prints while it runs on `setup` (default: a fresh fake, manual clock). */
async function capture(
  program: (s: Setup) => Promise<void>,
  fake: FakeCloud = createFakeCloud(),
): Promise<Run> {
  const out: string[] = [];
  const errors: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...args) => {
    out.push(args.join(" "));
  });
  const error = vi.spyOn(console, "error").mockImplementation((...args) => {
    errors.push(args.map(String).join(" "));
  });
  const start = fake.now();
  let failure: unknown;
  try {
    await program(onFake(fake));
  } catch (thrown) {
    failure = thrown;
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
  const lines = out
    .join("\n")
    .split("\n")
    .map((line) => line.replace(/^\[\s*\d+\.\d+s\]\s*/, "").trimEnd())
    .filter((line) => line !== "");
  return {
    fake,
    lines,
    text: lines.join("\n"),
    errors,
    actions: fake.requests.map((r) => r.action ?? "?"),
    fakeMs: fake.now() - start,
    ...(failure === undefined ? {} : { failure }),
  };
}

/** Runs `program` and expects it to finish without an error or anything on stderr. */
async function runOk(program: (s: Setup) => Promise<void>, fake?: FakeCloud): Promise<Run> {
  const result = await capture(program, fake);
  expect(result.failure).toBeUndefined();
  expect(result.errors).toEqual([]);
  return result;
}

/** The first capture group of `pattern` in `text`; fails the test when there is none. */
function grab(text: string, pattern: RegExp): string {
  const match = pattern.exec(text);
  expect(match, `no line matches ${pattern}`).not.toBeNull();
  return match?.[1] as string;
}

/** The fake's calls of `action`, as their input. */
const calls = (fake: FakeCloud, action: string) =>
  fake.requests.filter((r) => r.action === action).map((r) => r.params);

/** Nothing is left on the fake: every resource an example made was removed again. */
function expectNothingLeft(fake: FakeCloud) {
  const { eci, vpc, ecs, slb } = fake.state;
  expect({
    containerGroups: eci.containerGroups.map((g) => `${g.ContainerGroupId} ${g.Status}`),
    imageCaches: eci.imageCaches.map((c) => c.ImageCacheId),
    vpcs: vpc.vpcs.map((v) => v.VpcId),
    vSwitches: vpc.vSwitches.map((v) => v.VSwitchId),
    natGateways: vpc.natGateways.map((n) => n.NatGatewayId),
    eipAddresses: vpc.eipAddresses.map((e) => e.AllocationId),
    snatEntries: vpc.snatEntries.map((e) => e.SnatEntryId),
    forwardEntries: vpc.forwardEntries.map((e) => e.ForwardEntryId),
    securityGroups: ecs.securityGroups.map((g) => g.SecurityGroupId),
    loadBalancers: slb.loadBalancers.map((l) => l.LoadBalancerId),
  }).toEqual({
    containerGroups: [],
    imageCaches: [],
    vpcs: [],
    vSwitches: [],
    natGateways: [],
    eipAddresses: [],
    snatEntries: [],
    forwardEntries: [],
    securityGroups: [],
    loadBalancers: [],
  });
}

/** Every call the example made was answered 200: no error was swallowed on the way. */
const expectAllAnswered = (run: Run) =>
  expect(run.fake.requests.filter((r) => r.status !== 200)).toEqual([]);

describe("examples/internet-access.ts", () => {
  it("setUpNetwork: VPC, vSwitch, a security group open on TCP 80, NAT gateway, EIP and SNAT", async () => {
    const fake = createFakeCloud();
    const s = onFake(fake);
    vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      const network = await setUpNetwork(s);
      const { vpc, ecs } = fake.state;
      expect(vpc.vpcs.map((v) => [v.VpcId, v.Status, v.CidrBlock])).toEqual([
        [network.vpcId, "Available", "192.168.0.0/16"],
      ]);
      expect(vpc.vSwitches.map((v) => [v.VSwitchId, v.Status, v.ZoneId, v.VpcId])).toEqual([
        [network.vSwitchId, "Available", network.zoneId, network.vpcId],
      ]);
      expect(vpc.natGateways.map((n) => [n.NatGatewayId, n.Status])).toEqual([
        [network.net.natGatewayId, "Available"],
      ]);
      expect(vpc.eipAddresses.map((e) => [e.AllocationId, e.Status, e.InstanceId])).toEqual([
        [network.net.allocationId, "InUse", network.net.natGatewayId],
      ]);
      expect(vpc.snatEntries.map((e) => [e.SnatEntryId, e.Status, e.SourceVSwitchId])).toEqual([
        [network.net.snatEntryId, "Available", network.vSwitchId],
      ]);
      const [group] = ecs.securityGroups;
      expect(group?.SecurityGroupId).toBe(network.securityGroupId);
      expect(group?.Permissions).toContainEqual(
        expect.objectContaining({
          Direction: "ingress",
          IpProtocol: "TCP",
          PortRange: "80/80",
          SourceCidrIp: "0.0.0.0/0",
        }),
      );
      await network.cleanup();
      expectNothingLeft(fake);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it("main prints each resource as the fake made it, waits on the fake's clock, removes it all", async () => {
    const run = await runOk(internetMain);
    const vpcId = grab(run.text, /^VPC (vpc-\w+): Available$/m);
    const vSwitchId = grab(run.text, /^vSwitch (vsw-\w+) in \S+: Available$/m);
    const sg = grab(run.text, /^security group (sg-\w+): inbound TCP 80 from 0\.0\.0\.0\/0$/m);
    const [, ngw, eip, ip, snat] =
      /^NAT gateway (ngw-\w+), EIP (eip-\w+) \(([\d.]+)\), SNAT entry (snat-\w+)$/m.exec(
        run.text,
      ) ?? [];
    expect([ngw, eip, ip, snat]).toEqual([
      expect.stringMatching(/^ngw-/),
      expect.stringMatching(/^eip-/),
      expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/),
      expect.stringMatching(/^snat-/),
    ]);
    expect(run.lines).toContain(`every instance on ${vSwitchId} now reaches the internet as ${ip}`);
    expect(run.lines.at(-1)).toBe(
      "removed the SNAT entry, EIP, NAT gateway, security group, vSwitch and VPC",
    );
    // the ids printed are the ones the fake made, and removed again
    expect(calls(run.fake, "DeleteVpc")).toEqual([expect.objectContaining({ VpcId: vpcId })]);
    expect(calls(run.fake, "DeleteVSwitch")).toEqual([
      expect.objectContaining({ VSwitchId: vSwitchId }),
    ]);
    expect(calls(run.fake, "DeleteSecurityGroup")).toEqual([
      expect.objectContaining({ SecurityGroupId: sg }),
    ]);
    expect(calls(run.fake, "DeleteNatGateway")).toEqual([
      expect.objectContaining({ NatGatewayId: ngw }),
    ]);
    expect(calls(run.fake, "ReleaseEipAddress")).toEqual([
      expect.objectContaining({ AllocationId: eip }),
    ]);
    expect(calls(run.fake, "DeleteSnatEntry")).toEqual([
      expect.objectContaining({ SnatEntryId: snat }),
    ]);
    expect(calls(run.fake, "AuthorizeSecurityGroup")).toEqual([
      expect.objectContaining({
        SecurityGroupId: sg,
        Permissions: [{ IpProtocol: "TCP", PortRange: "80/80", SourceCidrIp: "0.0.0.0/0" }],
      }),
    ]);
    expectAllAnswered(run);
    expectNothingLeft(run.fake);
    // the waits ran on the manual clock: the NAT gateway alone takes 10 s there
    expect(run.fakeMs).toBeGreaterThanOrEqual(REALISTIC_DURATIONS.natGateway);
  });
});

describe("examples/image-cache.ts", () => {
  it("main builds the cache through the NAT gateway, reports its progress to Ready, deletes it", async () => {
    const run = await runOk(imageCacheMain);
    expect(run.lines).toContain("2. Image cache for nginx:1.25");
    const progress = run.lines.filter((line) => line.startsWith("image cache: "));
    expect(progress[0]).toBe("image cache: Preparing (0%)");
    expect(progress.at(-1)).toBe("image cache: Ready (100%)");
    expect(progress.some((line) => /^image cache: Creating \(\d+%\)$/.test(line))).toBe(true);
    const imc = grab(run.text, /^image cache (imc-\w+) is Ready \(100%\), snapshot s-\w+$/m);
    expect(run.lines).toContain(`deleted image cache ${imc}`);

    const [created] = calls(run.fake, "CreateImageCache");
    const [vSwitch] = calls(run.fake, "CreateVSwitch");
    expect(created).toMatchObject({
      ImageCacheName: "quickstart-nginx",
      Image: ["nginx:1.25"],
      ImageCacheSize: 20,
    });
    // built inside the example's network, which reaches Docker Hub through the NAT gateway
    const vSwitchId = grab(run.text, /^vSwitch (vsw-\w+) in /m);
    expect([created?.VSwitchId].flat()).toEqual([vSwitchId]);
    expect(vSwitch).toMatchObject({ CidrBlock: "192.168.1.0/24" });
    expect(calls(run.fake, "DeleteImageCache")).toEqual([
      expect.objectContaining({ ImageCacheId: imc }),
    ]);
    expectAllAnswered(run);
    expectNothingLeft(run.fake);
    expect(run.fakeMs).toBeGreaterThanOrEqual(REALISTIC_DURATIONS.imageCache);
  });

  it("buildImageCache reuses a Ready cache of the same images instead of building another", async () => {
    const fake = createFakeCloud();
    const first = await runOk(async (s) => {
      const network = await setUpNetwork(s);
      await buildImageCache(s, network);
    }, fake);
    const imc = grab(first.text, /^image cache (imc-\w+) is Ready/m);
    const second = await runOk(async (s) => {
      const network = await setUpNetwork(s);
      const cache = await buildImageCache(s, network);
      expect(cache.ImageCacheId).toBe(imc);
    }, fake);
    expect(second.lines).toContain(`reusing Ready image cache ${imc} (quickstart-nginx)`);
    expect(calls(fake, "CreateImageCache")).toHaveLength(1);
  });
});

describe("examples/start-command.ts", () => {
  it("main starts nginx from the cache with its own command, as the group reports it", async () => {
    const run = await runOk(startCommandMain);
    expect(run.lines).toContain(
      'will run: ["nginx","-g","daemon off; worker_processes 2;"] in /usr/share/nginx/html',
    );
    const [, id, ip, events] =
      /^(eci-\w+) is Running at ([\d.]+); events: (.*)$/m.exec(run.text) ?? [];
    expect(events?.split(", ")).toContain("SuccessfulHitImageCache");
    expect(events?.split(", ")).not.toContain("Pulling");
    expect(ip).toMatch(/^192\.168\.1\.\d+$/);
    expect(run.lines).toContain(
      'reported command ["nginx"] args ["-g","daemon off; worker_processes 2;"]',
    );
    const imc = grab(run.text, /^image cache (imc-\w+) is Ready/m);
    expect(calls(run.fake, "CreateContainerGroup")).toEqual([
      expect.objectContaining({
        ContainerGroupName: "quickstart-web",
        ImageSnapshotId: imc,
        Container: [
          expect.objectContaining({
            Image: "nginx:1.25",
            Command: ["nginx"],
            Arg: ["-g", "daemon off; worker_processes 2;"],
            WorkingDir: "/usr/share/nginx/html",
            ImagePullPolicy: "IfNotPresent",
          }),
        ],
      }),
    ]);
    expect(calls(run.fake, "DeleteContainerGroup")).toEqual([
      expect.objectContaining({ ContainerGroupId: id }),
    ]);
    expect(run.lines).toContain(`deleted ${id} and image cache ${imc}`);
    expectAllAnswered(run);
    expectNothingLeft(run.fake);
  });
});

describe("examples/slb-backends.ts", () => {
  it("main puts the group behind a TCP listener, waits until it is healthy, removes it all", async () => {
    const run = await runOk(slbMain);
    const [, id, ip] = /^(eci-\w+) is Running at ([\d.]+);/m.exec(run.text) ?? [];
    const lb = grab(run.text, /^load balancer (lb-\w+) at [\d.]+$/m);
    expect(run.lines).toContain("listener TCP 80 (weighted round robin, health check on) started");
    expect(run.lines).toContain(`attached ${id} (${ip}) as eci backends`);
    expect(run.lines).toContain(`${id} ${ip}:80 via tcp 80: normal`);
    expect(run.lines).toContain(`detached the backends and deleted ${lb}`);

    expect(calls(run.fake, "CreateLoadBalancerTCPListener")).toEqual([
      expect.objectContaining({ LoadBalancerId: lb, ListenerPort: 80, HealthCheckSwitch: "on" }),
    ]);
    const [added] = calls(run.fake, "AddBackendServers");
    expect(JSON.stringify(added?.BackendServers)).toContain(id as string);
    expect(calls(run.fake, "DeleteLoadBalancer")).toEqual([
      expect.objectContaining({ LoadBalancerId: lb }),
    ]);
    const order = ["StartLoadBalancerListener", "AddBackendServers", "DeleteLoadBalancer"];
    expect(order.map((action) => run.actions.indexOf(action))).toEqual(
      order.map((action) => run.actions.indexOf(action)).sort((a, b) => a - b),
    );
    expectAllAnswered(run);
    expectNothingLeft(run.fake);
    // health turns normal a while after the listener starts, on the fake's clock
    expect(run.fakeMs).toBeGreaterThanOrEqual(REALISTIC_DURATIONS.healthCheck);
  });
});

describe("examples/quickstart.ts (npm start)", () => {
  it("main walks through all five topics, then cleans everything up", async () => {
    const run = await runOk(quickstartMain);
    expect(run.lines[0]).toMatch(/^alicloud-eci quick start: the five ECI user-guide topics/);
    // every step once, numbered in the order it runs, then the clean-up
    const headings = run.lines.filter((line) => /^\d+\. |^Clean-up/.test(line));
    expect(headings.map((line) => line.replace(/:.*$/, ""))).toEqual([
      "1. Reaching the internet",
      "2. Image cache for nginx",
      "3. Container group quickstart-web-1",
      "4. Container group quickstart-web-2",
      "5. SLB",
      "6. Inbound traffic",
      "7. Instance metadata, as the container group itself sees it",
      "Clean-up, in reverse order",
    ]);

    const groups = [...run.text.matchAll(/^(eci-\w+) is Running at ([\d.]+); events: (.*)$/gm)];
    expect(groups).toHaveLength(2);
    for (const [, , , events] of groups) {
      expect(events?.split(", ")).toContain("SuccessfulHitImageCache");
      expect(events?.split(", ")).not.toContain("Pulling");
    }
    const [[, web1, ip1] = [], [, web2, ip2] = []] = groups;
    expect(run.lines).toContain(`${web1} ${ip1}:80 via tcp 80: normal`);
    expect(run.lines).toContain(`${web2} ${ip2}:80 via tcp 80: normal`);
    // DNAT to the first group, then its metadata as the group itself sees it
    const eipAddress = grab(run.text, /^NAT gateway ngw-\w+, EIP eip-\w+ \(([\d.]+)\)/m);
    expect(run.text).toContain(
      `6. Inbound traffic: DNAT ${eipAddress}:8080 on the NAT gateway -> ${ip1}:80`,
    );
    const fwd = grab(run.text, /^forward entry (fwd-\w+) is Available$/m);
    expect(calls(run.fake, "CreateForwardEntry")).toEqual([
      expect.objectContaining({ ExternalIp: eipAddress, InternalIp: ip1, InternalPort: "80" }),
    ]);
    expect(calls(run.fake, "DeleteForwardEntry")).toEqual([
      expect.objectContaining({ ForwardEntryId: fwd }),
    ]);
    expect(run.lines).toContain(
      `quickstart-web-1 is ${web1} in cn-hangzhou (${grab(run.text, /^vSwitch vsw-\w+ in (\S+): Available$/m)})`,
    );
    expect(run.lines).toContainEqual(expect.stringMatching(new RegExp(`^private ${ip1}, EIP `)));
    // clean-up, in reverse order of creation, one line for each thing removed
    const cleanUp = run.lines.slice(run.lines.indexOf("Clean-up, in reverse order") + 1, -1);
    expect(cleanUp).toEqual([
      "removed DNAT rule",
      expect.stringMatching(/^detached the backends and deleted lb-\w+$/),
      `removed container group ${web2}`,
      `removed container group ${web1}`,
      "removed image cache",
      "removed the SNAT entry, EIP, NAT gateway, security group, vSwitch and VPC",
    ]);
    expect(run.lines.at(-1)).toMatch(
      new RegExp(
        `^Done: all five topics in \\d+\\.\\d s, ${run.fake.requests.length} API calls\\.$`,
      ),
    );
    expectAllAnswered(run);
    expectNothingLeft(run.fake);
  });

  it("main reports what it could not remove and fails, after removing what it could", async () => {
    const fake = createFakeCloud();
    fake.faults.failNext("DeleteLoadBalancer", { code: "Forbidden.RAM", status: 403 });
    const run = await capture(quickstartMain, fake);
    expect(run.failure).toBeInstanceOf(Error);
    // the load balancer stays, so its VPC cannot go either; the rest is removed all the same
    expect((run.failure as Error).message).toBe("clean-up left load balancer, network behind");
    expect(run.errors).toEqual([
      expect.stringMatching(/^ {3}could not remove load balancer: .*Forbidden\.RAM/),
      expect.stringMatching(/^ {3}could not remove network: /),
    ]);
    expect(run.lines.filter((line) => line.startsWith("removed "))).toEqual([
      "removed DNAT rule",
      expect.stringMatching(/^removed container group eci-/),
      expect.stringMatching(/^removed container group eci-/),
      "removed image cache",
    ]);
    expect(run.text).not.toContain("Done:");
    expect(fake.state.slb.loadBalancers).toHaveLength(1);
    expect(fake.state.vpc.vpcs).toHaveLength(1);
    expect(fake.state.eci.containerGroups).toEqual([]);
    expect(fake.state.eci.imageCaches).toEqual([]);
  });

  it("npm start -- --fast: a fresh process on the fake served over HTTP, exits cleanly", async () => {
    const root = join(import.meta.dirname, "..", "..");
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [join(root, "node_modules", "tsx", "dist", "cli.mjs"), "examples/quickstart.ts", "--fast"],
      { cwd: root, timeout: 60_000, env: { ...process.env, NO_COLOR: "1" } },
    );
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^alicloud-eci quick start: .* at http:\/\/127\.0\.0\.1:\d+ /);
    expect(stdout).toMatch(/removed the SNAT entry, EIP, NAT gateway, security group/);
    expect(stdout).toMatch(/\nDone: all five topics in \d+\.\d s, \d+ API calls\.\n$/);
  }, 60_000);
});

describe("examples/logs-and-exec.ts", () => {
  it("main follows a 60-line counter to its end, then execs in nginx and reads its access line", async () => {
    const run = await runOk(logsAndExecMain);
    expect(run.lines).toContain("the log ended with line-60: 60 distinct lines");
    expect(run.text).toMatch(/^\S+Z line-1$/m);
    expect(run.text).toMatch(/^eci-\w+ is Succeeded, exit code 0$/m);
    expect(run.lines).toContain('exec output: "web\\n42\\n"');
    expect(run.lines).toContain("curl localhost: <title>Welcome to nginx!</title>");
    expect(run.text).toMatch(
      /^nginx log: 127\.0\.0\.1 - - \[.+\] "GET \/ HTTP\/1\.1" 200 615 "-" "curl\/8\.5\.0" "-"$/m,
    );
    expect(calls(run.fake, "ExecContainerCommand")).toEqual([
      expect.objectContaining({ Sync: true, Command: ["sh", "-c", "hostname; echo $((6 * 7))"] }),
      expect.objectContaining({ Sync: true, Command: ["sh", "-c", "curl -s http://localhost/"] }),
    ]);
    expectAllAnswered(run);
    expectNothingLeft(run.fake);
  });
});
