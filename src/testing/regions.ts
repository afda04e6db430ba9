// Regions and zones the fake serves.
import { own } from "./own.js";

/** Region id → its zone ids. */
export type RegionTable = Readonly<Record<string, readonly string[]>>;

/** A handful of real regions with real zone ids. */
export const DEFAULT_REGIONS: RegionTable = {
  "cn-hangzhou": ["cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j", "cn-hangzhou-k"],
  "cn-beijing": ["cn-beijing-g", "cn-beijing-h", "cn-beijing-i", "cn-beijing-k"],
  "cn-shanghai": ["cn-shanghai-e", "cn-shanghai-f", "cn-shanghai-g", "cn-shanghai-l"],
  "cn-shenzhen": ["cn-shenzhen-d", "cn-shenzhen-e", "cn-shenzhen-f"],
  "cn-hongkong": ["cn-hongkong-b", "cn-hongkong-c", "cn-hongkong-d"],
  "ap-southeast-1": ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"],
  "us-west-1": ["us-west-1a", "us-west-1b"],
  "eu-central-1": ["eu-central-1a", "eu-central-1b"],
};

/** Region ids alone get zones `<region>-a` and `<region>-b`. */
export function regionTable(option: readonly string[] | RegionTable | undefined): RegionTable {
  if (option === undefined) return DEFAULT_REGIONS;
  if (Array.isArray(option)) {
    const table: Record<string, string[]> = {};
    for (const id of option as readonly string[])
      table[id] = own(DEFAULT_REGIONS, id)?.slice() ?? [`${id}-a`, `${id}-b`];
    return table;
  }
  return option as RegionTable;
}
