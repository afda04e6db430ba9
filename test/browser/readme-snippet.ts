// The README's "typed calls from the browser" snippet, kept here so it compiles
// (`tsc --noEmit -p .` checks it; nothing runs it). The lines between the region markers
// go into the README as two blocks: the server's proxy route and the page.

// #region readme
// server: the proxy route signs with the server's credentials; the browser never sees them
import { createServer } from "node:http";
import { createProxyHandler, toNodeListener } from "alicloud-eci/proxy";

// the server's own keys come from its environment, CLI profile or RAM role (the default chain)
const proxy = createProxyHandler({
  allow: ["eci/DescribeContainerGroups", "eci/CreateImageCache", "eci/DescribeImageCaches"],
  authorize: (request) => isSignedIn(request.headers.get("x-console-session")),
  regions: ["cn-hangzhou"],
});
createServer(toNodeListener(proxy)).listen(3000); // Next.js route: `export const POST = proxy;`

// page: the same typed calls, pagination and waiters, with no credentials
import { createEciClient, paginate } from "alicloud-eci/browser";

const eci = createEciClient({
  regionId: "cn-hangzhou",
  proxy: "/api/alicloud",
  proxyHeaders: { "x-console-session": sessionToken },
});
for await (const group of paginate(eci, "DescribeContainerGroups", { RegionId: "cn-hangzhou" })) {
  console.log(group.ContainerGroupName, group.Status);
}
// #endregion readme

// stand-ins for the app's own code
declare function isSignedIn(sessionToken: string | null): boolean;
declare const sessionToken: string;
