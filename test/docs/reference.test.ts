// `npm run docs` as a test: typedoc builds the API reference from typedoc.json with no
// warning and no error (every export documented, every link valid), each per-action client
// method carries its description, required parameters and an example, and names its input
// and output types instead of spelling them out, every page stays small, and the site's
// front page, rendered in headless Chromium, shows the six entry points.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { stripVTControlCharacters } from "node:util";
import type { Browser } from "playwright-core";
import {
  Application,
  ConsoleLogger,
  type DeclarationReflection,
  LogLevel,
  type ProjectReflection,
  ReflectionKind,
} from "typedoc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eciInfo } from "../../generated/eci.service.js";
import { ecsInfo } from "../../generated/ecs.service.js";
import { slbInfo } from "../../generated/slb.service.js";
import { vpcInfo } from "../../generated/vpc.service.js";
import { launchChromium, MISSING } from "../chromium.js";
import { root } from "./markdown.js";

const ENTRY_POINTS = [
  "alicloud-eci",
  "alicloud-eci/credentials",
  "alicloud-eci/metadata",
  "alicloud-eci/node",
  "alicloud-eci/proxy",
  "alicloud-eci/testing",
];

/** Keeps every warning and error, with typedoc's file and line, instead of printing them. */
class CollectingLogger extends ConsoleLogger {
  readonly problems: string[] = [];
  override log(message: string, level: LogLevel): void {
    if (level >= LogLevel.Warn) this.problems.push(stripVTControlCharacters(message));
  }
}

let out: string;
let project: ProjectReflection | undefined;
let problems: string[] = [];

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "alicloud-eci-api-"));
  const app = await Application.bootstrapWithPlugins({
    options: join(root, "typedoc.json"),
    out,
  });
  const startup = app.logger; // reading the options reports through this one
  const logger = new CollectingLogger();
  app.logger = logger;
  project = await app.convert();
  if (project) {
    app.validate(project);
    await app.generateDocs(project, out);
  }
  problems = [
    ...(startup.hasErrors() || startup.hasWarnings()
      ? ["typedoc.json: see the messages above"]
      : []),
    ...logger.problems,
  ];
}, 120_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

it("the site includes every guide in docs/", () => {
  const config = JSON.parse(readFileSync(join(root, "typedoc.json"), "utf8")) as {
    projectDocuments: string[];
  };
  const guides = readdirSync(join(root, "docs"))
    .filter((name) => name.endsWith(".md") && name !== "spec-conventions.md") // that one is for contributors
    .map((name) => `docs/${name}`);
  expect([...config.projectDocuments].sort()).toEqual(guides.sort());
});

it("typedoc builds the reference with no warning and no error", () => {
  expect(project, "typedoc could not convert the project").toBeDefined();
  expect(problems, problems.join("\n\n")).toEqual([]);
});

/** Every HTML page typedoc wrote, by path under the output folder. */
function pages(dir = out): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return pages(path);
    return entry.name.endsWith(".html") ? [path] : [];
  });
}

it("every page is under 300 kB: named types are linked, not written out in place", () => {
  const all = pages();
  expect(all.length).toBeGreaterThan(100);
  const big = all
    .map((path) => [relative(out, path), statSync(path).size] as const)
    .filter(([, size]) => size > 300_000)
    .map(([path, size]) => `${path}: ${Math.round(size / 1000)} kB`);
  expect(big).toEqual([]);
});

describe("per-action client methods", () => {
  const clients = [
    ["EciClient", eciInfo],
    ["VpcClient", vpcInfo],
    ["EcsClient", ecsInfo],
    ["SlbClient", slbInfo],
  ] as const;

  it.each(clients)(
    "%s: one method per action, with its description, required parameters and an example",
    (name, info) => {
      const main = project?.getChildByName("alicloud-eci") as DeclarationReflection | undefined;
      const client = main?.getChildByName(name) as DeclarationReflection | undefined;
      expect(client?.kind).toBe(ReflectionKind.Interface);
      const lacking: string[] = [];
      for (const action of Object.keys(info.actions)) {
        const method = client?.getChildByName(action[0]?.toLowerCase() + action.slice(1)) as
          | DeclarationReflection
          | undefined;
        const comment = method?.signatures?.[0]?.comment;
        const summary = comment?.summary.map((part) => part.text).join("") ?? "";
        const example =
          comment
            ?.getTag("@example")
            ?.content.map((part) => part.text)
            .join("") ?? "";
        if (!method) lacking.push(`${action}: no method`);
        else if (summary.trim().length < 20) lacking.push(`${action}: no description`);
        else if (!/Required: |No parameter is required/.test(summary))
          lacking.push(`${action}: no required parameters`);
        else if (!example.includes(`.${method.name}(`)) lacking.push(`${action}: no example`);
      }
      expect(lacking).toEqual([]);
    },
  );

  it.each(clients)(
    "%s: each method's signature names its input and output, so its description comes first",
    (name, info) => {
      const html = readFileSync(join(out, "interfaces", `alicloud-eci.${name}.html`), "utf8");
      const lacking: string[] = [];
      for (const action of Object.keys(info.actions)) {
        const id = action.toLowerCase();
        const start = html.indexOf(`id="${id}"`);
        const section = html.slice(start, html.indexOf("</section>", start));
        const description = section.indexOf('class="tsd-description"');
        if (start < 0) lacking.push(`${action}: no section`);
        else if (!section.includes(`>${action}Input</a>`))
          lacking.push(`${action}: no link to ${action}Input`);
        else if (description < 0 || description > 3_000)
          lacking.push(`${action}: the description starts ${description} characters in`);
      }
      expect(lacking).toEqual([]);
    },
  );

  it("createContainerGroup takes a CreateContainerGroupInput and returns a CreateContainerGroupOutput", () => {
    const html = readFileSync(join(out, "interfaces", "alicloud-eci.EciClient.html"), "utf8");
    const start = html.indexOf('id="createcontainergroup"');
    const section = html.slice(start, html.indexOf("</section>", start));
    expect(section).toContain(">CreateContainerGroupInput</a>");
    expect(section).toContain(">CreateContainerGroupOutput</a>");
    expect(section).not.toContain("AcrRegistryInfo"); // the input's fields are on its own page
  });
});

describe("the site, in headless Chromium", () => {
  let browser: Browser | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("the front page shows every entry point, each linking to its module page", async () => {
    expect(browser, MISSING).toBeDefined();
    const index = join(out, "index.html");
    expect(existsSync(index), "typedoc wrote no index.html").toBe(true);
    const page = await (browser as Browser).newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(pathToFileURL(index).href);
      await page.locator(".tsd-member-summary-name").first().waitFor();
      const shots = join(root, ".tmp", "docs");
      mkdirSync(shots, { recursive: true });
      const screenshot = join(shots, "api-index.png");
      await page.screenshot({ path: screenshot, fullPage: true });
      expect(statSync(screenshot).size).toBeGreaterThan(10_000);

      const content = page.locator(".col-content");
      for (const entry of ENTRY_POINTS) {
        const link = content.getByRole("link", { name: entry, exact: true });
        await expect.poll(() => link.isVisible(), { message: `${entry} is not shown` }).toBe(true);
      }

      // a module page lists what it exports
      await content.getByRole("link", { name: "alicloud-eci", exact: true }).click();
      await page.waitForURL(/modules\/alicloud-eci\.html$/);
      for (const name of [
        "createEciClient",
        "PopError",
        "paginate",
        "waitForContainerGroupRunning",
      ]) {
        await expect
          .poll(() => page.getByRole("link", { name, exact: true }).first().isVisible())
          .toBe(true);
      }
    } finally {
      await page.close();
    }
  }, 60_000);
});
