// The answers the local server sends: a realistic DescribeContainerGroups page.

/** One running container group as DescribeContainerGroups lists it (about 1.6 kB of JSON). */
export function containerGroup(i: number, description = "") {
  return {
    ContainerGroupId: `eci-bp1${String(i).padStart(17, "0")}`,
    ContainerGroupName: `web-${i}`,
    ...(description ? { Description: description } : {}),
    RegionId: "cn-hangzhou",
    ZoneId: "cn-hangzhou-h",
    Status: "Running",
    Cpu: 2,
    Memory: 4,
    InstanceType: "ecs.c6.large",
    ComputeCategory: "general",
    CreationTime: "2024-05-01T08:00:00Z",
    SucceededTime: "",
    ExpiredTime: "",
    VpcId: "vpc-bp1opxu1zkhn00gzv8pfa",
    VSwitchId: "vsw-bp1vzjkp2q1xgnind3rkf",
    SecurityGroupId: "sg-bp12ujq5zpxuyjys3l8f",
    IntranetIp: "172.16.0.12",
    InternetIp: "47.98.12.34",
    EniInstanceId: "eni-bp1i9mmwwk9m0m7x1ls4",
    RestartPolicy: "Always",
    Discount: 10,
    Tags: [
      { Key: "app", Value: "web" },
      { Key: "env", Value: "prod" },
    ],
    Events: [
      {
        Count: 1,
        Type: "Normal",
        Name: `web-${i}.17b0a1c2d3e4f5a6`,
        Message: "Started container web",
        FirstTimestamp: "2024-05-01T08:00:20Z",
        LastTimestamp: "2024-05-01T08:00:20Z",
        Reason: "Started",
      },
    ],
    Containers: [
      {
        Name: "web",
        Image: "registry-vpc.cn-hangzhou.aliyuncs.com/acme/web:1.4.2",
        ImagePullPolicy: "IfNotPresent",
        Cpu: 2,
        Memory: 4,
        Ready: true,
        RestartCount: 0,
        WorkingDir: "/app",
        Commands: ["/app/server"],
        Args: ["--port", "8080"],
        Ports: [{ Port: 8080, Protocol: "TCP" }],
        EnvironmentVars: [
          { Key: "NODE_ENV", Value: "production" },
          { Key: "PORT", Value: "8080" },
        ],
        VolumeMounts: [{ Name: "config", MountPath: "/app/config", ReadOnly: true }],
        CurrentState: { State: "Running", StartTime: "2024-05-01T08:00:20Z" },
        PreviousState: {},
      },
    ],
    Volumes: [{ Name: "config", Type: "ConfigFileVolume" }],
  };
}

/** The fixed answer of the throughput server: one container group, as a first page. */
export const FIXED_BODY = JSON.stringify({
  RequestId: "89164E30-D1E7-4DF0-9F8B-70B8A3B27A2E",
  TotalCount: 1,
  NextToken: "",
  ContainerGroups: [containerGroup(0)],
});
