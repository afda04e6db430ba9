// Issue 20: the tests provision the programs they drive (test/support/system-tools.ts).
// apt-get here is a script in a temporary PATH that records what it was asked and "installs"
// by writing the binary: the logic runs for real, the machine is left alone.
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ensureTool,
  findTool,
  missingMessage,
  SYSTEM_TOOLS,
  type SystemTool,
} from "./system-tools.js";

const FAKE: SystemTool = {
  binary: "fake-tool-x",
  debianPackage: "fake-tool-package",
  envVar: "FAKE_TOOL_PATH",
  macos: "brew install fake-tool",
};

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "alicloud-eci-tools-"));
  symlinkSync("/bin/sh", join(dir, "sh"));
  vi.stubEnv("PATH", dir);
  vi.stubEnv(FAKE.envVar, undefined);
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

function executable(name: string, text = "#!/bin/sh\n") {
  writeFileSync(join(dir, name), text);
  chmodSync(join(dir, name), 0o755);
  return join(dir, name);
}

/** An apt-get that logs its arguments and, asked to install, makes the fake tool. */
function fakeAptGet() {
  executable(
    "apt-get",
    `#!/bin/sh
echo "$*" >> "${dir}/apt.log"
if [ "$1" = install ]; then printf '#!/bin/sh\\n' > "${dir}/${FAKE.binary}"; /bin/chmod +x "${dir}/${FAKE.binary}"; fi
`,
  );
  return () => readFileSync(join(dir, "apt.log"), "utf8").trim().split("\n");
}

describe("findTool", () => {
  it("takes the variable's path first, then the PATH", () => {
    const onPath = executable(FAKE.binary);
    expect(findTool(FAKE)).toBe(onPath);
    const elsewhere = mkdtempSync(join(tmpdir(), "alicloud-eci-tools-"));
    try {
      writeFileSync(join(elsewhere, "mine"), "#!/bin/sh\n", { mode: 0o755 });
      vi.stubEnv(FAKE.envVar, join(elsewhere, "mine"));
      expect(findTool(FAKE)).toBe(join(elsewhere, "mine"));
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it("is undefined when absent, and a variable naming no executable is an error", () => {
    expect(findTool(FAKE)).toBeUndefined();
    writeFileSync(join(dir, FAKE.binary), "not executable");
    expect(findTool(FAKE)).toBeUndefined();
    vi.stubEnv(FAKE.envVar, join(dir, "nowhere"));
    expect(() => findTool(FAKE)).toThrow(
      `FAKE_TOOL_PATH=${join(dir, "nowhere")} is not an executable file`,
    );
  });
});

describe("ensureTool", () => {
  it("as root with apt-get: updates, installs the Debian package, and finds the tool", () => {
    vi.spyOn(process, "getuid").mockReturnValue(0);
    // the real flock where there is one (Debian): the install then runs under the lock
    if (existsSync("/usr/bin/flock")) symlinkSync("/usr/bin/flock", join(dir, "flock"));
    const calls = fakeAptGet();
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(ensureTool(FAKE)).toBe(join(dir, FAKE.binary));
    expect(calls()).toEqual(["update -qq", "install -y -qq fake-tool-package"]);
    expect(ensureTool(FAKE)).toBe(join(dir, FAKE.binary)); // present now: apt-get is not asked again
    expect(calls()).toHaveLength(2);
  });

  it("fails, never skips, saying what to install on Debian/Ubuntu and macOS and which variable to set", () => {
    vi.spyOn(process, "getuid").mockReturnValue(1000);
    fakeAptGet(); // there, but not root: nothing is installed
    const message =
      "fake-tool-x is missing. Install it (Debian/Ubuntu: sudo apt-get install fake-tool-package; " +
      "macOS: brew install fake-tool), or set FAKE_TOOL_PATH to an existing binary. " +
      "npm test installs it itself when it runs as root where apt-get works.";
    expect(missingMessage(FAKE)).toBe(message);
    expect(() => ensureTool(FAKE)).toThrow(message);
  });

  it("says why apt-get could not install it", () => {
    vi.spyOn(process, "getuid").mockReturnValue(0);
    executable("apt-get", "#!/bin/sh\necho 'E: Unable to locate package' >&2\nexit 100\n");
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(() => ensureTool(FAKE)).toThrow(
      /is missing[\s\S]*apt-get failed: E: Unable to locate package/,
    );
  });
});

it(".ci/run installs every tool's Debian package up front", () => {
  const run = readFileSync(join(import.meta.dirname, "../../.ci/run"), "utf8");
  const list = /for tool in ([^;]+); do/.exec(run)?.[1]?.trim().split(/\s+/);
  expect(list).toEqual(SYSTEM_TOOLS.map((tool) => `${tool.binary}:${tool.debianPackage}`));
});
