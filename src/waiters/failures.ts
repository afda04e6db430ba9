// The WaiterErrors that name the cause: an image that cannot be pulled, a group that
// cannot be placed. Thrown by the container group and image cache waiters as soon as the
// events show the cause, instead of polling on until the timeout.
import type { PullFailure, PullFailureKind, ScheduleFailure } from "./diagnose.js";
import { WaiterError, type WaiterErrorInit } from "./errors.js";

/**
 * An image does not pull: `image` names it, `pullFailure` says why as far as the events
 * tell (`noInternet`: the registry could not be reached, usually a vSwitch without a SNAT
 * entry and a group without an EIP; `accessDenied`: a private image without a matching
 * ImageRegistryCredential; `notFound`; `unknown`), `advice` what to do. `reason` is
 * `"failure"`; `events` holds the events, newest first.
 */
export class ImagePullError extends WaiterError {
  /** always `ImagePullError` */
  override name = "ImagePullError";
  /** the image that does not pull, as the events name it */
  readonly image: string;
  /** why, from the event text */
  readonly pullFailure: PullFailureKind;
  /** what to do about it */
  readonly advice: string;

  /** @internal Thrown by the waiters. */
  constructor(init: WaiterErrorInit, failure: PullFailure) {
    super({
      ...init,
      reason: "failure",
      summary: `cannot pull image "${failure.image}": ${failure.advice} (${init.finalStatus ?? "gone"}, pull failed ${failure.count}×)`,
    });
    this.image = failure.image;
    this.pullFailure = failure.kind;
    this.advice = failure.advice;
  }

  override toJSON() {
    return {
      ...super.toJSON(),
      /** {@link ImagePullError.image} */
      image: this.image,
      /** {@link ImagePullError.pullFailure} */
      pullFailure: this.pullFailure,
    };
  }
}

/**
 * ECI could not place the group: `code` is the event's reason (`NoStock`, `StockClose`,
 * `FailedScheduling`, `UnknownError` for heavy load, `InsufficientBalance`), `zoneId` and
 * `instanceType` where it was meant to go, `outOfStock` whether another zone or spec may
 * work. `reason` is `"failure"`; `events` holds the events, newest first.
 */
export class ScheduleError extends WaiterError {
  /** always `ScheduleError` */
  override name = "ScheduleError";
  /** the event's reason, e.g. `NoStock` */
  readonly code: string;
  /** true when the zone or spec is out of stock */
  readonly outOfStock: boolean;
  /** the zone the group was meant for */
  readonly zoneId: string | undefined;
  /** its instance type (undefined: sized by Cpu/Memory) */
  readonly instanceType: string | undefined;
  /** what to do about it */
  readonly advice: string;

  /** @internal Thrown by the waiters. */
  constructor(
    init: WaiterErrorInit,
    failure: ScheduleFailure,
    where: { zoneId?: string | undefined; instanceType?: string | undefined },
  ) {
    const place = [
      where.zoneId && `zone ${where.zoneId}`,
      where.instanceType ? `instance type ${where.instanceType}` : "Cpu/Memory spec",
    ]
      .filter(Boolean)
      .join(", ");
    super({
      ...init,
      reason: "failure",
      summary: `could not be placed (${failure.code} in ${place}): ${failure.advice} (${init.finalStatus ?? "gone"})`,
    });
    this.code = failure.code;
    this.outOfStock = failure.outOfStock;
    this.zoneId = where.zoneId || undefined;
    this.instanceType = where.instanceType || undefined;
    this.advice = failure.advice;
  }

  override toJSON() {
    return {
      ...super.toJSON(),
      /** {@link ScheduleError.code} */
      code: this.code,
      /** {@link ScheduleError.outOfStock} */
      outOfStock: this.outOfStock,
      /** {@link ScheduleError.zoneId} */
      zoneId: this.zoneId,
      /** {@link ScheduleError.instanceType} */
      instanceType: this.instanceType,
    };
  }
}
