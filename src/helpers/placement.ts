// Placement that survives a stock-out: create a container group on the first of several
// (vSwitch, instance type) candidates that has stock, one ClientToken per attempt, and a
// tag that lets a re-run find the group an earlier run created instead of making another.
import type { EciClient } from "../../generated/eci.client.js";
import type { CreateContainerGroupInput } from "../../generated/eci.types.js";
import { PopError } from "../base/errors.js";
import type { CallOptions } from "../core/client.js";

/** The codes that mean "not here, try elsewhere": out of stock, zone closed, vSwitch full. */
export const PLACEMENT_CODES: ReadonlySet<string> = new Set([
  "OperationDenied.NoStock",
  "NoStock",
  "Zone.NotOnSale",
  "RecommendEmpty.InstanceTypeNoStock",
  "InvalidVSwitchId.IpNotEnough",
]);

/** true for an API error that another zone, instance type or vSwitch may not have. */
export function isStockError(error: unknown): error is PopError {
  return error instanceof PopError && PLACEMENT_CODES.has(error.code);
}

/** One place to try: a vSwitch (its zone) and, optionally, an instance type (or several, comma separated). */
export interface PlacementCandidate {
  /** `vsw-…`: its zone is where the group goes */
  vSwitchId: string;
  /** e.g. `ecs.c6.large`; omitted: the input's Cpu/Memory */
  instanceType?: string;
}

/** What `createContainerGroupWithPlacement` takes besides the group's input. */
export interface PlacementOptions {
  /** the places to try, in order */
  candidates: readonly PlacementCandidate[];
  /**
   * A token naming this creation (at most 47 characters; attempt `n` sends `<token>-<n>`).
   * Give a stable one to make a re-run safe: the group is tagged with it, and a re-run
   * that finds a live group so tagged returns it instead of creating another.
   * Omitted: a random one, safe against retries within one run only.
   */
  clientToken?: string;
  /** passed on to every call (signal, timeout, retry) */
  call?: CallOptions;
}

/** One attempt: where, with which ClientToken, and how it ended. */
export interface PlacementAttempt {
  /** the candidate's vSwitch */
  vSwitchId: string;
  /** the candidate's instance type, if it had one */
  instanceType?: string;
  /** the ClientToken this attempt sent (`<token>-<n>`) */
  clientToken: string;
  /** `created`, `found` (an earlier run's group), or the stock error's code */
  outcome: "created" | "found" | string;
}

/** Where the group landed and what was tried. */
export interface PlacementResult {
  /** the group, created now or by an earlier run */
  ContainerGroupId: string;
  /** where it landed */
  vSwitchId: string;
  /** with which instance type, if the candidate named one */
  instanceType?: string;
  /** every attempt, in order, the last one `created` or `found` */
  attempts: PlacementAttempt[];
}

/** Thrown when no candidate had stock; `attempts` says what each one answered. */
export class PlacementError extends Error {
  /** always `PlacementError` */
  override name = "PlacementError";
  /** every candidate tried, with its error code */
  readonly attempts: readonly PlacementAttempt[];

  constructor(attempts: PlacementAttempt[], last: unknown) {
    super(
      `no candidate could take the container group: ${attempts
        .map((a) => `${a.vSwitchId}${a.instanceType ? `/${a.instanceType}` : ""} ${a.outcome}`)
        .join(", ")}`,
      { cause: last },
    );
    this.attempts = attempts;
  }
}

const TAG = "alicloud-eci:placement";
const LIVE = new Set(["Scheduling", "Pending", "Running", "Restarting", "Updating"]);

/**
 * Creates a container group on the first candidate (vSwitch, instance type) that has
 * stock: on `OperationDenied.NoStock`, `Zone.NotOnSale`, `InvalidVSwitchId.IpNotEnough`
 * and the like it moves to the next candidate; any other error is thrown at once. Each
 * attempt has its own ClientToken (`<token>-<n>`), so the SDK's retries of one attempt
 * never create two groups; with a stable `clientToken` a re-run finds the group an
 * earlier run created (by its tag) and returns it. A group accepted and then
 * `ScheduleFailed` for stock is seen by `waitForContainerGroupRunning` (`ScheduleError`,
 * `outOfStock`). Throws {@link PlacementError} when every candidate refused.
 *
 * ECI can also choose by itself: one call with `VSwitchId: "vsw-a,vsw-b"` and
 * `InstanceType: "ecs.c6.large,ecs.g6.large"`. This helper is for when the order matters
 * or you need to know what was tried.
 */
export async function createContainerGroupWithPlacement(
  eci: Pick<EciClient, "createContainerGroup" | "describeContainerGroups">,
  input: Omit<CreateContainerGroupInput, "VSwitchId" | "InstanceType" | "ClientToken">,
  options: PlacementOptions,
): Promise<PlacementResult> {
  if (options.candidates.length === 0)
    throw new RangeError("placement needs at least one candidate");
  const token = options.clientToken ?? randomToken();
  if (token.length > 47)
    throw new RangeError("clientToken: at most 47 characters (`-<n>` is added)");
  const attempts: PlacementAttempt[] = [];
  if (options.clientToken !== undefined) {
    const earlier = await findPlaced(eci, input, token, options.call);
    if (earlier) {
      attempts.push({ ...where(earlier), clientToken: token, outcome: "found" });
      return { ContainerGroupId: earlier.ContainerGroupId, ...where(earlier), attempts };
    }
  }
  let last: unknown;
  for (const [n, candidate] of options.candidates.entries()) {
    const clientToken = `${token}-${n}`;
    const attempt = {
      vSwitchId: candidate.vSwitchId,
      ...(candidate.instanceType ? { instanceType: candidate.instanceType } : {}),
      clientToken,
    };
    try {
      const { ContainerGroupId } = await eci.createContainerGroup(
        {
          ...input,
          VSwitchId: candidate.vSwitchId,
          ...(candidate.instanceType ? { InstanceType: candidate.instanceType } : {}),
          Tag: [...(input.Tag ?? []), { Key: TAG, Value: token }],
          ClientToken: clientToken,
        },
        options.call,
      );
      attempts.push({ ...attempt, outcome: "created" });
      return { ContainerGroupId, ...stripToken(attempt), attempts };
    } catch (error) {
      if (!isStockError(error)) throw error;
      attempts.push({ ...attempt, outcome: error.code });
      last = error;
    }
  }
  throw new PlacementError(attempts, last);
}

type Group = { ContainerGroupId: string; VSwitchId?: string; InstanceType?: string };

async function findPlaced(
  eci: Pick<EciClient, "describeContainerGroups">,
  input: { RegionId?: string },
  token: string,
  call: CallOptions | undefined,
): Promise<Group | undefined> {
  const { ContainerGroups } = await eci.describeContainerGroups(
    { ...(input.RegionId ? { RegionId: input.RegionId } : {}), Tag: [{ Key: TAG, Value: token }] },
    call,
  );
  return ContainerGroups?.find((g) => g.Status !== undefined && LIVE.has(g.Status)) as
    | Group
    | undefined;
}

const where = (group: Group) => ({
  vSwitchId: group.VSwitchId ?? "",
  ...(group.InstanceType ? { instanceType: group.InstanceType } : {}),
});

const stripToken = ({
  clientToken: _,
  ...rest
}: PlacementAttempt | Omit<PlacementAttempt, "outcome">) => rest;

function randomToken(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return `place-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
