// Topic 1, the direct way: an EIP bound to one container group, and the security group
// rule that lets traffic in.
import type { EciClient } from "../../generated/eci.client.js";
import type {
  CreateContainerGroupInput,
  CreateContainerGroupOutput,
} from "../../generated/eci.types.js";
import type { EcsClient } from "../../generated/ecs.client.js";
import type { VpcClient } from "../../generated/vpc.client.js";
import { PopError, ValidationError } from "../base/errors.js";
import type { CallOptions } from "../core/client.js";

type CreateInput = CreateContainerGroupInput;

/** Which EIP a container group gets: an existing one (`eip-…`) or a new one ECI allocates. */
export type EipChoice =
  | {
      /** an EIP that is allocated and not bound (`eip-…`) */
      allocationId: string;
    }
  | {
      /** ECI allocates a new EIP for the group (AutoCreateEip) and releases it with the group */
      autoCreate: true;
      /** its bandwidth in Mbit/s (EipBandwidth) */
      bandwidth?: number;
    };

/** An EIP that is already bound cannot be bound again: one EIP serves one instance. */
export class EipInUseError extends Error {
  /** always `EipInUseError` */
  override name = "EipInUseError";
  /** the EIP that could not be bound (`eip-…`) */
  readonly allocationId: string;
  /** the instance it is bound to */
  readonly boundTo: string | undefined;

  constructor(allocationId: string, boundTo: string | undefined, cause?: unknown) {
    super(
      `EIP ${allocationId} is already bound${boundTo ? ` to ${boundTo}` : ""}: an EIP binds to one instance only. ` +
        "Give each container group that needs its own public address its own EIP (N groups need N EIPs, " +
        "or use AutoCreateEip), or share one address through a NAT gateway (enableInternetViaNat, addDnatRule).",
      { cause },
    );
    this.allocationId = allocationId;
    this.boundTo = boundTo;
  }
}

// codes with which the API refuses to bind an EIP that is bound already
const EIP_IN_USE =
  /^(IncorrectEipStatus|InvalidAssociation\.Duplicated|OperationConflict|InvalidEip\.InUse|.*EipInUse.*)$/i;

/**
 * Creates a container group with its own public address: an existing EIP
 * (`EipInstanceId`, checked first to be free) or one ECI allocates (`AutoCreateEip`).
 * Binding an EIP that is already in use fails with {@link EipInUseError}, which explains
 * the one-EIP-per-instance rule.
 *
 * @example
 * ```ts
 * const { ContainerGroupId } = await createContainerGroupWithEip({ eci, vpc }, input, { autoCreate: true, bandwidth: 5 });
 * ```
 */
export async function createContainerGroupWithEip(
  clients: {
    eci: Pick<EciClient, "createContainerGroup">;
    vpc: Pick<VpcClient, "describeEipAddresses">;
  },
  input: CreateInput,
  eip: EipChoice,
  call?: CallOptions,
): Promise<CreateContainerGroupOutput> {
  if ("allocationId" in eip) {
    const found = (
      await clients.vpc.describeEipAddresses(
        { RegionId: input.RegionId, AllocationId: eip.allocationId },
        call,
      )
    ).EipAddresses?.EipAddress?.[0];
    if (!found) {
      throw new ValidationError("CreateContainerGroup", [
        {
          path: "EipInstanceId",
          rule: `names no EIP in ${input.RegionId} (got ${JSON.stringify(eip.allocationId)})`,
        },
      ]);
    }
    if (found.Status !== "Available" || found.InstanceId) {
      throw new EipInUseError(
        eip.allocationId,
        found.InstanceId ? `${found.InstanceType ?? "instance"} ${found.InstanceId}` : found.Status,
      );
    }
  }
  const withEip: CreateInput =
    "allocationId" in eip
      ? { ...input, EipInstanceId: eip.allocationId }
      : {
          ...input,
          AutoCreateEip: true,
          ...(eip.bandwidth ? { EipBandwidth: eip.bandwidth } : {}),
        };
  try {
    return await clients.eci.createContainerGroup(withEip, call);
  } catch (error) {
    if ("allocationId" in eip && error instanceof PopError && EIP_IN_USE.test(error.code)) {
      throw new EipInUseError(eip.allocationId, undefined, error);
    }
    throw error;
  }
}

/** Which inbound traffic `allowInboundPort` lets in. */
export interface InboundPortOptions {
  /** region of the security group, e.g. `cn-hangzhou`; default: the ECS client's region */
  regionId?: string;
  /** the container group's security group (`sg-…`) */
  securityGroupId: string;
  /** a port, or `[from, to]` */
  port: number | readonly [number, number];
  /** default TCP */
  protocol?: "TCP" | "UDP";
  /** who may connect (default `0.0.0.0/0`, anyone) */
  sourceCidr?: string;
  /** the rule's description, shown in the console */
  description?: string;
}

/**
 * Adds an inbound security group rule (AuthorizeSecurityGroup) so traffic reaches a port,
 * for example TCP 80 for nginx behind an EIP.
 *
 * @example
 * ```ts
 * await allowInboundPort(ecs, { securityGroupId, port: 80 });
 * ```
 */
export async function allowInboundPort(
  ecs: Pick<EcsClient, "regionId" | "authorizeSecurityGroup">,
  options: InboundPortOptions,
  call?: CallOptions,
): Promise<void> {
  const [from, to] = typeof options.port === "number" ? [options.port, options.port] : options.port;
  for (const [path, value] of [
    ["port", from],
    ["port", to],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > 65535 || to < from) {
      throw new ValidationError("AuthorizeSecurityGroup", [
        {
          path,
          rule: `must be a port 1-65535 (or a rising [from, to] pair), got ${JSON.stringify(options.port)}`,
        },
      ]);
    }
  }
  await ecs.authorizeSecurityGroup(
    {
      RegionId: options.regionId ?? ecs.regionId,
      SecurityGroupId: options.securityGroupId,
      Permissions: [
        {
          IpProtocol: options.protocol ?? "TCP",
          PortRange: `${from}/${to}`,
          SourceCidrIp: options.sourceCidr ?? "0.0.0.0/0",
          Description: options.description,
        },
      ],
    },
    call,
  );
}
