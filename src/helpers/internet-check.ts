import type {
  InternetAccess,
  InternetCheckOptions,
  InternetCheckVpc,
} from "./internet-check-run.js";

export type {
  InternetAccess,
  InternetCheckOptions,
  InternetCheckVpc,
} from "./internet-check-run.js";

/**
 * Checks whether a group in `vSwitchId` can pull public images: an EIP of its own
 * (`withEip`), or a SNAT entry for the vSwitch (by id, or a CIDR block holding the
 * vSwitch's) on an Available NAT gateway whose SNAT address is an EIP in use. Only reads;
 * the answer is advice, the API stays the judge (a route through a firewall or a transit
 * router is not seen here).
 */
export async function checkInternetAccess(
  vpc: InternetCheckVpc,
  options: InternetCheckOptions,
): Promise<InternetAccess> {
  return (await import("./internet-check-run.js")).checkInternetAccess(vpc, options);
}
