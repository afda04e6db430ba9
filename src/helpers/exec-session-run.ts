// Interactive commands in a container: ExecContainerCommand without Sync answers a
// WebSocketUri that is valid for a short time; the session is a WebSocket to it. Any
// WebSocket works: the global one (browsers, Node 22+) or a constructor passed in (`ws`).
import type { EciClient } from "../../generated/eci.client.js";
import { AbortError, ConfigurationError } from "../base/errors.js";
import { regionOf } from "../waiters/region.js";
import type { ExecInput } from "./exec.js";

/** The part of the WebSocket API a session uses (the WHATWG one; `ws` has it too). */
export interface WebSocketLike {
  /** set to `"arraybuffer"` so binary frames decode without Blobs */
  binaryType?: string;
  /** sends a text frame */
  send(data: string): void;
  /** starts the closing handshake */
  close(code?: number, reason?: string): void;
  /** the events a session listens to */
  addEventListener(
    type: "open" | "message" | "close" | "error",
    listener: (event: never) => void,
  ): void;
}

/** `WebSocket`, or any class built like it. */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** What to run interactively. */
export interface ExecSessionInput extends ExecInput {
  /** allocate a terminal (a shell prompt, echo); default true */
  TTY?: boolean;
}

/** How to connect. */
export interface ExecSessionOptions {
  /** the WebSocket class; default `globalThis.WebSocket` */
  WebSocket?: WebSocketConstructor;
  /** closes the session (and stops a connection in progress) */
  signal?: AbortSignal;
}

/** An open session: write to its input, iterate its output, close it. */
export interface ExecSession extends AsyncIterable<string> {
  /** sends text to the command's standard input (a shell wants its line break: `"ls\n"`) */
  write(text: string): void;
  /** ends the session; the output iteration ends too */
  close(): void;
  /** settles when the session is over, with the WebSocket's close code and reason */
  readonly closed: Promise<SessionEnd>;
}

/** How a session ended. */
export interface SessionEnd {
  /** the WebSocket close code: 1000 when the command exited, 1006 when the connection was lost */
  code: number;
  /** the close reason the server gave */
  reason: string;
}

type Event = { data?: unknown; code?: number; reason?: string };

/** What arrives between the handshake and the session's own listeners: kept, not lost. */
interface Inbox {
  events: { type: "message" | "close"; event: Event }[];
  deliver?: (type: "message" | "close", event: Event) => void;
}

/** Opens one WebSocket; rejects when it closes or fails before it opened (an expired URI). */
function connect(Ctor: WebSocketConstructor, uri: string, signal?: AbortSignal) {
  return new Promise<{ ws: WebSocketLike; inbox: Inbox }>((resolve, reject) => {
    const ws = new Ctor(uri);
    ws.binaryType = "arraybuffer";
    let open = false;
    const inbox: Inbox = { events: [] };
    const receive = (type: "message" | "close") => (event: Event) => {
      if (inbox.deliver) inbox.deliver(type, event);
      else inbox.events.push({ type, event });
    };
    ws.addEventListener("message", receive("message"));
    ws.addEventListener("open", () => {
      open = true;
      ws.addEventListener("close", receive("close"));
      resolve({ ws, inbox });
    });
    const fail = (e: Event) => {
      if (!open)
        reject(new Error(`the exec session did not open (${e.code ?? "error"} ${e.reason ?? ""})`));
    };
    ws.addEventListener("error", fail);
    ws.addEventListener("close", fail);
    signal?.addEventListener("abort", () => ws.close(1000), { once: true });
  });
}

const text = (data: unknown): string | Promise<string> => {
  if (typeof data === "string") return data;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data))
    return new TextDecoder().decode(data as ArrayBuffer);
  if (typeof (data as Blob)?.text === "function") return (data as Blob).text();
  return String(data);
};

/**
 * Starts a command in a running container with a session (ExecContainerCommand without
 * `Sync`) and connects to its WebSocketUri. A URI that expired before the connection
 * opened is replaced by a fresh one, once. A string `Command` runs in `sh -c`; by default
 * a terminal is allocated (`TTY: true`).
 *
 * @example
 * ```ts
 * const shell = await openExecSession(eci, { ContainerGroupId, ContainerName: "web", Command: ["sh"] });
 * shell.write("hostname\nexit\n");
 * for await (const chunk of shell) process.stdout.write(chunk);
 * ```
 */
export async function openExecSession(
  eci: Pick<EciClient, "execContainerCommand">,
  input: ExecSessionInput,
  options: ExecSessionOptions = {},
): Promise<ExecSession> {
  const Ctor = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (!Ctor)
    throw new ConfigurationError(
      "openExecSession needs a WebSocket: pass options.WebSocket (e.g. the ws package's) where there is no global one",
    );
  const { signal } = options;
  const { ContainerGroupId, ContainerName } = input;
  const Command = typeof input.Command === "string" ? ["sh", "-c", input.Command] : input.Command;
  const uri = async () => {
    const answer = await eci.execContainerCommand(
      {
        ...regionOf(input),
        ContainerGroupId,
        ContainerName,
        Command,
        TTY: input.TTY ?? true,
        Stdin: true,
      },
      { signal },
    );
    return answer.WebSocketUri ?? "";
  };
  let opened: Awaited<ReturnType<typeof connect>>;
  const firstUri = await uri(); // the API's own errors (IncorrectStatus…) reject here, unretried
  try {
    opened = await connect(Ctor, firstUri, signal);
  } catch (first) {
    if (signal?.aborted) throw new AbortError(signal.reason);
    // valid for a short time only: one fresh URI
    opened = await connect(Ctor, await uri(), signal).catch((second) => {
      throw signal?.aborted ? new AbortError(signal.reason) : (second ?? first);
    });
  }
  return session(opened.ws, opened.inbox);
}

/** The output of a connected WebSocket as an async iterable, in order. */
function session(ws: WebSocketLike, inbox: Inbox): ExecSession {
  const chunks: string[] = [];
  let waiting: (() => void) | undefined;
  let ended = false;
  let order = Promise.resolve(); // Blobs decode asynchronously: keep the order of arrival
  let settle: (value: SessionEnd) => void = () => {};
  const closed = new Promise<SessionEnd>((resolve) => {
    settle = resolve;
  });
  const wake = () => {
    waiting?.();
    waiting = undefined;
  };
  const deliver = (type: "message" | "close", e: Event) => {
    order = order.then(async () => {
      if (type === "message") chunks.push(await text(e.data));
      else {
        ended = true;
        settle({ code: e.code ?? 1005, reason: e.reason ?? "" });
      }
      wake();
    });
  };
  for (const { type, event } of inbox.events) deliver(type, event);
  inbox.deliver = deliver;
  return {
    write: (data) => ws.send(data),
    close: () => ws.close(1000),
    closed,
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const chunk = chunks.shift();
        if (chunk !== undefined) yield chunk;
        else if (ended) return;
        else
          await new Promise<void>((resolve) => {
            waiting = resolve;
          });
      }
    },
  };
}
