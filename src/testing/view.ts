// `fake.state`: what the fake holds, shown the way the Describe actions show it. Every read
// first runs the work that became due, and hands out frozen copies.
import type { components as Eci } from "../../generated/eci.js";
import type { components as Ecs, operations as EcsOperations } from "../../generated/ecs.js";
import type { operations as SlbOperations } from "../../generated/slb.js";
import type { components as Vpc } from "../../generated/vpc.js";
import type { Output } from "../core/types.js";
import type { FakeClock } from "./clock.js";
import type { ActionContext } from "./products/context.js";
import { renderCache, renderGroup } from "./products/eci-render.js";
import { ecsActions } from "./products/ecs.js";
import { slbActions } from "./products/slb.js";
import { renderEip } from "./products/vpc-eip.js";
import { renderNatGateway } from "./products/vpc-nat.js";
import { renderForward, renderSnat } from "./products/vpc-nat-entries.js";
import { renderVpc, renderVSwitch } from "./products/vpc-network.js";
import type { World } from "./state.js";

/** Read-only snapshots of every resource, per product, in the API's own shapes. */
export interface FakeStateView {
  /** ECI resources */
  readonly eci: {
    /** as DescribeContainerGroups returns them (events included) */
    readonly containerGroups: readonly Eci["schemas"]["ContainerGroup"][];
    /** as DescribeImageCaches returns them */
    readonly imageCaches: readonly Eci["schemas"]["ImageCache"][];
  };
  /** VPC resources */
  readonly vpc: {
    /** as DescribeVpcs returns them */
    readonly vpcs: readonly Vpc["schemas"]["Vpc"][];
    /** as DescribeVSwitches returns them */
    readonly vSwitches: readonly Vpc["schemas"]["VSwitch"][];
    /** as DescribeNatGateways returns them */
    readonly natGateways: readonly Vpc["schemas"]["NatGateway"][];
    /** as DescribeEipAddresses returns them */
    readonly eipAddresses: readonly Vpc["schemas"]["EipAddress"][];
    /** as DescribeSnatTableEntries returns them, every SNAT table's together */
    readonly snatEntries: readonly Vpc["schemas"]["SnatTableEntry"][];
    /** as DescribeForwardTableEntries returns them, every forward table's together */
    readonly forwardEntries: readonly Vpc["schemas"]["ForwardTableEntry"][];
  };
  /** ECS security groups */
  readonly ecs: {
    /** as DescribeSecurityGroups returns them, plus their rules (`Permissions`) */
    readonly securityGroups: readonly (Ecs["schemas"]["SecurityGroup"] & {
      /** its rules, as DescribeSecurityGroupAttribute lists them */
      Permissions: NonNullable<
        Output<EcsOperations, "DescribeSecurityGroupAttribute">["Permissions"]
      >["Permission"];
      /** whether instances in the group may reach each other */
      InnerAccessPolicy?: "Accept" | "Drop";
    })[];
  };
  /** SLB resources */
  readonly slb: {
    /** as DescribeLoadBalancerAttribute returns them (backend servers and listener ports included) */
    readonly loadBalancers: readonly Omit<
      Output<SlbOperations, "DescribeLoadBalancerAttribute">,
      "RequestId"
    >[];
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

/** Builds the `fake.state` view over a world. */
export function stateView(
  world: World,
  clock: FakeClock,
  context: (regionId: string) => ActionContext,
): FakeStateView {
  const read = <T>(make: () => T[]): readonly T[] => {
    clock.settle();
    return deepFreeze(make());
  };
  const strip = <T extends { RequestId?: string }>(value: T): Omit<T, "RequestId"> => {
    const { RequestId: _, ...rest } = value;
    return rest;
  };
  return {
    eci: {
      get containerGroups() {
        return read(() => [...world.eci.groups.values()].map((g) => renderGroup(world, g)));
      },
      get imageCaches() {
        return read(() => [...world.eci.caches.values()].map((c) => renderCache(c, clock.now())));
      },
    },
    vpc: {
      get vpcs() {
        return read(() => [...world.vpc.vpcs.values()].map((v) => renderVpc(world, v)));
      },
      get vSwitches() {
        return read(() => [...world.vpc.vSwitches.values()].map((v) => renderVSwitch(world, v)));
      },
      get natGateways() {
        return read(() =>
          [...world.vpc.natGateways.values()].map((n) => renderNatGateway(world, n)),
        );
      },
      get eipAddresses() {
        return read(() => [...world.vpc.eips.values()].map(renderEip));
      },
      get snatEntries() {
        return read(() => [...world.vpc.snatEntries.values()].map((e) => renderSnat(world, e)));
      },
      get forwardEntries() {
        return read(() => [...world.vpc.forwardEntries.values()].map(renderForward));
      },
    },
    ecs: {
      get securityGroups() {
        return read(() =>
          [...world.ecs.securityGroups.values()].map((g) => {
            const ctx = context(g.RegionId);
            const ref = { RegionId: g.RegionId, SecurityGroupId: g.SecurityGroupId };
            const [summary] =
              ecsActions.DescribeSecurityGroups(ctx, ref).SecurityGroups?.SecurityGroup ?? [];
            const detail = ecsActions.DescribeSecurityGroupAttribute(ctx, ref);
            return {
              ...summary,
              InnerAccessPolicy: detail.InnerAccessPolicy,
              Permissions: detail.Permissions?.Permission ?? [],
            };
          }),
        );
      },
    },
    slb: {
      get loadBalancers() {
        return read(() =>
          [...world.slb.loadBalancers.values()].map((lb) =>
            strip({
              RequestId: "",
              ...slbActions.DescribeLoadBalancerAttribute(context(lb.RegionId), {
                LoadBalancerId: lb.LoadBalancerId,
              }),
            }),
          ),
        );
      },
    },
  };
}
