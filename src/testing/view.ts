// `fake.state`: what the fake holds, shown the way the Describe actions show it. Every read
// first runs the work that became due, and hands out frozen copies.
import type { ContainerGroup, ImageCache } from "../../generated/eci.types.js";
import type {
  DescribeSecurityGroupAttributeOutput,
  SecurityGroup,
} from "../../generated/ecs.types.js";
import type { DescribeLoadBalancerAttributeOutput } from "../../generated/slb.types.js";
import type {
  EipAddress,
  ForwardTableEntry,
  NatGateway,
  SnatTableEntry,
  Vpc,
  VSwitch,
} from "../../generated/vpc.types.js";
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
    readonly containerGroups: readonly ContainerGroup[];
    /** as DescribeImageCaches returns them */
    readonly imageCaches: readonly ImageCache[];
  };
  /** VPC resources */
  readonly vpc: {
    /** as DescribeVpcs returns them */
    readonly vpcs: readonly Vpc[];
    /** as DescribeVSwitches returns them */
    readonly vSwitches: readonly VSwitch[];
    /** as DescribeNatGateways returns them */
    readonly natGateways: readonly NatGateway[];
    /** as DescribeEipAddresses returns them */
    readonly eipAddresses: readonly EipAddress[];
    /** as DescribeSnatTableEntries returns them, every SNAT table's together */
    readonly snatEntries: readonly SnatTableEntry[];
    /** as DescribeForwardTableEntries returns them, every forward table's together */
    readonly forwardEntries: readonly ForwardTableEntry[];
  };
  /** ECS security groups */
  readonly ecs: {
    /** as DescribeSecurityGroups returns them, plus their rules (`Permissions`) */
    readonly securityGroups: readonly (SecurityGroup & {
      /** its rules, as DescribeSecurityGroupAttribute lists them */
      Permissions: NonNullable<DescribeSecurityGroupAttributeOutput["Permissions"]>["Permission"];
      /** whether instances in the group may reach each other (`Accept`, `Drop`) */
      InnerAccessPolicy?: DescribeSecurityGroupAttributeOutput["InnerAccessPolicy"];
    })[];
  };
  /** SLB resources */
  readonly slb: {
    /** as DescribeLoadBalancerAttribute returns them (backend servers and listener ports included) */
    readonly loadBalancers: readonly Omit<DescribeLoadBalancerAttributeOutput, "RequestId">[];
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
              SecurityGroupId: g.SecurityGroupId,
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
