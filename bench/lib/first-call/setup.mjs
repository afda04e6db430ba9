// Preloaded (`node --import`) before a page's code runs in Node as it would in a browser:
// no process.getBuiltinModule (so the SDK takes its browser paths: fetch, @noble/hashes),
// a document to write to, and a fetch that answers every call. hooks.mjs records each
// file of the package that gets loaded.
import { register } from "node:module";

register("./hooks.mjs", import.meta.url, { data: { out: process.env.FIRST_CALL_LOG } });

process.getBuiltinModule = undefined;
globalThis.document = { body: {} };
globalThis.fetch = async (url) => {
  const body = String(url).endsWith("/api/sts")
    ? { accessKeyId: "STS.id", accessKeySecret: "secret", securityToken: "token" }
    : { RequestId: "r-1", ContainerGroups: [], TotalCount: 0 };
  return new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
};
