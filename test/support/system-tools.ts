// The programs some tests drive (Chromium, tinyproxy, openssl), found or installed so that
// `npm ci && npm test` works on a fresh Debian machine: a variable's path, else the PATH,
// else, as root where apt-get exists, Debian's package (one install at a time across
// processes). Without them the tests fail, naming what to install: they never skip.
import { execFileSync } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

/** A program a test needs, and where it comes from. */
export interface SystemTool {
  /** the command's name on the PATH */
  binary: string;
  /** Debian's (and Ubuntu's) package that has it */
  debianPackage: string;
  /** the variable that points at an existing binary instead */
  envVar: string;
  /** how to get it on macOS */
  macos: string;
}

export const CHROMIUM: SystemTool = {
  binary: "chromium",
  debianPackage: "chromium",
  envVar: "CHROMIUM_PATH",
  macos:
    "brew install --cask chromium (then CHROMIUM_PATH=/Applications/Chromium.app/Contents/MacOS/Chromium)",
};

export const TINYPROXY: SystemTool = {
  binary: "tinyproxy",
  debianPackage: "tinyproxy",
  envVar: "TINYPROXY_PATH",
  macos: "brew install tinyproxy",
};

export const OPENSSL: SystemTool = {
  binary: "openssl",
  debianPackage: "openssl",
  envVar: "OPENSSL_PATH",
  macos: "brew install openssl",
};

/** The variables that choose a network proxy (src/transport/proxy-env.ts reads them). */
export const PROXY_VARIABLES = [
  "HTTPS_PROXY",
  "https_proxy",
  "HTTP_PROXY",
  "http_proxy",
  "NO_PROXY",
  "no_proxy",
] as const;

/** Where test/support/network.setup.ts keeps them while the tests run without them. */
export const SAVED_PROXY = "ALICLOUD_ECI_TEST_SAVED_PROXY";

/** Every tool the tests use (.ci/run installs the same packages up front). */
export const SYSTEM_TOOLS = [CHROMIUM, TINYPROXY, OPENSSL] as const;

// sbin folders too: some systems keep daemons such as tinyproxy there, off a user's PATH
const EXTRA_DIRS = ["/usr/local/sbin", "/usr/sbin", "/sbin"];

/** The tool's path, or undefined. A variable naming a missing file is an error, not a fallback. */
export function findTool(tool: SystemTool, env = process.env): string | undefined {
  const given = env[tool.envVar];
  if (given) {
    if (!isExecutable(given)) throw new Error(`${tool.envVar}=${given} is not an executable file`);
    return given;
  }
  const dirs = [...(env.PATH ?? "").split(delimiter).filter(Boolean), ...EXTRA_DIRS];
  return dirs.map((dir) => join(dir, tool.binary)).find(isExecutable);
}

/**
 * The tool's path: found, or installed from Debian's packages when this process is root
 * and apt-get exists. Throws what to install otherwise.
 */
export function ensureTool(tool: SystemTool): string {
  return ensureTools(tool)[0] as string;
}

/** {@link ensureTool} for several tools, the missing ones installed with one apt-get. */
export function ensureTools(...tools: SystemTool[]): string[] {
  const missing = tools.filter((tool) => !findTool(tool));
  let trouble = "";
  if (missing.length > 0 && canInstall()) {
    try {
      aptInstall(missing);
    } catch (error) {
      const e = error as { stderr?: Buffer; message: string };
      trouble = `\napt-get failed: ${e.stderr?.toString().trim() || e.message}`;
    }
  }
  return tools.map((tool) => findTool(tool) ?? fail(tool, trouble));
}

/** What to do about a missing tool, on Debian/Ubuntu and macOS. */
export function missingMessage(tool: SystemTool): string {
  return (
    `${tool.binary} is missing. Install it (Debian/Ubuntu: sudo apt-get install ${tool.debianPackage}; ` +
    `macOS: ${tool.macos}), or set ${tool.envVar} to an existing binary. ` +
    "npm test installs it itself when it runs as root where apt-get works."
  );
}

function fail(tool: SystemTool, trouble: string): never {
  throw new Error(missingMessage(tool) + trouble);
}

function canInstall(): boolean {
  return process.getuid?.() === 0 && findTool(APT) !== undefined;
}

const APT: SystemTool = { binary: "apt-get", debianPackage: "apt", envVar: "APT_GET", macos: "" };
const LOCK = join(tmpdir(), "alicloud-eci-apt.lock");

/**
 * `apt-get update && apt-get install` of the tools still missing once the lock is ours:
 * vitest's projects and workers may ask at the same time, and flock waits its turn (the
 * kernel frees the lock if a process dies holding it).
 */
function aptInstall(tools: SystemTool[]) {
  const check = tools.map((t) => `command -v ${t.binary} >/dev/null 2>&1`).join(" && ");
  const packages = tools.map((t) => t.debianPackage).join(" ");
  const script = `${check} || { apt-get update -qq && apt-get install -y -qq ${packages} >/dev/null; }`;
  // the machine's proxy, which the tests themselves go without, may be how apt gets out
  const saved = JSON.parse(process.env[SAVED_PROXY] ?? "{}") as Record<string, string>;
  const env = { ...process.env, ...saved, DEBIAN_FRONTEND: "noninteractive" };
  const flock = findTool({
    binary: "flock",
    debianPackage: "util-linux",
    envVar: "FLOCK",
    macos: "",
  });
  const [command, args] = flock ? [flock, [LOCK, "sh", "-c", script]] : ["sh", ["-c", script]];
  process.stderr.write(`installing ${packages} (Debian packages) for the tests\n`);
  execFileSync(command, args, { env, stdio: ["ignore", "ignore", "pipe"], timeout: 15 * 60_000 });
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
