// Where CreateContainerGroup puts a group: the VSwitches (zones) and instance types it was
// given, tried in order against the stock (`fake.stock`) and the free addresses, and the
// ScheduleFailed end of a group the fake accepted but could not place.
import type { components } from "../../../generated/eci.js";
import { FakeApiError } from "../errors.js";
import type { ContainerGroupRecord, VSwitchRecord } from "../state.js";
import type { StockEvent, StockVerdict } from "../stock.js";
import { type ActionContext, listOf } from "./context.js";
import { addEvent, setStatus } from "./eci-lifecycle.js";
import { allocateIp, hasFreeIp, releaseIp } from "./links.js";

type CreateInput = components["schemas"]["CreateContainerGroupRequest"];

function availableVSwitches(context: ActionContext, ids: string[]): VSwitchRecord[] {
  if (ids.length === 0) return [];
  const candidates = ids.map((id) => context.world.vpc.vSwitches.find(context, id));
  const ready = candidates.filter((v) => v.Status === "Available");
  if (ready.length === 0)
    throw new FakeApiError(
      "IncorrectVSwitchStatus",
      `The VSwitch ${candidates[0]?.VSwitchId} is Pending; wait until it is Available.`,
    );
  return ready;
}

/** Where the group lands: the first VSwitch (zone) and instance type in stock with an address free. */
export interface Placement {
  vSwitch: VSwitchRecord | undefined;
  zoneId: string;
  instanceType: string;
  verdict: StockVerdict;
}

/**
 * ECI tries every VSwitch given (zones) and every instance type given (up to 5, comma
 * separated); the fake tries them in order. A VSwitch without a free address is skipped
 * (`InvalidVSwitchId.IpNotEnough` when none has one); a refusal is thrown when no
 * candidate is in stock; a candidate whose verdict is a scheduling failure is taken last.
 */
export function place(context: ActionContext, input: CreateInput, zoneFallback: string): Placement {
  const vSwitches = availableVSwitches(context, listOf(input.VSwitchId));
  const withIp = vSwitches.filter(hasFreeIp);
  if (vSwitches.length > 0 && withIp.length === 0) allocateIp(vSwitches[0] as VSwitchRecord);
  const types = listOf(input.InstanceType);
  const candidates: Placement[] = [];
  for (const vSwitch of withIp.length ? withIp : [undefined])
    for (const instanceType of types.length ? types : [""]) {
      const zoneId = vSwitch?.ZoneId ?? zoneFallback;
      candidates.push({
        vSwitch,
        zoneId,
        instanceType,
        verdict: context.stock.check(zoneId, instanceType),
      });
    }
  const chosen =
    candidates.find((c) => c.verdict.kind === "ok") ??
    candidates.find((c) => c.verdict.kind === "scheduleFailed");
  if (chosen) return chosen;
  const refused = candidates[0]?.verdict;
  throw refused?.kind === "refuse" ? refused.error : new Error("no placement candidate");
}

/** The group was accepted but cannot be placed: at `at` its event is written and it turns ScheduleFailed. */
export function scheduleFailed(
  context: ActionContext,
  group: ContainerGroupRecord,
  event: StockEvent,
  at: number,
): void {
  const generation = group.generation;
  // the rule is spent when the group is accepted: a `count` of 1 fails this group only
  context.stock.consume(group.ZoneId, group.InstanceType);
  context.clock.schedule(at, (when) => {
    if (context.world.eci.groups.get(group.ContainerGroupId) !== group) return;
    if (group.generation !== generation) return;
    addEvent(group.events, when, event.type, event.reason, event.message, "EciService");
    setStatus(context.world, group, "ScheduleFailed", when);
    if (group.VSwitchId) releaseIp(context.world, group.VSwitchId, group.IntranetIp);
  });
}
