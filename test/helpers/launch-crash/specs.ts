// The batch the crash test launches twice: the child and the parent build the same specs.
export const BATCH = "crash-test-batch";

export const crashSpecs = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    ContainerGroupName: `crash-${i}`,
    Container: [{ Name: "job", Image: "registry.cn-hangzhou.aliyuncs.com/acs/job:1" }],
  }));
