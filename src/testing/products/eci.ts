// The ECI product: every action of spec/eci.yaml.
import type { operations } from "../../../generated/eci.js";
import type { ActionTable } from "./context.js";
import { eciAccountActions } from "./eci-account.js";
import { eciCacheActions } from "./eci-caches.js";
import { eciContainerActions } from "./eci-containers.js";
import { eciGroupActions } from "./eci-groups.js";

/** Handlers of the 22 ECI actions. */
export const eciActions: ActionTable<operations> = {
  ...eciGroupActions,
  ...eciContainerActions,
  ...eciCacheActions,
  ...eciAccountActions,
};
