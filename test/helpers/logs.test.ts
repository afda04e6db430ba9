// followContainerLog and execInContainer against the fake cloud on its manual clock: the
// follower's pauses advance the fake, so a minute of a counter container takes milliseconds.
import { describe, expect, it } from "vitest";
import {
  createEciClient,
  execInContainer,
  followContainerLog,
  type LogEntry,
} from "../../src/index.js";
import { createFakeCloud } from "../../src/testing/index.js";

const COUNTER = "for i in $(seq 1 60); do echo line-$i; sleep 1; done";

async function setup(
  script: string,
  more: {
    RestartPolicy?: "Always" | "Never" | "OnFailure";
    Image?: string;
    crashBackoff?: number;
  } = {},
) {
  const fake = createFakeCloud({
    startTime: new Date("2025-01-01T00:00:00Z"),
    ...(more.crashBackoff ? { durations: { crashBackoff: more.crashBackoff } } : {}),
  });
  const eci = createEciClient({ regionId: "cn-hangzhou", ...fake.clientOptions() });
  const { ContainerGroupId } = await eci.createContainerGroup({
    ContainerGroupName: "counter",
    RestartPolicy: more.RestartPolicy ?? "Never",
    Container: [
      { Name: "app", Image: more.Image ?? "busybox:1.36", Command: ["sh", "-c", script] },
    ],
  });
  return { fake, eci, ref: { ContainerGroupId, ContainerName: "app" } };
}

async function collect(lines: AsyncIterable<LogEntry>): Promise<LogEntry[]> {
  const out: LogEntry[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

describe("followContainerLog", () => {
  it("yields the 60 lines of a counter once each, in order, then ends with the container", async () => {
    const { fake, eci, ref } = await setup(COUNTER);
    const lines = await collect(followContainerLog(eci, ref, fake.waiterOptions()));
    expect(lines.map((l) => l.text)).toEqual(Array.from({ length: 60 }, (_, i) => `line-${i + 1}`));
    expect(lines[1]?.time.getTime()).toBe((lines[0]?.time.getTime() ?? 0) + 1000);
    expect(fake.state.eci.containerGroups[0]).toMatchObject({ Status: "Succeeded" });
    expect(fake.state.eci.containerGroups[0]?.Containers?.[0]?.CurrentState).toMatchObject({
      ExitCode: 0,
    });
  });

  it("keeps lines that share a timestamp, across the overlap of polls", async () => {
    // three identical lines and another in the same instant, every 3 s; 100 bytes per answer
    // cut a group of same-time lines in two, and the next poll re-reads that second
    const { fake, eci, ref } = await setup(
      "for i in 1 2 3 4; do echo same; echo same; echo same; echo other-$i; sleep 3; done",
    );
    const lines = await collect(
      followContainerLog(eci, ref, {
        ...fake.waiterOptions(),
        minDelayMs: 400,
        maxDelayMs: 400,
        limitBytes: 100,
      }),
    );
    expect(lines.map((l) => l.text)).toEqual(
      [1, 2, 3, 4].flatMap((i) => ["same", "same", "same", `other-${i}`]),
    );
  });

  it("starts from tail / sinceSeconds, and tail 0 gives only new lines", async () => {
    const texts = (lines: LogEntry[]) => lines.map((l) => l.text);
    const counter = (from: number) =>
      Array.from({ length: 61 - from }, (_, i) => `line-${from + i}`);
    for (const [options, first] of [
      [{ tail: 3 }, "line-X-2"],
      [{ tail: 0 }, "line-X+1"],
      [{ sinceSeconds: 5 }, "line-X-5"], // the line written 5 s ago included
    ] as const) {
      const { fake, eci, ref } = await setup(COUNTER);
      fake.advance(40_000); // the counter has been running for a while
      const log = await eci.describeContainerLog({ ...ref, Tail: 1 });
      const written = Number(/line-(\d+)/.exec(log.Content ?? "")?.[1]);
      const from = written + Number(first.slice("line-X".length));
      const lines = await collect(
        followContainerLog(eci, ref, { ...fake.waiterOptions(), ...options }),
      );
      expect(texts(lines)).toEqual(counter(from));
    }
  });

  it("follows across restarts: the rest of the ended run first, then the new run", async () => {
    const { fake, eci, ref } = await setup("echo start; sleep 5; echo bye; exit 1", {
      RestartPolicy: "OnFailure",
      crashBackoff: 1_000,
    }); // restarts 1 s after each exit: between two polls;
    const seen: string[] = [];
    const controller = new AbortController();
    const follow = followContainerLog(eci, ref, {
      ...fake.waiterOptions(),
      signal: controller.signal,
      minDelayMs: 7_000,
      maxDelayMs: 7_000,
    });
    await expect(
      (async () => {
        for await (const line of follow) {
          seen.push(line.text);
          if (seen.length === 6) controller.abort();
        }
      })(),
    ).rejects.toMatchObject({ name: "AbortError" });
    expect(seen).toEqual(["start", "bye", "start", "bye", "start", "bye"]);
  });

  it("stops at once when its signal aborts, mid-pause", async () => {
    const { fake, eci, ref } = await setup("while true; do sleep 60; done");
    const controller = new AbortController();
    const options = fake.waiterOptions();
    const follow = followContainerLog(eci, ref, {
      ...options,
      signal: controller.signal,
      sleep: (ms, signal) => {
        controller.abort(); // the first pause is interrupted
        return options.sleep(ms, signal);
      },
    });
    await expect(collect(follow)).rejects.toMatchObject({ name: "AbortError" });
  });

  it("reads a log longer than LimitBytes over several polls, none lost", async () => {
    const { fake, eci, ref } = await setup(COUNTER);
    fake.advance(70_000); // all 60 lines written: 2,700 bytes with their timestamps
    const lines = await collect(
      followContainerLog(eci, ref, { ...fake.waiterOptions(), limitBytes: 200 }),
    );
    expect(lines.map((l) => l.text)).toEqual(Array.from({ length: 60 }, (_, i) => `line-${i + 1}`));
    const reads = fake.requests.filter((r) => r.action === "DescribeContainerLog");
    expect(reads.length).toBeGreaterThan(10);
  });

  it("asks for more bytes when one second of log does not fit in LimitBytes", async () => {
    const { fake, eci, ref } = await setup("seq 1 500; sleep 5"); // 500 lines in one instant
    const lines = await collect(
      followContainerLog(eci, ref, { ...fake.waiterOptions(), limitBytes: 200 }),
    );
    expect(lines.map((l) => l.text)).toEqual(Array.from({ length: 500 }, (_, i) => String(i + 1)));
  });

  it("follows an init container to its end; an unknown container is the API's InvalidParameter", async () => {
    const fake = createFakeCloud();
    const eci = createEciClient({ regionId: "cn-hangzhou", ...fake.clientOptions() });
    const { ContainerGroupId } = await eci.createContainerGroup({
      ContainerGroupName: "with-init",
      InitContainer: [
        { Name: "init", Image: "busybox:1.36", Command: ["sh", "-c", "seq 1 3; sleep 2"] },
      ],
      Container: [{ Name: "app", Image: "nginx:1.25" }],
    });
    const init = await collect(
      followContainerLog(eci, { ContainerGroupId, ContainerName: "init" }, fake.waiterOptions()),
    );
    expect(init.map((l) => l.text)).toEqual(["1", "2", "3"]);
    await expect(
      collect(
        followContainerLog(eci, { ContainerGroupId, ContainerName: "nope" }, fake.waiterOptions()),
      ),
    ).rejects.toMatchObject({ code: "InvalidParameter" });
  });

  it("reports a gap when more than 2,000 lines came between two polls (Tail's limit)", async () => {
    const { fake, eci, ref } = await setup("seq 1 10; sleep 20; seq 11 2510; sleep 3");
    const gaps: string[] = [];
    const lines = await collect(
      followContainerLog(eci, ref, {
        ...fake.waiterOptions(),
        minDelayMs: 5_000,
        maxDelayMs: 5_000,
        onGap: (gap) => gaps.push(gap.reason),
      }),
    );
    const numbers = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
    expect(lines.map((l) => l.text)).toEqual([...numbers(1, 10), ...numbers(511, 2510)]);
    expect(gaps).toEqual(["more than 2000 lines between two polls"]);
  });

  it("ends when the group is deleted", async () => {
    const { fake, eci, ref } = await setup("while true; do echo up; sleep 10; done");
    const options = fake.waiterOptions();
    let pauses = 0;
    const lines = await collect(
      followContainerLog(eci, ref, {
        ...options,
        sleep: async (ms, signal) => {
          if (++pauses === 5)
            await eci.deleteContainerGroup({ ContainerGroupId: ref.ContainerGroupId });
          return options.sleep(ms, signal);
        },
      }),
    );
    expect(lines.every((l) => l.text === "up")).toBe(true);
  });
});

describe("execInContainer", () => {
  it("runs a one-shot command with Sync and resolves its output", async () => {
    const { fake, eci, ref } = await setup("sleep infinity");
    fake.advance(60_000);
    expect(
      await execInContainer(eci, {
        ...ref,
        Command: "for i in 1 2 3; do echo n=$i; done; hostname",
      }),
    ).toEqual({
      output: "n=1\nn=2\nn=3\ncounter\n",
    });
    expect(await execInContainer(eci, { ...ref, Command: ["echo", "a  b"] })).toEqual({
      output: "a  b\n",
    });
  });

  it("runs a script given as Args after an image's entrypoint script", async () => {
    const fake = createFakeCloud();
    const eci = createEciClient({ regionId: "cn-hangzhou", ...fake.clientOptions() });
    const { ContainerGroupId } = await eci.createContainerGroup({
      ContainerGroupName: "job",
      RestartPolicy: "Never",
      Container: [
        { Name: "node", Image: "node:20", Arg: ["sh", "-c", "echo one; sleep 2; echo two"] },
      ],
    });
    const lines = await collect(
      followContainerLog(eci, { ContainerGroupId, ContainerName: "node" }, fake.waiterOptions()),
    );
    expect(lines.map((l) => l.text)).toEqual(["one", "two"]);
  });

  it("curl in an nginx group writes nginx's access line to its log", async () => {
    const fake = createFakeCloud({ startTime: new Date("2025-01-01T00:00:00Z") });
    const eci = createEciClient({ regionId: "cn-hangzhou", ...fake.clientOptions() });
    const { ContainerGroupId } = await eci.createContainerGroup({
      ContainerGroupName: "web",
      Container: [{ Name: "nginx", Image: "nginx:1.25" }],
    });
    fake.advance(60_000);
    const { output } = await execInContainer(eci, {
      ContainerGroupId,
      ContainerName: "nginx",
      Command: "curl -s http://localhost/",
    });
    expect(output).toContain("Welcome to nginx!");
    const { Content } = await eci.describeContainerLog({
      ContainerGroupId,
      ContainerName: "nginx",
      Tail: 1,
    });
    expect(Content).toMatch(
      /^127\.0\.0\.1 - - \[01\/Jan\/2025:00:01:00 \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "curl\/8\.5\.0" "-"\n$/,
    );
  });
});
