// openExecSession over a stand-in WebSocket class: the fake cloud answers the
// ExecContainerCommand calls (a fresh token each), the class plays the session's server.
import { describe, expect, it } from "vitest";
import { createEciClient, openExecSession, type WebSocketLike } from "../../src/index.js";
import { createFakeCloud } from "../../src/testing/index.js";

type Listener = (event: never) => void;

/** A WebSocket whose server echoes each write in upper case; URIs in `expired` refuse to open. */
function socketClass(expired: Set<string>, opened: string[]) {
  return class FakeSocket implements WebSocketLike {
    binaryType = "blob";
    private readonly listeners = new Map<string, Listener[]>();
    constructor(readonly url: string) {
      queueMicrotask(() => {
        if (expired.has(url)) {
          this.emit("error", {});
          this.emit("close", { code: 1006, reason: "" });
          return;
        }
        opened.push(url);
        this.emit("open", {});
        this.emit("message", { data: "/ # " });
      });
    }
    addEventListener(type: string, listener: Listener) {
      this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
    }
    send(data: string) {
      queueMicrotask(() => {
        if (data === "exit\n") this.close(1000, "exited");
        else this.emit("message", { data: new TextEncoder().encode(data.toUpperCase()).buffer });
      });
    }
    close(code = 1000, reason = "") {
      queueMicrotask(() => this.emit("close", { code, reason }));
    }
    private emit(type: string, event: object) {
      for (const listener of this.listeners.get(type) ?? []) listener(event as never);
    }
  };
}

async function running() {
  const fake = createFakeCloud();
  const eci = createEciClient({ regionId: "cn-hangzhou", ...fake.clientOptions() });
  const { ContainerGroupId } = await eci.createContainerGroup({
    ContainerGroupName: "shell",
    Container: [{ Name: "sh", Image: "busybox:1.36", Command: ["sleep", "infinity"] }],
  });
  fake.advance(60_000);
  return { fake, eci, ref: { ContainerGroupId, ContainerName: "sh", Command: ["sh"] } };
}

describe("openExecSession", () => {
  it("writes, iterates the output in order and ends when the session closes", async () => {
    const { eci, ref } = await running();
    const opened: string[] = [];
    const shell = await openExecSession(eci, ref, { WebSocket: socketClass(new Set(), opened) });
    shell.write("ls\n");
    shell.write("exit\n");
    const chunks: string[] = [];
    for await (const chunk of shell) chunks.push(chunk);
    expect(chunks).toEqual(["/ # ", "LS\n"]);
    expect(await shell.closed).toEqual({ code: 1000, reason: "exited" });
    expect(opened[0]).toMatch(/^wss:\/\/.+token=/);
  });

  it("asks for a fresh URI once when the first one has expired", async () => {
    const { fake, eci, ref } = await running();
    const expired = new Set<string>();
    const opened: string[] = [];
    const Base = socketClass(expired, opened);
    let first = true;
    class ExpiringFirst extends Base {
      constructor(url: string) {
        if (first) expired.add(url);
        first = false;
        super(url);
      }
    }
    const shell = await openExecSession(eci, ref, { WebSocket: ExpiringFirst });
    shell.close();
    expect(await shell.closed).toMatchObject({ code: 1000 });
    const calls = fake.requests.filter((r) => r.action === "ExecContainerCommand");
    expect(calls).toHaveLength(2);
    expect(opened).toHaveLength(1);
    expect(expired.has(opened[0] as string)).toBe(false);
  });

  it("says what it needs where there is no global WebSocket", async () => {
    const { eci, ref } = await running();
    const global = globalThis as { WebSocket?: unknown };
    const saved = global.WebSocket;
    delete global.WebSocket;
    try {
      await expect(openExecSession(eci, ref)).rejects.toMatchObject({ name: "ConfigurationError" });
    } finally {
      if (saved) global.WebSocket = saved;
    }
  });
});
