// The instance metadata service (100.100.100.200) as seen from inside one of the fake's
// container groups: its id, name, addresses, VPC and VSwitch, and RAM role credentials.
import type { FakeCloud } from "./fake-cloud.js";
import { own } from "./own.js";

/** Options of `createFakeMetadataService`. */
export interface FakeMetadataOptions {
  /** refuse requests without a token from `PUT /latest/api/token` (IMDSv2-only instances) */
  requireToken?: boolean;
}

/** A fake metadata service: hand `fetch` to `createMetadataClient` or `ramRoleCredentials`. */
export interface FakeMetadataService {
  /** answers `http://100.100.100.200/latest/...` for the container group */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** requests answered so far (method and path), oldest first */
  readonly requests: readonly {
    /** `GET`, or `PUT` for a token */
    method: string;
    /** e.g. `/latest/meta-data/instance-id` */
    path: string;
  }[];
}

const TOKEN = "fake-imds-token-AQAEAB";

/**
 * Serves the metadata of one container group of a fake cloud, read live from its state:
 * `instance-id`, `hostname` (the group name), `private-ipv4`, `eipv4` (404 without an EIP),
 * `vpc-id`, `vswitch-id` and their CIDR blocks, `mac` and the per-MAC items, name and NTP
 * servers, bandwidth limits, the account id, and `ram/security-credentials/<role>` when the
 * group has a RAM role (temporary credentials the fake accepts).
 *
 * @example
 * ```ts
 * const imds = createFakeMetadataService(fake, containerGroupId);
 * const self = await describeSelf(createMetadataClient({ fetch: imds.fetch }));
 * ```
 */
export function createFakeMetadataService(
  fake: FakeCloud,
  containerGroupId: string,
  options: FakeMetadataOptions = {},
): FakeMetadataService {
  const requests: { method: string; path: string }[] = [];

  function facts() {
    const group = fake.state.eci.containerGroups.find(
      (g) => g.ContainerGroupId === containerGroupId,
    );
    if (!group) return undefined;
    const vpc = fake.state.vpc.vpcs.find((v) => v.VpcId === group.VpcId);
    const vSwitch = fake.state.vpc.vSwitches.find((v) => v.VSwitchId === group.VSwitchId);
    const ip = group.IntranetIp ?? "";
    const gateway = ip.replace(/\.\d+$/, ".253");
    const mac = macOf(containerGroupId);
    const common: Record<string, string> = {
      "vpc-id": group.VpcId ?? "",
      "vpc-cidr-block": vpc?.CidrBlock ?? "",
      "vswitch-id": group.VSwitchId ?? "",
      "vswitch-cidr-block": vSwitch?.CidrBlock ?? "",
    };
    const items: Record<string, string | undefined> = {
      "instance-id": containerGroupId,
      "region-id": group.RegionId,
      "zone-id": group.ZoneId,
      hostname: group.ContainerGroupName,
      "private-ipv4": ip,
      eipv4: group.InternetIp || undefined,
      mac,
      ...common,
      "dns-conf/nameservers": "100.100.2.136\n100.100.2.138",
      "ntp-conf/ntp-servers": "ntp.cloud.aliyuncs.com\nntp1.cloud.aliyuncs.com",
      "instance/max-netbw-egress": "1024000",
      "instance/max-netbw-ingress": "1024000",
      "owner-account-id": "1234567890123456",
      "serial-number": `${containerGroupId.slice(4)}-0000-4000-8000-${mac.replace(/:/g, "")}`,
      "network/interfaces/macs/": `${mac}/`,
      [`network/interfaces/macs/${mac}/network-interface-id`]:
        group.EniInstanceId ?? `eni-${containerGroupId.slice(4)}`,
      [`network/interfaces/macs/${mac}/primary-ip-address`]: ip,
      [`network/interfaces/macs/${mac}/private-ipv4s`]: JSON.stringify([ip]),
      [`network/interfaces/macs/${mac}/netmask`]: netmaskOf(vSwitch?.CidrBlock),
      [`network/interfaces/macs/${mac}/gateway`]: gateway,
      ...Object.fromEntries(
        Object.entries(common).map(([k, v]) => [`network/interfaces/macs/${mac}/${k}`, v]),
      ),
      "ram/security-credentials/": group.RamRoleName || undefined,
    };
    return { items, role: group.RamRoleName || undefined };
  }

  async function answer(request: Request): Promise<Response> {
    const url = new URL(request.url);
    requests.push({ method: request.method, path: url.pathname });
    if (url.pathname === "/latest/api/token" && request.method === "PUT") {
      return new Response(TOKEN, { status: 200 });
    }
    if (options.requireToken && request.headers.get("x-aliyun-ecs-metadata-token") !== TOKEN) {
      return new Response("", { status: 401 });
    }
    const found = facts();
    const path = url.pathname.replace(/^\/latest\/meta-data\//, "");
    if (!found || !url.pathname.startsWith("/latest/meta-data/")) return notFound();
    if (found.role && path === `ram/security-credentials/${found.role}`) {
      const sts = fake.issueStsCredentials({ durationMs: 6 * 3_600_000 });
      return Response.json({
        AccessKeyId: sts.accessKeyId,
        AccessKeySecret: sts.accessKeySecret,
        SecurityToken: sts.securityToken,
        Expiration: new Date(fake.now() + 6 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
        LastUpdated: new Date(fake.now()).toISOString().replace(/\.\d{3}Z$/, "Z"),
        Code: "Success",
      });
    }
    const value = own(found.items, path) ?? own(found.items, `${path}/`);
    return value === undefined || value === "" ? notFound() : new Response(value, { status: 200 });
  }

  return {
    fetch: (input, init) => answer(new Request(input, init)),
    requests,
  };
}

const notFound = () =>
  new Response("<html><body><h1>404 Not Found</h1></body></html>", {
    status: 404,
    headers: { "content-type": "text/html" },
  });

/** A stable, locally administered MAC address for a group. */
function macOf(id: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  const bytes = [0x00, 0x16, 0x3e, (h >>> 16) & 0x7f, (h >>> 8) & 0xff, h & 0xff];
  return bytes.map((b) => b.toString(16).padStart(2, "0")).join(":");
}

function netmaskOf(cidr: string | undefined): string {
  const bits = Number(cidr?.split("/")[1] ?? 24);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return [24, 16, 8, 0].map((shift) => (mask >>> shift) & 0xff).join(".");
}
