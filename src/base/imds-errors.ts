/**
 * Why a metadata read failed:
 * - `unreachable`: no answer from the service (not running inside an ECI or ECS instance, or blocked);
 * - `notFound`: the item does not exist on this instance (HTTP 404, e.g. `eipv4` without an EIP);
 * - `token`: the token request failed and IMDSv1 fallback is disabled;
 * - `http`: another HTTP error status;
 * - `invalid`: the answer is not what the item should hold (e.g. a bandwidth that is not a number).
 */
export type MetadataErrorKind = "unreachable" | "notFound" | "token" | "http" | "invalid";

/** A read from the instance metadata service (`100.100.100.200`) failed. */
export class MetadataError extends Error {
  /** always `MetadataError` */
  override name = "MetadataError";
  /** why it failed: see {@link MetadataErrorKind} */
  readonly kind: MetadataErrorKind;
  /** the item, relative to `/latest/meta-data/` (`eipv4`, `network/interfaces/macs/…/ipv6s`), or `api/token` */
  readonly item: string;
  /** HTTP status, when the service answered */
  readonly statusCode: number | undefined;

  constructor(
    message: string,
    init: { kind: MetadataErrorKind; item: string; statusCode?: number },
  ) {
    super(message);
    this.kind = init.kind;
    this.item = init.item;
    this.statusCode = init.statusCode;
  }

  /** The plain fields, without the stack; safe to log. */
  toJSON() {
    return {
      /** always `MetadataError` */
      name: this.name,
      /** what failed, naming the item and the usual reason */
      message: this.message,
      /** {@link MetadataError.kind} */
      kind: this.kind,
      /** {@link MetadataError.item} */
      item: this.item,
      /** {@link MetadataError.statusCode} */
      statusCode: this.statusCode,
    };
  }
}

/** What a 404 usually means, for the items whose absence is common. */
const ABSENCE_HINTS: [test: RegExp, hint: string][] = [
  [/^eipv4$/, "no EIP is bound to this instance"],
  [/^ram\/security-credentials\/$/, "no RAM role is attached to this instance"],
  [/^ram\/security-credentials\/./, "this RAM role is not attached to this instance"],
  [/ipv6/, "no IPv6 is configured for this network interface"],
  [
    /^network\/interfaces\/macs\/[^/]+\//,
    "no network interface with this MAC address, or the item does not apply to it",
  ],
];

/** The 404 error for `item`, with a hint when the cause is a common one. */
export function absentItem(item: string): MetadataError {
  const hint = ABSENCE_HINTS.find(([test]) => test.test(item))?.[1];
  return new MetadataError(
    `metadata item "${item}" does not exist (HTTP 404)${hint ? `: ${hint}` : ""}`,
    {
      kind: "notFound",
      item,
      statusCode: 404,
    },
  );
}
