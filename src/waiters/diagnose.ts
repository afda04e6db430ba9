// What a container group's or image cache's events say went wrong: an image that cannot
// be pulled (and why: no way out to the internet, access denied, not found), or a group
// the service could not place (out of stock, zone closed, heavy load). Read from the
// event texts alone: the waiter sees no network, so the advice follows from the words.
import type { WaiterEvent } from "./types.js";

/** Why an image does not pull, as far as the event text tells. */
export type PullFailureKind = "noInternet" | "accessDenied" | "notFound" | "unknown";

/** An image whose latest pull failed (no successful pull since). */
export interface PullFailure {
  kind: PullFailureKind;
  /** the image as the event names it */
  image: string;
  /** what to do about it, in one sentence */
  advice: string;
  /** the event with the registry's answer, newest */
  event: WaiterEvent;
  /** how often that pull failed so far (the event's Count) */
  count: number;
}

/** A group ECI could not place. */
export interface ScheduleFailure {
  /** the event's reason: `NoStock`, `StockClose`, `FailedScheduling`, `UnknownError`, `InsufficientBalance` */
  code: string;
  /** true when the zone or spec is out of stock (another zone or instance type may work) */
  outOfStock: boolean;
  /** what to do about it, in one sentence */
  advice: string;
  event: WaiterEvent;
}

const SCHEDULE_ADVICE: Record<string, { outOfStock: boolean; advice: string }> = {
  NoStock: {
    outOfStock: true,
    advice:
      "the zone has no stock for this spec: give several vSwitches (zones) and instance types, or try again later",
  },
  StockClose: {
    outOfStock: true,
    advice: "the zone is closed to new instances: use a vSwitch in another zone",
  },
  FailedScheduling: { outOfStock: false, advice: "scheduling failed: try creating it again" },
  UnknownError: {
    outOfStock: false,
    advice: "the service is under heavy load: wait and create it again",
  },
  InsufficientBalance: {
    outOfStock: false,
    advice: "the account's balance is too low to buy the instance",
  },
};

/** The newest scheduling failure among `latest` (newest first), if any. */
export function scheduleFailure(latest: readonly WaiterEvent[]): ScheduleFailure | undefined {
  for (const event of latest) {
    if (event.Type !== "Warning" || !event.Reason) continue;
    const known = Object.hasOwn(SCHEDULE_ADVICE, event.Reason)
      ? SCHEDULE_ADVICE[event.Reason]
      : undefined;
    // UnknownError is also the reason of unrelated events; only the heavy-load one is about placing
    if (!known || (event.Reason === "UnknownError" && !/heavy load/i.test(event.Message ?? "")))
      continue;
    return { code: event.Reason, ...known, event };
  }
  return undefined;
}

const IMAGE = /image "([^"]+)"/;
const NO_INTERNET =
  /i\/o timeout|dial tcp|no such host|connection timed out|context deadline exceeded|network is unreachable|no route to host/i;
const DENIED =
  /pull access denied|unauthorized|authentication required|insufficient_scope|denied:/i;
const NOT_FOUND = /not found|manifest unknown|does not exist/i;

/** The registry of an image reference (`docker.io` for Docker Hub names). */
export function registryOf(image: string): string {
  const slash = image.indexOf("/");
  const first = slash > 0 ? image.slice(0, slash) : "";
  return first.includes(".") || first.includes(":") || first === "localhost" ? first : "docker.io";
}

const ALIBABA = /\.aliyuncs\.com(\.cn)?$/;

function kindOf(image: string, message: string): PullFailureKind {
  if (DENIED.test(message)) return "accessDenied";
  if (NO_INTERNET.test(message) && !ALIBABA.test(registryOf(image))) return "noInternet";
  if (NOT_FOUND.test(message)) return "notFound";
  return "unknown";
}

function adviceFor(kind: PullFailureKind, image: string, message: string): string {
  const registry = registryOf(image);
  switch (kind) {
    case "noInternet":
      return `${registry} could not be reached: a public image needs internet access, a SNAT entry for the vSwitch on a NAT gateway with an EIP, or an EIP on the group (AutoCreateEip or EipInstanceId); or use an image cache or an ACR copy of the image`;
    case "accessDenied":
      return `${registry} refused the pull: give an ImageRegistryCredential for ${registry} (Server, UserName, Password), or check the image name`;
    case "notFound":
      return "the registry has no such image: check its name and tag";
    default:
      return `the registry answered: ${message.replace(/^Failed to pull image "[^"]*":\s*/, "")}`;
  }
}

/**
 * Images whose latest pull failed, newest first. A failure counts when a `Failed` warning
 * naming the image is newer than its last successful `Pulled` event.
 */
export function pullFailures(latest: readonly WaiterEvent[]): PullFailure[] {
  const pulledAt = new Map<string, string>();
  const found = new Map<string, PullFailure>();
  // oldest first, so later events overrule earlier ones
  for (const event of [...latest].reverse()) {
    const image = IMAGE.exec(event.Message ?? "")?.[1];
    if (!image) continue;
    if (event.Reason === "Pulled") {
      pulledAt.set(image, stamp(event));
      found.delete(image);
    } else if (
      event.Type === "Warning" &&
      event.Reason === "Failed" &&
      /pull/i.test(event.Message ?? "")
    ) {
      if ((pulledAt.get(image) ?? "") > stamp(event)) continue;
      const kind = kindOf(image, event.Message ?? "");
      found.set(image, {
        kind,
        image,
        advice: adviceFor(kind, image, event.Message ?? ""),
        event,
        count: event.Count ?? 1,
      });
    }
  }
  return [...found.values()].reverse();
}

const stamp = (event: WaiterEvent) => event.LastTimestamp ?? event.FirstTimestamp ?? "";
