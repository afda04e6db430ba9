/**
 * A fake Alibaba Cloud for tests and demos: ECI, VPC, ECS security groups and SLB in
 * memory, stateful, on a clock the test controls; plus a fake instance metadata service.
 * Node only.
 *
 * @module alicloud-eci/testing
 */

export * from "./testing/index.js";
