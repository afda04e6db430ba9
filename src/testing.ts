// alicloud-eci/testing: a fake Alibaba Cloud for tests and demos (Node only).
export * from "./testing/index.js";
