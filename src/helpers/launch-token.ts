// None twice: every spec's ClientToken derives from the batch and the spec, so running the
// same batch again (after a crash, in another process) sends the same tokens and gets the
// groups the first run created instead of new ones.
import type { CreateContainerGroupInput } from "../../generated/eci.types.js";
import { derivedClientToken } from "./client-token.js";

/** The batch's name: the caller's `batchId`, or a hash of every spec (same specs, same batch). */
export function batchKey(specs: readonly object[], batchId: string | undefined): string {
  return batchId ?? derivedClientToken("launchContainerGroups", specs);
}

/** The ClientToken of spec `index` of the batch (a spec's own ClientToken is kept). */
export function specToken(batch: string, index: number, spec: CreateContainerGroupInput): string {
  return spec.ClientToken ?? derivedClientToken("CreateContainerGroup", { batch, index, spec });
}
