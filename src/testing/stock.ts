// Stock on demand: a zone or an instance type sold out (the create call refused, or the
// group ScheduleFailed with the real event), a zone about to run out, and the service's
// heavy load, each scripted per zone and instance type (`fake.stock`). Codes, statuses and
// event texts are the ones of ECI's error code list and its "custom events" page.
import { FakeApiError } from "./errors.js";

/** Which requests a rule hits: a zone, an instance type, both, or (neither) every one. */
export interface StockMatch {
  /** e.g. `cn-hangzhou-h`; omitted: every zone */
  zoneId?: string;
  /** e.g. `ecs.c6.large`; omitted: every spec (groups sized by Cpu/Memory included) */
  instanceType?: string;
}

/** How `soldOut` fails a request. */
export interface SoldOutOptions extends StockMatch {
  /**
   * `create` (default): CreateContainerGroup is refused with `code`.
   * `schedule`: the call succeeds, then the group turns `ScheduleFailed` with a `NoStock` event.
   */
  when?: "create" | "schedule";
  /** the refusal at `create`: `OperationDenied.NoStock` (default) or `Zone.NotOnSale`, both HTTP 403 */
  code?: "OperationDenied.NoStock" | "Zone.NotOnSale";
}

/** A scheduling failure after the group was accepted. */
export interface ScheduleFailureOptions extends StockMatch {
  /**
   * The event: `UnknownError` (the service is under heavy load, the default),
   * `FailedScheduling`, `StockClose` (zone closed) or `NoStock`.
   */
  reason?: "UnknownError" | "FailedScheduling" | "StockClose" | "NoStock";
  /** how many groups fail this way (default: every one, until `clear`) */
  count?: number;
}

/** What the fake decided for one candidate zone and spec. */
export type StockVerdict =
  | { kind: "ok"; warning?: StockEvent }
  | { kind: "refuse"; error: FakeApiError }
  | { kind: "scheduleFailed"; event: StockEvent };

/** An event as ECI writes it (component EciService). */
export interface StockEvent {
  type: "Warning";
  reason: string;
  message: string;
}

interface Rule extends StockMatch {
  verdict: (where: string) => StockVerdict;
  left: number;
}

const REFUSALS: Record<string, string> = {
  "OperationDenied.NoStock":
    "The requested resource is sold out in the specified zone; try other types of resources or other regions and zones.",
  "Zone.NotOnSale":
    "The resource in the specified zone is no longer available for sale. Please try other regions and zones.",
};

/** The event messages of ECI's custom events page; `%s` is where the zone and spec go. */
const EVENTS: Record<NonNullable<ScheduleFailureOptions["reason"]> | "StockExhaust", string> = {
  NoStock: "Create ECI failed because the specified instance is out of stock. %s",
  StockClose:
    "Create ECI failed because current zone closed or limited without living instance. %s",
  FailedScheduling: "Schedule eci failed:%s",
  UnknownError:
    "The ECI service is under heavy load while creating container group resources, please wait and try again later",
  StockExhaust: "The stock of the specified zones will be used up. %s",
};

const event = (reason: keyof typeof EVENTS, where: string): StockEvent => ({
  type: "Warning",
  reason,
  message: EVENTS[reason].replace("%s", where),
});

/** `fake.stock`: sell out zones and specs, slow the service down, restock. */
export class Stock {
  private readonly rules: Rule[] = [];

  /** Sells out a zone, an instance type in a zone, or an instance type everywhere. */
  soldOut(options: SoldOutOptions = {}): void {
    const { when = "create", code = "OperationDenied.NoStock", zoneId, instanceType } = options;
    this.rules.push({
      ...match(zoneId, instanceType),
      left: Number.POSITIVE_INFINITY,
      verdict: (where) =>
        when === "schedule"
          ? { kind: "scheduleFailed", event: event("NoStock", where) }
          : {
              kind: "refuse",
              error: new FakeApiError(code, `${REFUSALS[code]} (${where})`, 403),
            },
    });
  }

  /** Groups are still created, with a `StockExhaust` warning: the zone is about to run out. */
  lowStock(options: StockMatch = {}): void {
    this.rules.push({
      ...match(options.zoneId, options.instanceType),
      left: Number.POSITIVE_INFINITY,
      verdict: (where) => ({ kind: "ok", warning: event("StockExhaust", where) }),
    });
  }

  /** The next groups (or every one) are accepted and then turn `ScheduleFailed` with `reason`'s event. */
  scheduleFailure(options: ScheduleFailureOptions = {}): void {
    const reason = options.reason ?? "UnknownError";
    this.rules.push({
      ...match(options.zoneId, options.instanceType),
      left: options.count ?? Number.POSITIVE_INFINITY,
      verdict: (where) => ({ kind: "scheduleFailed", event: event(reason, where) }),
    });
  }

  /** Puts a zone or spec back in stock (omitted: everything), dropping its rules. */
  restock(options: StockMatch = {}): void {
    for (let i = this.rules.length - 1; i >= 0; i--) {
      const rule = this.rules[i] as Rule;
      const zone = options.zoneId === undefined || rule.zoneId === options.zoneId;
      const type = options.instanceType === undefined || rule.instanceType === options.instanceType;
      if (zone && type) this.rules.splice(i, 1);
    }
  }

  /** Removes every rule. */
  clear(): void {
    this.rules.length = 0;
  }

  /** @internal The verdict for a group in `zoneId` with `instanceType` (empty: sized by Cpu/Memory); the newest rule wins. */
  check(zoneId: string, instanceType: string): StockVerdict {
    const where = `zone: ${zoneId}, instanceType: ${instanceType || "(cpu/memory)"}`;
    return this.rules[this.find(zoneId, instanceType)]?.verdict(where) ?? { kind: "ok" };
  }

  /** @internal Counts a scheduling failure against its rule (rules with `count` run out). */
  consume(zoneId: string, instanceType: string): void {
    const index = this.find(zoneId, instanceType);
    const rule = this.rules[index];
    if (rule && --rule.left <= 0) this.rules.splice(index, 1);
  }

  private find(zoneId: string, instanceType: string): number {
    for (let i = this.rules.length - 1; i >= 0; i--) {
      const rule = this.rules[i] as Rule;
      if (rule.zoneId !== undefined && rule.zoneId !== zoneId) continue;
      if (rule.instanceType !== undefined && rule.instanceType !== instanceType) continue;
      return i;
    }
    return -1;
  }
}

function match(zoneId: string | undefined, instanceType: string | undefined): StockMatch {
  return {
    ...(zoneId !== undefined ? { zoneId } : {}),
    ...(instanceType !== undefined ? { instanceType } : {}),
  };
}
