// How a container group lives, step by step on the fake clock: scheduled, images pulled (or
// found in an image cache), containers created and started, commands that keep running or
// exit, restarts with back-off, and the end (Succeeded / Failed) that detaches it from SLB.
import { needsInternet, pullDenied, pullTimeout, simulateRun } from "../images.js";
import type {
  ContainerGroupRecord,
  ContainerRecord,
  ContainerState,
  EventRecord,
  ImageCacheRecord,
  World,
} from "../state.js";
import type { ActionContext } from "./context.js";
import { launchProcess } from "./eci-process.js";
import { detachBackend, hasInternet } from "./links.js";

/** Adds an event, or counts it again when the same reason and message is already there. */
export function addEvent(
  events: EventRecord[],
  at: number,
  type: "Normal" | "Warning",
  reason: string,
  message: string,
  component = "kubelet",
): void {
  const same = events.find((e) => e.reason === reason && e.message === message);
  if (same) {
    same.count++;
    same.last = at;
    return;
  }
  events.push({ type, reason, message, first: at, last: at, count: 1, component });
}

/** The registries a group has credentials for (ImageRegistryCredential.N.Server). */
function registryServers(group: ContainerGroupRecord): string[] {
  const given = group.input.ImageRegistryCredential as { Server?: string }[] | undefined;
  return (given ?? []).map((c) => c.Server ?? "");
}

/** Statuses a group never leaves. */
export const TERMINAL = new Set(["Succeeded", "Failed", "Expired"]);

/** What a start needs to know about images already on the instance. */
export interface StartPlan {
  /** images present without pulling (from an image cache, or a previous run) */
  present: Set<string>;
  /** the cache the group starts from, for the hit event */
  cache?: ImageCacheRecord;
}

/** A guard for work scheduled for this generation of the group. */
function liveness(world: World, group: ContainerGroupRecord) {
  const generation = group.generation;
  return () =>
    world.eci.groups.get(group.ContainerGroupId) === group && group.generation === generation;
}

/**
 * Runs a group's containers from `at`: at creation (`fresh`: the Scheduled and image-cache
 * events come first), after a restart and after an update (images of the last run present).
 */
export function startGroup(
  context: ActionContext,
  group: ContainerGroupRecord,
  plan: StartPlan,
  at: number,
  fresh: boolean,
): void {
  const alive = liveness(context.world, group);
  context.clock.schedule(at, (when) => {
    if (!alive()) return;
    if (fresh) {
      addEvent(
        group.events,
        when,
        "Normal",
        "Scheduled",
        `Successfully assigned ${group.ContainerGroupId} to ${group.ZoneId}`,
        "EciService",
      );
      if (plan.cache) {
        addEvent(
          group.events,
          when,
          "Normal",
          "SuccessfulHitImageCache",
          `[eci.imagecache]Successfully hit image cache ${plan.cache.ImageCacheId}, eci will be scheduled with this image cache.`,
          "EciService",
        );
      }
    }
    const all = [
      ...group.initContainers.map((c) => ({ c, init: true })),
      ...group.containers.map((c) => ({ c, init: false })),
    ];
    prepare({ context, group, all, plan, alive }, 0, when);
  });
}

type Entry = { c: ContainerRecord; init: boolean };

/** One launch of a group: its containers in order (init first), while the launch is current. */
interface Launch {
  context: ActionContext;
  group: ContainerGroupRecord;
  all: Entry[];
  plan: StartPlan;
  alive: () => boolean;
}

/** Pulls (or finds) the image of entry `i`, then starts it; the next entry follows. */
function prepare(launch: Launch, i: number, at: number): void {
  const { context, group, all, plan, alive } = launch;
  const entry = all[i];
  if (!entry) {
    updateStatus(context.world, group, at);
    return;
  }
  const { c } = entry;
  const present = plan.present.has(c.image) && c.pullPolicy !== "Always";
  const next = (when: number) => start(launch, i, when);
  if (present) {
    addEvent(
      group.events,
      at,
      "Normal",
      "Pulled",
      `Container image "${c.image}" already present on machine`,
    );
    next(at);
    return;
  }
  if (c.pullPolicy === "Never") {
    c.state = {
      state: "Waiting",
      reason: "ErrImageNeverPull",
      message: `Container image "${c.image}" is not present with pull policy of Never`,
    };
    addEvent(
      group.events,
      at,
      "Warning",
      "ErrImageNeverPull",
      `Container image "${c.image}" is not present with pull policy of Never`,
    );
    updateStatus(context.world, group, at);
    return;
  }
  addEvent(group.events, at, "Normal", "Pulling", `Pulling image "${c.image}"`);
  // a retried pull keeps showing the back-off, as kubelet does
  if (c.state.reason !== "ImagePullBackOff")
    c.state = { state: "Waiting", reason: "ContainerCreating" };
  context.clock.schedule(at + context.durations.imagePull, (done) => {
    if (!alive()) return;
    const offline = needsInternet(c.image) && !hasInternet(context.world, group);
    // a private image needs an ImageRegistryCredential for its registry
    const denied = pullDenied(context.images, c.image, registryServers(group));
    if (offline || denied) {
      // no EIP and no SNAT: Docker Hub is unreachable (topic 1); kubelet backs off and retries
      const message = denied ?? pullTimeout(c.image);
      addEvent(group.events, done, "Warning", "Failed", message);
      addEvent(group.events, done, "Warning", "Failed", "Error: ErrImagePull");
      addEvent(group.events, done, "Normal", "BackOff", `Back-off pulling image "${c.image}"`);
      c.state = {
        state: "Waiting",
        reason: "ImagePullBackOff",
        message: `Back-off pulling image "${c.image}"`,
      };
      updateStatus(context.world, group, done);
      context.clock.schedule(done + context.durations.crashBackoff, (retry) => {
        if (alive()) prepare(launch, i, retry);
      });
      return;
    }
    const seconds = (context.durations.imagePull / 1000).toFixed(3);
    addEvent(
      group.events,
      done,
      "Normal",
      "Pulled",
      `Successfully pulled image "${c.image}" in ${seconds}s`,
    );
    plan.present.add(c.image);
    next(done);
  });
}

/** Creates and starts entry `i`; app containers let the next one go at once, init containers once they exit 0. */
function start(launch: Launch, i: number, at: number): void {
  const { context, group, all, alive } = launch;
  const { c, init } = all[i] as Entry;
  addEvent(group.events, at, "Normal", "Created", `Created container ${c.name}`);
  context.clock.schedule(at + context.durations.containerStart, (when) => {
    if (!alive()) return;
    run(context, group, c, when, alive, init, (next) => prepare(launch, i + 1, next));
  });
}

/**
 * Runs a container's start command once. `proceed(at)` lets the next container go: right
 * away for an app container, after a clean exit for an init container.
 */
function run(
  context: ActionContext,
  group: ContainerGroupRecord,
  c: ContainerRecord,
  at: number,
  alive: () => boolean,
  init: boolean,
  proceed: (at: number) => void,
): void {
  const image = context.images.get(c.image);
  const outcome = simulateRun(image, c.start, { stdin: c.stdin, tty: c.tty });
  if (outcome.kind === "notFound" || outcome.kind === "noCommand") {
    const why =
      outcome.kind === "notFound"
        ? `exec: "${outcome.executable}": executable file not found in $PATH`
        : "no command specified";
    const message = `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${why}: unknown`;
    addEvent(
      group.events,
      at,
      "Warning",
      "Failed",
      `Error: failed to start container "${c.name}": ${message}`,
    );
    c.launched = true;
    terminate(
      context,
      group,
      c,
      at,
      { code: 128, reason: "StartError", message },
      alive,
      init,
      proceed,
    );
    if (!init) proceed(at);
    return;
  }
  addEvent(group.events, at, "Normal", "Started", `Started container ${c.name}`);
  c.state = { state: "Running", startTime: at };
  c.ready = !init;
  c.launched = true;
  updateStatus(context.world, group, at);
  // the process writes its log and ends (or not) on the clock: eci-process.ts
  const current = () => alive() && c.state.state === "Running" && c.state.startTime === at;
  launchProcess(context, group, c, at, outcome, current, (code, end) => {
    const reason = code === 0 ? "Completed" : "Error";
    terminate(context, group, c, end, { code, reason }, alive, init, proceed);
  });
  if (!init) proceed(at);
}

/** A container stopped: restart it after a back-off when its policy says so, else it stays down. */
function terminate(
  context: ActionContext,
  group: ContainerGroupRecord,
  c: ContainerRecord,
  at: number,
  exit: { code: number; reason: string; message?: string },
  alive: () => boolean,
  init: boolean,
  proceed: (at: number) => void,
): void {
  const startTime = c.state.state === "Running" ? c.state.startTime : undefined;
  c.ready = false;
  c.state = {
    state: "Terminated",
    reason: exit.reason,
    exitCode: exit.code,
    finishTime: at,
    ...(startTime !== undefined ? { startTime } : {}),
    ...(exit.message ? { message: exit.message } : {}),
  };
  if (init && exit.code === 0) {
    updateStatus(context.world, group, at);
    proceed(at);
    return;
  }
  const restart =
    group.RestartPolicy === "Always" || (group.RestartPolicy === "OnFailure" && exit.code !== 0);
  if (!restart) {
    updateStatus(context.world, group, at);
    return;
  }
  const backoff = Math.min(300_000, context.durations.crashBackoff * 2 ** c.restartCount);
  c.previous = c.state;
  c.state = {
    state: "Waiting",
    reason: "CrashLoopBackOff",
    message: `back-off ${Math.round(backoff / 1000)}s restarting failed container=${c.name} pod=${group.ContainerGroupName}_default(${group.ContainerGroupId})`,
  };
  addEvent(
    group.events,
    at,
    "Warning",
    "BackOff",
    `Back-off restarting failed container ${c.name} in pod ${group.ContainerGroupName}_default(${group.ContainerGroupId})`,
  );
  updateStatus(context.world, group, at);
  context.clock.schedule(at + backoff, (when) => {
    if (!alive() || c.state.reason !== "CrashLoopBackOff") return;
    c.restartCount++;
    c.previousLog = c.log;
    addEvent(
      group.events,
      when,
      "Normal",
      "Pulled",
      `Container image "${c.image}" already present on machine`,
    );
    addEvent(group.events, when, "Normal", "Created", `Created container ${c.name}`);
    run(context, group, c, when, alive, init, init ? proceed : () => {});
  });
}

/** Derives the group's status from its containers (Restarting/Updating are set by those actions). */
export function updateStatus(world: World, group: ContainerGroupRecord, at: number): void {
  if (TERMINAL.has(group.Status)) return;
  const containers = group.containers;
  let status = group.Status;
  if (
    !containers.every((c) => c.launched) ||
    group.initContainers.some((c) => !(c.state.state === "Terminated" && c.state.exitCode === 0))
  ) {
    status =
      group.Status === "Restarting" || group.Status === "Updating" ? group.Status : "Pending";
  } else if (containers.every((c) => c.state.state === "Terminated")) {
    const ok = containers.every((c) => c.state.exitCode === 0);
    status =
      group.RestartPolicy === "Always"
        ? "Running"
        : ok
          ? "Succeeded"
          : group.RestartPolicy === "Never"
            ? "Failed"
            : "Running";
  } else {
    status = "Running";
  }
  if (
    group.initContainers.some(
      (c) =>
        c.state.state === "Terminated" && c.state.exitCode !== 0 && group.RestartPolicy === "Never",
    )
  ) {
    status = "Failed";
  }
  setStatus(world, group, status, at);
}

/** Sets the status; a terminal one detaches the group from every load balancer. */
export function setStatus(
  world: World,
  group: ContainerGroupRecord,
  status: string,
  at: number,
): void {
  if (group.Status === status) return;
  group.Status = status;
  group.statusAt = at;
  if (status === "Succeeded") group.succeededAt = at;
  if (status === "Failed") group.failedAt = at;
  if (TERMINAL.has(status)) {
    for (const c of group.containers) c.ready = false;
    detachBackend(world, [group.ContainerGroupId, group.EniInstanceId]);
  }
}

/** Kills every container (restart, update): their state becomes the previous state. */
export function stopContainers(group: ContainerGroupRecord, at: number): void {
  for (const c of [...group.initContainers, ...group.containers]) {
    const wasRunning = c.state.state === "Running";
    const stopped: ContainerState = {
      state: "Terminated",
      reason: wasRunning ? "Completed" : (c.state.reason ?? "Completed"),
      exitCode: wasRunning ? 0 : (c.state.exitCode ?? 0),
      finishTime: at,
      ...(c.state.startTime !== undefined ? { startTime: c.state.startTime } : {}),
    };
    c.previous = stopped;
    c.previousLog = c.log;
    c.log = [];
    c.state = { state: "Waiting", reason: "ContainerCreating" };
    c.ready = false;
    c.launched = false;
    if (wasRunning) addEvent(group.events, at, "Normal", "Killing", `Stopping container ${c.name}`);
  }
}
