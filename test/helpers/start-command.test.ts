import { describe, expect, it } from "vitest";
import { resolveStartCommand, resolveWorkingDir } from "../../src/index.js";

const image = { imageEntrypoint: ["mkdir"], imageCmd: ["/data/backup"] };

describe("resolveStartCommand: the user guide's table", () => {
  it.each([
    ["neither set", {}, ["mkdir", "/data/backup"]],
    ["Commands only: CMD is ignored", { commands: ["cd"] }, ["cd"]],
    ["Args only: ENTRYPOINT + Args", { args: ["/opt/backup"] }, ["mkdir", "/opt/backup"]],
    ["both: Commands + Args", { commands: ["cd"], args: ["/opt/backup"] }, ["cd", "/opt/backup"]],
  ])("%s", (_, overrides, argv) => {
    expect(resolveStartCommand({ ...image, ...overrides })).toEqual(argv);
  });
});

describe("resolveStartCommand: edge cases", () => {
  it("empty lists count as unset", () => {
    expect(resolveStartCommand({ ...image, commands: [], args: [] })).toEqual([
      "mkdir",
      "/data/backup",
    ]);
    expect(resolveStartCommand({ imageEntrypoint: [], imageCmd: ["sh"] })).toEqual(["sh"]);
  });

  it("keeps whitespace inside an argument (no shell splitting)", () => {
    expect(
      resolveStartCommand({ commands: ["/bin/sh", "-c"], args: ["echo hello && sleep 3600"] }),
    ).toEqual(["/bin/sh", "-c", "echo hello && sleep 3600"]);
    expect(resolveStartCommand({ imageCmd: [" nginx ", "-g", "daemon off;"] })).toEqual([
      " nginx ",
      "-g",
      "daemon off;",
    ]);
  });

  it("only Args and an image without ENTRYPOINT: the first argument runs", () => {
    expect(resolveStartCommand({ imageCmd: ["sh"], args: ["/app/run.sh", "--fast"] })).toEqual([
      "/app/run.sh",
      "--fast",
    ]);
  });

  it("Commands with an image that has no ENTRYPOINT or CMD", () => {
    expect(resolveStartCommand({ commands: ["/app"] })).toEqual(["/app"]);
  });

  it("nothing at all to run is an error, not an empty argv", () => {
    expect(() => resolveStartCommand({})).toThrow(/nothing to run/);
    expect(() => resolveStartCommand({ imageEntrypoint: [], commands: [], args: [] })).toThrow(
      /nothing to run/,
    );
  });

  it("does not share or change the caller's arrays", () => {
    const commands = ["cd"];
    const argv = resolveStartCommand({ commands, args: ["/x"] });
    argv.push("more");
    expect(commands).toEqual(["cd"]);
  });
});

describe("resolveWorkingDir", () => {
  it("WorkingDir wins over the image's WORKDIR, which wins over /", () => {
    expect(resolveWorkingDir({ imageWorkdir: "/usr/share/nginx/html", workingDir: "/srv" })).toBe(
      "/srv",
    );
    expect(resolveWorkingDir({ imageWorkdir: "/usr/share/nginx/html" })).toBe(
      "/usr/share/nginx/html",
    );
    expect(resolveWorkingDir({})).toBe("/");
  });

  it("empty or blank values count as unset", () => {
    expect(resolveWorkingDir({ imageWorkdir: "", workingDir: "  " })).toBe("/");
    expect(resolveWorkingDir({ imageWorkdir: "/app", workingDir: "" })).toBe("/app");
  });
});
