// Exec sessions served by `fake.listen()`: ExecContainerCommand's WebSocketUri points at the
// fake's port, and openExecSession talks to it through a small node:http WebSocket client.
import { randomBytes } from "node:crypto";
import { request } from "node:http";
import type { Duplex } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createEciClient, openExecSession, type WebSocketLike } from "../../src/index.js";
import { createFakeCloud, type FakeServer } from "../../src/testing/index.js";
import { closePayload, encodeFrame, FrameReader, OPCODE } from "../../src/testing/ws-frames.js";

type Listener = (event: never) => void;

/** A WebSocket client over node:http (Node 20 has no global one), enough for the sessions. */
class NodeSocket implements WebSocketLike {
  binaryType = "arraybuffer";
  private readonly listeners = new Map<string, Listener[]>();
  private socket: Duplex | undefined;
  private readonly reader = new FrameReader();
  private done = false;

  constructor(url: string) {
    const req = request(new URL(url.replace(/^ws/, "http")), {
      headers: {
        Connection: "Upgrade",
        Upgrade: "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": randomBytes(16).toString("base64"),
      },
    });
    req.on("upgrade", (_res, socket, head) => {
      this.socket = socket;
      this.emit("open", {});
      socket.on("data", (chunk: Buffer) => this.receive(chunk));
      socket.on("close", () => this.closed(1006, ""));
      if (head.length) this.receive(head);
    });
    req.on("response", (res) => {
      res.resume();
      this.emit("error", {});
      this.closed(1006, `HTTP ${res.statusCode}`);
    });
    req.on("error", () => this.closed(1006, "connection failed"));
    req.end();
  }

  addEventListener(type: string, listener: Listener) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  send(text: string) {
    this.socket?.write(encodeFrame(OPCODE.text, Buffer.from(text), randomBytes(4)));
  }

  close(code = 1000, reason = "") {
    this.socket?.write(encodeFrame(OPCODE.close, closePayload(code, reason), randomBytes(4)));
  }

  private receive(chunk: Buffer) {
    for (const frame of this.reader.push(chunk)) {
      if (frame.opcode === OPCODE.text) this.emit("message", { data: frame.payload.toString() });
      if (frame.opcode === OPCODE.close) {
        this.closed(frame.payload.readUInt16BE(0), frame.payload.subarray(2).toString());
        this.socket?.end();
      }
    }
  }

  private closed(code: number, reason: string) {
    if (this.done) return;
    this.done = true;
    this.emit("close", { code, reason });
  }

  private emit(type: string, event: object) {
    for (const listener of this.listeners.get(type) ?? []) listener(event as never);
  }
}

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function running() {
  const fake = createFakeCloud();
  server = await fake.listen();
  const eci = createEciClient({ regionId: "cn-hangzhou", ...fake.clientOptions({ via: "http" }) });
  const { ContainerGroupId } = await eci.createContainerGroup({
    ContainerGroupName: "box",
    Container: [{ Name: "sh", Image: "busybox:1.36", Command: ["sleep", "infinity"] }],
  });
  fake.advance(60_000);
  return { fake, eci, ref: { ContainerGroupId, ContainerName: "sh" } };
}

async function drain(session: AsyncIterable<string>): Promise<string> {
  let all = "";
  for await (const chunk of session) all += chunk;
  return all;
}

describe("exec sessions on fake.listen()", () => {
  it("a shell with a terminal: prompt, echo, each line's output, exit", async () => {
    const { eci, ref } = await running();
    const shell = await openExecSession(
      eci,
      { ...ref, Command: ["sh"] },
      { WebSocket: NodeSocket },
    );
    shell.write("echo hi\n");
    shell.write("hostname; echo $((6 * 7))\nexit\n");
    expect(await drain(shell)).toBe(
      "/ # echo hi\r\nhi\r\n/ # hostname; echo $((6 * 7))\r\nbox\r\n42\r\n/ # exit\r\n",
    );
    expect(await shell.closed).toEqual({ code: 1000, reason: "exit" });
  });

  it("a command without a terminal runs once, sends its output and closes", async () => {
    const { eci, ref } = await running();
    const session = await openExecSession(
      eci,
      { ...ref, Command: "for i in 1 2; do echo n=$i; done", TTY: false },
      { WebSocket: NodeSocket },
    );
    expect(await drain(session)).toBe("n=1\nn=2\n");
  });

  it("a URI is good for 30 s on the fake's clock and for one connection; openExecSession gets a fresh one", async () => {
    const { fake, eci, ref } = await running();
    const { WebSocketUri } = await eci.execContainerCommand({ ...ref, Command: ["sh"], TTY: true });
    expect(WebSocketUri).toMatch(
      new RegExp(`^ws://127\\.0\\.0\\.1:${server?.port}/exec\\?.*token=`),
    );
    fake.advance(31_000);
    const refused = await new Promise((resolve) => {
      new NodeSocket(WebSocketUri as string).addEventListener("close", (e: { reason: string }) =>
        resolve(e.reason),
      );
    });
    expect(refused).toBe("HTTP 403");

    let first = true;
    class LateFirst extends NodeSocket {
      constructor(url: string) {
        if (first) fake.advance(31_000); // the first URI expires before it is used
        first = false;
        super(url);
      }
    }
    const shell = await openExecSession(eci, { ...ref, Command: ["sh"] }, { WebSocket: LateFirst });
    shell.write("exit\n");
    expect(await drain(shell)).toBe("/ # exit\r\n");
    expect(fake.requests.filter((r) => r.action === "ExecContainerCommand")).toHaveLength(3);
  });
});
