// The server end of a WebSocket on the socket of an HTTP upgrade, for the fake's exec sessions.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { acceptKey, closePayload, encodeFrame, FrameReader, OPCODE } from "./ws-frames.js";

/** One connected client. */
export interface WebSocketPeer {
  send(text: string): void;
  close(code?: number, reason?: string): void;
  onMessage(listener: (text: string) => void): void;
}

/** Answers an upgrade request with an HTTP error instead (a bad or expired token). */
export function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${message}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`,
  );
}

/** Completes the handshake and returns the peer; undefined (and refused) when it is not a WebSocket request. */
export function acceptWebSocket(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): WebSocketPeer | undefined {
  const key = req.headers["sec-websocket-key"];
  if (typeof key !== "string" || req.headers.upgrade?.toLowerCase() !== "websocket") {
    refuseUpgrade(socket, 400, "Bad Request");
    return undefined;
  }
  socket.write(
    `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKey(key)}\r\n\r\n`,
  );
  const listeners: ((text: string) => void)[] = [];
  const reader = new FrameReader();
  let closing = false;
  const close = (code = 1000, reason = "") => {
    if (closing) return;
    closing = true;
    socket.write(encodeFrame(OPCODE.close, closePayload(code, reason)));
    socket.end();
  };
  const receive = (chunk: Buffer) => {
    for (const frame of reader.push(chunk)) {
      if (frame.opcode === OPCODE.close)
        close(frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1000);
      else if (frame.opcode === OPCODE.ping) socket.write(encodeFrame(OPCODE.pong, frame.payload));
      else if (frame.opcode === OPCODE.text || frame.opcode === OPCODE.binary) {
        const text = frame.payload.toString("utf8");
        for (const listener of listeners) listener(text);
      }
    }
  };
  socket.on("data", receive);
  socket.on("error", () => socket.destroy());
  queueMicrotask(() => {
    if (head.length) receive(head);
  });
  return {
    send: (text) => {
      if (!closing) socket.write(encodeFrame(OPCODE.text, Buffer.from(text)));
    },
    close,
    onMessage: (listener) => listeners.push(listener),
  };
}
