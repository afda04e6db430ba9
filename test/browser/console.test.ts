// Issue 9, the real-browser test: headless Chromium loads a console page served by a
// local server that mounts the signing proxy over the fake cloud. The page lists
// container groups, builds an image cache and waits for it, and meets a denied action,
// all with the typed client in proxy mode; the test reads what the page wrote.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEciClient } from "../../src/index.js";
import { type AuditEvent, createProxyHandler, toNodeListener } from "../../src/proxy.js";
import { createFakeCloud, FAKE_CREDENTIALS, type FakeCloud } from "../../src/testing/index.js";
import { CHROMIUM, launchChromium, MISSING } from "../chromium.js";
import { bundlePage, nodeBuiltinsIn, type PageBundle } from "./bundle.js";
import type { ConsoleResults } from "./page/results.js";
import { type ConsoleServer, startConsoleServer } from "./server.js";

const RegionId = "cn-hangzhou";
const SESSION = crypto.randomUUID();

interface SentRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
}

let dir: string;
let fake: FakeCloud;
let server: ConsoleServer | undefined;
let browser: Browser | undefined;
let page: Page;
let bundle: PageBundle;
let results: ConsoleResults;
const created: string[] = [];
const audit: AuditEvent[] = [];
const pageRequests: Request[] = [];
const consoleErrors: { text: string; url: string }[] = [];

it("has Chromium to drive", () => {
  // a missing browser fails the run: CI installs it (.ci/run), so a skip would hide a gap
  expect(existsSync(CHROMIUM), MISSING).toBe(true);
});

describe("a web console in headless Chromium, through the signing proxy", () => {
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(MISSING);
    dir = await mkdtemp(join(tmpdir(), "alicloud-eci-browser-"));
    bundle = await bundlePage(join(dir, "bundle"));

    // the fake's manual clock moves 200 ms with every call the proxy forwards, so the page's
    // waiter sees Preparing, then Creating, then Ready after a few polls, however slow the
    // machine: no real time passes on the fake
    fake = createFakeCloud({ durations: { imageCachePrepare: 500, imageCache: 600 } });
    const admin = createEciClient({ regionId: RegionId, ...fake.clientOptions() });
    for (const name of ["web", "worker"]) {
      const { ContainerGroupId } = await admin.createContainerGroup({
        RegionId,
        ContainerGroupName: name,
        Container: [{ Name: name, Image: "nginx:1.25" }],
      });
      created.push(ContainerGroupId as string);
    }

    const proxy = createProxyHandler({
      credentials: FAKE_CREDENTIALS,
      fetch: async (input, init) => {
        const answer = await fake.fetch(input, init);
        fake.advance(200);
        return answer;
      },
      allow: ["eci/DescribeContainerGroups", "eci/CreateImageCache", "eci/DescribeImageCaches"],
      authorize: (request) =>
        request.headers.get("x-console-session") === SESSION
          ? { principal: "console-user" }
          : false,
      regions: [RegionId],
      onAudit: (event) => audit.push(event),
    });
    const html = (await readFile(new URL("./page/index.html", import.meta.url), "utf8")).replace(
      "{{SESSION}}",
      SESSION,
    );
    server = await startConsoleServer({
      html,
      bundleDir: join(dir, "bundle"),
      proxy: toNodeListener(proxy),
    });

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    page.on("request", (request) => pageRequests.push(request));
    page.on("console", (message) => {
      if (message.type() === "error")
        consoleErrors.push({ text: message.text(), url: message.location().url });
    });
    page.on("pageerror", (error) => consoleErrors.push({ text: String(error), url: "" }));

    await page.goto(`${server.origin}/`);
    await page.waitForSelector("body[data-done='true']", { timeout: 30_000 });
    results = JSON.parse((await page.textContent("#result")) ?? "{}") as ConsoleResults;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await fake?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 30_000);

  it("bundles the page with the SDK imported by name and no Node built-in", () => {
    expect(bundle.files).toContain("console.js");
    expect(bundle.inputs).toContain("src/index.ts");
    expect(nodeBuiltinsIn(bundle.inputs)).toEqual([]);
  });

  it("finishes without an unexpected error", () => {
    expect(results.failure).toBeUndefined();
  });

  it("lists the fake's container groups with paginate", () => {
    const listed = results.groups.map((g) => g.id).sort();
    expect(listed).toEqual([...created].sort());
    expect(fake.state.eci.containerGroups.map((g) => g.ContainerGroupId).sort()).toEqual(listed);
    expect(results.groups.map((g) => g.name).sort()).toEqual(["web", "worker"]);
    // Limit 1: one page per group, then the end
    const pages = fake.requests.filter(
      (r) =>
        r.action === "DescribeContainerGroups" && r.accessKeyId === FAKE_CREDENTIALS.accessKeyId,
    );
    expect(pages.length).toBeGreaterThanOrEqual(2);
  });

  it("creates an image cache and waits until it is Ready, reporting each status in order", () => {
    const cache = results.cache;
    expect(cache?.status).toBe("Ready");
    expect(cache?.id).toMatch(/^imc-/);
    const seen = (cache?.progress ?? []).map((p) => p.status);
    const distinct = seen.filter((status, i) => status !== seen[i - 1]);
    expect(distinct).toEqual(["Preparing", "Creating", "Ready"]);
    expect(cache?.progress.at(-1)?.detail).toBe("100%");
    expect(fake.state.eci.imageCaches.map((c) => [c.ImageCacheId, c.Status])).toEqual([
      [cache?.id, "Ready"],
    ]);
  });

  it("shows a denied action as a PopError: 403 Forbidden.Action with a RequestId", () => {
    expect(results.denied).toMatchObject({
      isPopError: true,
      name: "PermissionError",
      kind: "permission",
      code: "Forbidden.Action",
      statusCode: 403,
      requestId: expect.stringMatching(/\S/),
      message: expect.stringContaining("eci/DeleteContainerGroup is not allowed"),
    });
    // refused before signing: the fake never heard of it, and the group is still there
    expect(fake.requests.filter((r) => r.action === "DeleteContainerGroup")).toEqual([]);
    expect(fake.state.eci.containerGroups).toHaveLength(2);
    expect(audit.filter((e) => e.outcome === "denied")).toEqual([
      expect.objectContaining({
        action: "DeleteContainerGroup",
        status: 403,
        code: "Forbidden.Action",
      }),
    ]);
  });

  it("the proxy signed the image-cache calls with the server's key", () => {
    const calls = fake.requests.filter(
      (r) => r.action === "CreateImageCache" || r.action === "DescribeImageCaches",
    );
    expect(calls.filter((r) => r.action === "CreateImageCache")).toHaveLength(1);
    expect(calls.length).toBeGreaterThanOrEqual(3);
    for (const call of calls) {
      expect(call).toMatchObject({
        signatureVersion: "v3",
        accessKeyId: FAKE_CREDENTIALS.accessKeyId,
        status: 200,
      });
    }
    // every forwarded call was authorized by the session header the page sent
    const allowed = audit.filter((e) => e.outcome === "allowed");
    expect(allowed.length).toBe(fake.requests.length - created.length);
    for (const event of allowed) expect(event.principal).toBe("console-user");
  });

  it("the browser sent no credentials and talked only to its own server", async () => {
    const origin = server?.origin as string;
    const sent: SentRequest[] = await Promise.all(
      pageRequests.map(async (r) => ({
        url: r.url(),
        method: r.method(),
        headers: await r.allHeaders(),
        body: r.postData(),
      })),
    );
    const calls = sent.filter((r) => r.url.startsWith(`${origin}/api/alicloud/`));
    expect(calls.length).toBeGreaterThanOrEqual(6);
    for (const request of sent) {
      expect(new URL(request.url).origin).toBe(origin);
      const names = Object.keys(request.headers).map((name) => name.toLowerCase());
      expect(names).not.toContain("authorization");
      expect(names.filter((name) => name.startsWith("x-acs-"))).toEqual([]);
      const everything = JSON.stringify(request);
      expect(everything).not.toContain(FAKE_CREDENTIALS.accessKeyId);
      expect(everything).not.toContain(FAKE_CREDENTIALS.accessKeySecret);
      expect(everything).not.toMatch(/Signature|AccessKeyId/);
    }
    for (const call of calls) {
      expect(call.method).toBe("POST");
      expect(call.headers["x-console-session"]).toBe(SESSION);
    }
  });

  it("logs no console errors besides Chromium's note on the denied call's 403", () => {
    // Chromium logs every non-2xx fetch as "Failed to load resource"; the page cannot
    // silence it. That one, for the call the proxy refused, is expected; nothing else is.
    expect(consoleErrors).toEqual([
      {
        text: expect.stringContaining("the server responded with a status of 403"),
        url: `${server?.origin}/api/alicloud/eci/DeleteContainerGroup`,
      },
    ]);
  });

  it("renders the results visibly", async () => {
    expect(await page.locator("#groups tr").count()).toBe(3); // header + two groups
    expect(await page.textContent("#cache")).toMatch(/^imc-\S+: Ready$/);
    expect(await page.textContent("#denied")).toMatch(/^HTTP 403: .*Forbidden\.Action/);
    const file = join(dir, "console.png");
    await page.screenshot({ path: file, fullPage: true });
    expect((await stat(file)).size).toBeGreaterThan(0);
  });
});
