// The request body: read with a size limit, parsed as a JSON object, and turned into
// the input authorize sees and the client forwards, one and the same object.
import { readTextUpTo } from "../base/read-text.js";
import { type Failure, fail } from "./answer.js";

// fields a browser might send to steer signing or the host; they are never forwarded
const IGNORED_FIELDS = new Set([
  "AccessKeyId",
  "AccessKeySecret",
  "SecurityToken",
  "Signature",
  "SignatureMethod",
  "SignatureNonce",
  "SignatureVersion",
  "SignatureType",
  "BearerToken",
  "Timestamp",
  "Format",
  "Version",
  "Action",
  "Endpoint",
  "endpoint",
  "credentials",
  "accessKeyId",
  "accessKeySecret",
  "securityToken",
]);

// no action has such a parameter, and copying one into an object can set its prototype
const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** The body as text, or a 413 once it is larger than `limit` bytes. */
export async function readBody(
  request: Request,
  limit: number,
): Promise<{ text: string } | Failure> {
  const tooLarge = () =>
    fail(413, "RequestEntityTooLarge", `request body is larger than ${limit} bytes`);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return tooLarge();
  if (!request.body) return { text: "" };
  const text = await readTextUpTo(request.body, limit);
  return text === undefined ? tooLarge() : { text };
}

/**
 * The action's input from a JSON object text: its own keys, minus the ignored ones, on an
 * object without a prototype. A reserved key at any depth is refused, as a ValidationError.
 */
export function parseInput(
  text: string,
  action: string,
): { input: Record<string, unknown> } | Failure {
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    return notAnObject();
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return notAnObject();
  const reserved = reservedPaths(parsed);
  if (reserved.length) {
    const issues = reserved.map((path) => ({ path, rule: `is not a parameter of ${action}` }));
    const list = issues.map((issue) => `${issue.path} ${issue.rule}`).join("; ");
    return fail(400, "ValidationError", `${action}: invalid input: ${list}`, { Issues: issues });
  }
  const input: Record<string, unknown> = Object.create(null);
  for (const [key, value] of Object.entries(parsed))
    if (!IGNORED_FIELDS.has(key)) input[key] = value;
  return { input };
}

const notAnObject = () => fail(400, "InvalidParameter", "the request body must be a JSON object");

/** Where reserved keys occur, as `Container[0].__proto__` paths. */
function reservedPaths(root: object): string[] {
  const found: string[] = [];
  // a stack, not recursion: a 64 KiB body can nest deeper than the call stack
  const stack: [unknown, string][] = [[root, ""]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [value, path] = next;
    if (typeof value !== "object" || value === null) continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${path}[${i}]`]);
      continue;
    }
    for (const [key, item] of Object.entries(value).reverse()) {
      const where = path ? `${path}.${key}` : key;
      if (RESERVED_KEYS.has(key)) found.push(where);
      else stack.push([item, where]);
    }
  }
  return found;
}
