// The small INI dialect of ~/.alibabacloud/credentials: [sections], `key = value`,
// comments after ; or # (whole lines, or after whitespace), optional quotes.

/** Sections by name; each maps keys to values. */
export type IniSections = Map<string, Map<string, string>>;

/** Parses INI text; keys before the first section are ignored. */
export function parseIni(text: string): IniSections {
  const sections: IniSections = new Map();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith(";") || line.startsWith("#")) continue;
    const section = /^\[([^\]]*)\]/.exec(line);
    if (section) {
      const name = (section[1] ?? "").trim();
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      continue;
    }
    const eq = line.indexOf("=");
    if (!current || eq < 0) continue;
    const key = line.slice(0, eq).trim();
    const value = unquote(
      line
        .slice(eq + 1)
        .replace(/\s[;#].*$/, "")
        .trim(),
    );
    if (key) current.set(key, value);
  }
  return sections;
}

function unquote(value: string): string {
  const quoted =
    value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0];
  return quoted ? value.slice(1, -1) : value;
}
