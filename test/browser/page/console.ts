// The web console page: typed ECI calls from the browser through the app's signing proxy.
// It holds no credentials; the session token the server rendered into the page is all it
// sends. Bundled by the test with esbuild, importing the SDK by its package name.
import { createEciClient, createImageCacheAndWait, PopError, paginate } from "alicloud-eci";
import type { ConsoleResults } from "./results.js";

const RegionId = "cn-hangzhou";
/** an ACR image, which the fake's image-cache builder pulls without internet access */
const IMAGE = "registry-vpc.cn-hangzhou.aliyuncs.com/eci_open/nginx:1.25";

const session =
  document.querySelector<HTMLMetaElement>('meta[name="console-session"]')?.content ?? "";
const eci = createEciClient({
  regionId: RegionId,
  proxy: "/api/alicloud",
  proxyHeaders: { "x-console-session": session },
});

const results: ConsoleResults = { groups: [] };
const element = (id: string) => document.getElementById(id) as HTMLElement;

function append(parent: HTMLElement, tag: string, ...cells: string[]): void {
  const node = document.createElement(tag);
  if (tag === "tr") {
    for (const text of cells) node.appendChild(document.createElement("td")).textContent = text;
  } else {
    node.textContent = cells.join(" ");
  }
  parent.appendChild(node);
}

async function listGroups(): Promise<void> {
  // Limit 1: every group is its own page, so paging runs through the proxy too
  for await (const group of paginate(eci, "DescribeContainerGroups", { RegionId, Limit: 1 })) {
    const listed = {
      id: group.ContainerGroupId ?? "",
      name: group.ContainerGroupName ?? "",
      status: group.Status ?? "",
    };
    results.groups.push(listed);
    append(element("groups"), "tr", listed.id, listed.name, listed.status);
  }
}

async function buildImageCache(): Promise<void> {
  const progress: NonNullable<ConsoleResults["cache"]>["progress"] = [];
  const cache = await createImageCacheAndWait(
    eci,
    { RegionId, ImageCacheName: "console-web", Image: [IMAGE], ImageCacheSize: 20 },
    {
      minDelayMs: 50,
      maxDelayMs: 100,
      timeoutMs: 20_000,
      onProgress: ({ status, detail }) => {
        progress.push({ status, detail });
        append(element("progress"), "li", status ?? "?", detail ?? "");
      },
    },
  );
  results.cache = { id: cache.ImageCacheId ?? "", status: cache.Status ?? "", progress };
  element("cache").textContent = `${results.cache.id}: ${results.cache.status}`;
}

async function tryDelete(ContainerGroupId: string): Promise<void> {
  try {
    await eci.deleteContainerGroup({ RegionId, ContainerGroupId });
    results.failure = "DeleteContainerGroup was not refused";
  } catch (error) {
    if (!(error instanceof PopError)) throw error;
    results.denied = {
      isPopError: true,
      name: error.name,
      kind: error.kind,
      code: error.code,
      statusCode: error.statusCode,
      requestId: error.requestId,
      message: error.message,
    };
    element("denied").textContent = `HTTP ${error.statusCode}: ${error.message}`;
  }
}

async function run(): Promise<void> {
  try {
    await listGroups();
    await buildImageCache();
    await tryDelete(results.groups[0]?.id ?? "eci-missing");
  } catch (error) {
    results.failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } finally {
    element("result").textContent = JSON.stringify(results, null, 2);
    document.body.dataset.done = "true";
  }
}

void run();
