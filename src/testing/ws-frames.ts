// The few pieces of RFC 6455 the fake's exec sessions need: the handshake's accept key and
// text / close / ping frames, both ways (a client masks its frames, a server does not).
import { createHash } from "node:crypto";

const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/** `Sec-WebSocket-Accept` for a client's `Sec-WebSocket-Key`. */
export const acceptKey = (key: string): string =>
  createHash("sha1").update(`${key}${GUID}`).digest("base64");

export const OPCODE = { text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const;

/** One whole frame (FIN set); `mask` (4 bytes) for frames a client sends. */
export function encodeFrame(opcode: number, payload: Uint8Array, mask?: Uint8Array): Buffer {
  const length = payload.length;
  const size = length < 126 ? 0 : length < 65_536 ? 2 : 8;
  const head = Buffer.alloc(2 + size + (mask ? 4 : 0));
  head[0] = 0x80 | opcode;
  head[1] = (mask ? 0x80 : 0) | (size === 0 ? length : size === 2 ? 126 : 127);
  if (size === 2) head.writeUInt16BE(length, 2);
  if (size === 8) head.writeBigUInt64BE(BigInt(length), 2);
  const body = Buffer.from(payload);
  if (mask) {
    head.set(mask, 2 + size);
    for (let i = 0; i < body.length; i++) body[i] = (body[i] as number) ^ (mask[i % 4] as number);
  }
  return Buffer.concat([head, body]);
}

/** Reads frames out of a byte stream as it arrives (fragments are joined). */
export class FrameReader {
  private buffer = Buffer.alloc(0);
  private fragments: Buffer[] = [];
  private fragmentOpcode = 0;

  push(chunk: Buffer): { opcode: number; payload: Buffer }[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const frames: { opcode: number; payload: Buffer }[] = [];
    for (;;) {
      const b = this.buffer;
      if (b.length < 2) return frames;
      const fin = ((b[0] as number) & 0x80) !== 0;
      const opcode = (b[0] as number) & 0x0f;
      const masked = ((b[1] as number) & 0x80) !== 0;
      let length = (b[1] as number) & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (b.length < 4) return frames;
        length = b.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (b.length < 10) return frames;
        length = Number(b.readBigUInt64BE(2));
        offset = 10;
      }
      const mask = masked ? b.subarray(offset, offset + 4) : undefined;
      offset += masked ? 4 : 0;
      if (b.length < offset + length) return frames;
      const payload = Buffer.from(b.subarray(offset, offset + length));
      if (mask)
        for (let i = 0; i < payload.length; i++)
          payload[i] = (payload[i] as number) ^ (mask[i % 4] as number);
      this.buffer = b.subarray(offset + length);
      if (opcode >= 8)
        frames.push({ opcode, payload }); // control frames come between fragments
      else {
        if (opcode !== 0) this.fragmentOpcode = opcode;
        this.fragments.push(payload);
        if (fin) {
          frames.push({ opcode: this.fragmentOpcode, payload: Buffer.concat(this.fragments) });
          this.fragments = [];
        }
      }
    }
  }
}

/** A close frame's payload: the code, then the reason. */
export function closePayload(code: number, reason: string): Buffer {
  const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
  payload.writeUInt16BE(code, 0);
  payload.write(reason, 2);
  return payload;
}
