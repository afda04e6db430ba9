// withDerivedClientToken: the same request gives the same ClientToken in any process,
// so a re-run after a restart replays the first result instead of creating again.
import { expect, it } from "vitest";
import { createEciClient, withDerivedClientToken } from "../../src/index.js";
import { createFakeCloud } from "../../src/testing/index.js";

const input = {
  ContainerGroupName: "nightly",
  Container: [{ Name: "job", Image: "registry.cn-hangzhou.aliyuncs.com/acs/job:1" }],
};

it("a re-run from a fresh client creates nothing new; another input is another request", async () => {
  const fake = createFakeCloud();
  const client = () => createEciClient({ regionId: "cn-hangzhou", ...fake.clientOptions() });
  const first = await client().createContainerGroup(
    withDerivedClientToken("CreateContainerGroup", input),
  );
  // a new process: a new client, the same request (keys in another order)
  const reordered = { Container: input.Container, ContainerGroupName: "nightly" };
  const again = await client().createContainerGroup(
    withDerivedClientToken("CreateContainerGroup", reordered),
  );
  expect(again.ContainerGroupId).toBe(first.ContainerGroupId);
  expect(fake.state.eci.containerGroups).toHaveLength(1);
  const tokens = fake.requests
    .filter((r) => r.action === "CreateContainerGroup")
    .map((r) => r.params?.ClientToken);
  expect(tokens[0]).toMatch(/^d-[0-9a-f]{32}$/);
  expect(tokens[1]).toBe(tokens[0]);

  await client().createContainerGroup(
    withDerivedClientToken("CreateContainerGroup", { ...input, ContainerGroupName: "other" }),
  );
  expect(fake.state.eci.containerGroups).toHaveLength(2);
  // the default stays a random token per call: the same input twice is two groups
  await client().createContainerGroup(input);
  expect(fake.state.eci.containerGroups).toHaveLength(3);
});
