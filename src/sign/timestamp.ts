// The POP timestamp both signers put in every request.

let lastSecond = Number.NaN;
let lastStamp = "";

/** POP timestamp: UTC `YYYY-MM-DDTHH:mm:ssZ`, no milliseconds (formatted once per second). */
export function popTimestamp(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastStamp = `${new Date(second * 1000).toISOString().slice(0, 19)}Z`;
    lastSecond = second;
  }
  return lastStamp;
}
