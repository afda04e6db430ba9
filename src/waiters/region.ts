// The region a waiter polls in: the one its ref names, else the polled client's own.

/** `RegionId` of a waiter's ref; omitted, the client's `regionId` is used. */
export interface RegionRef {
  /** region of the resource, e.g. `cn-hangzhou`; default: the client's region */
  RegionId?: string;
}

/** `{ RegionId }` when the ref names one, else nothing (the client adds its own). */
export const regionOf = (ref: RegionRef): { RegionId?: string } =>
  ref.RegionId === undefined ? {} : { RegionId: ref.RegionId };
