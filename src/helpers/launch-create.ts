// Creating one spec of a batch: with its derived ClientToken, through the placement helper
// when it offers several vSwitches (so a stock-out moves on instead of failing the spec).
import type { CallOptions } from "../core/client.js";
import type { LaunchClient, LaunchSpec } from "./launch-types.js";
import { createContainerGroupWithPlacement, type PlacementCandidate } from "./placement.js";

// a csv string, or a list where the input takes one
const list = (csv: string | readonly string[] | undefined) =>
  (typeof csv === "string" ? csv.split(",") : (csv ?? [])).map((s) => s.trim()).filter(Boolean);

/** The placement candidates of a spec, or undefined when one call can place it as it is. */
export function candidatesOf(spec: LaunchSpec): PlacementCandidate[] | undefined {
  const vSwitches = list(spec.VSwitchId);
  const types = list(spec.InstanceType);
  // one vSwitch: ECI tries a comma list of instance types by itself
  if (vSwitches.length < 2) return undefined;
  return vSwitches.flatMap((vSwitchId) =>
    types.length ? types.map((instanceType) => ({ vSwitchId, instanceType })) : [{ vSwitchId }],
  );
}

/** Creates (or finds, on a re-run) the spec's group; throws what the service answered. */
export async function createSpec(
  eci: LaunchClient,
  spec: LaunchSpec,
  token: string,
  call: CallOptions,
): Promise<string> {
  const candidates = candidatesOf(spec);
  if (!candidates) {
    const { ContainerGroupId } = await eci.createContainerGroup(
      { ...spec, ClientToken: token },
      call,
    );
    return ContainerGroupId;
  }
  const { VSwitchId: _v, InstanceType: _t, ClientToken: _c, ...input } = spec;
  const placed = await createContainerGroupWithPlacement(eci, input, {
    candidates,
    clientToken: token,
    call,
  });
  return placed.ContainerGroupId;
}
