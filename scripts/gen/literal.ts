// TypeScript literals for generated tables: short objects on one line, long ones one entry
// a line, and code (a reference to a named shape, a function) as is.

/** Code emitted as is. */
export class Code {
  constructor(readonly text: string) {}
}

export function literal(value: unknown, indent = ""): string {
  if (value instanceof Code) return value.text;
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, indent)).join(", ")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (!entries.length) return "{}";
    const inner = `${indent}  `;
    const parts = entries.map(([k, v]) => `${inner}${key(k)}: ${literal(v, inner)}`);
    const oneLine = `{ ${entries.map(([k, v]) => `${key(k)}: ${literal(v, inner)}`).join(", ")} }`;
    return oneLine.length <= 100 && !oneLine.includes("\n")
      ? oneLine
      : `{\n${parts.join(",\n")},\n${indent}}`;
  }
  return JSON.stringify(value);
}

const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
