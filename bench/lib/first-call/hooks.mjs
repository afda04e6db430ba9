// Module hooks (they run off the main thread): every file of the installed package that
// the page loads, one URL a line, into the file setup.mjs names.
import { appendFileSync } from "node:fs";

let out;

export function initialize(data) {
  out = data.out;
}

export async function load(url, context, nextLoad) {
  if (out && url.includes("/node_modules/alicloud-eci/")) appendFileSync(out, `${url}\n`);
  return nextLoad(url, context);
}
