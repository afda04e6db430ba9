// Renders docs/performance.md from the stored results.
import { cpus, loadavg } from "node:os";
import type { PageBuild } from "../sections/bundles.js";
import { burstSection } from "../sections/burst.js";
import type { ConcurrencyResult } from "../sections/concurrency.js";
import type { ConcurrencyId, ContenderId } from "./contenders.js";
import type { Results, SectionId, Stored } from "./results.js";
import { fmt, kB, MB, ratio } from "./stats.js";
import { USER_BUDGETS } from "./user-bundles.js";

const ok = (pass: boolean) => (pass ? "✅" : "❌");
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const ms = (x: number) => `${fmt(x, 3)} ms`;
const us = (x: number) => `${fmt(x, 3)} µs`;

const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;

function table(head: string[], rows: (string | number)[][]): string {
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

/** The ratios the concurrency targets read: the SDK's default transport against another contender. */
interface ConcurrencyRatio {
  /** the row in the targets table */
  name: string;
  /** the row in the concurrency section */
  label: string;
  goal: string;
  meets: (x: number) => boolean;
  inFlight: number;
  metric: "cpuUs" | "perSecond";
  other: ConcurrencyId;
}

const CONCURRENCY_RATIOS: ConcurrencyRatio[] = [
  {
    name: "Client CPU per call at 32 in flight, default transport, vs the floor (pre-signed POST over node:http)",
    label: "CPU per call, 32 in flight: default transport ÷ floor",
    goal: "≤ 1.5×",
    meets: (x) => x <= 1.5,
    inFlight: 32,
    metric: "cpuUs",
    other: "floor",
  },
  {
    name: "Client CPU per call at 32 in flight, default transport, vs the official SDK",
    label: "CPU per call, 32 in flight: default transport ÷ official",
    goal: "≤ 0.6×",
    meets: (x) => x <= 0.6,
    inFlight: 32,
    metric: "cpuUs",
    other: "official",
  },
  {
    name: "Calls/s at 1 in flight, default transport, vs the official SDK",
    label: "calls/s, 1 in flight: default transport ÷ official",
    goal: "≥ 1.2×",
    meets: (x) => x >= 1.2,
    inFlight: 1,
    metric: "perSecond",
    other: "official",
  },
];

const UNITS = { cpuUs: "µs CPU per call", perSecond: "calls/s" } as const;

/** The ratio of medians, and the same ratio round by round (both measured in the same round). */
function concurrencyRatio(r: ConcurrencyResult, c: ConcurrencyRatio) {
  const level = r.levels.find((l) => l.inFlight === c.inFlight);
  if (!level) return undefined;
  const medians = c.metric === "cpuUs" ? level.cpuUsMedian : level.perSecondMedian;
  const runs = c.metric === "cpuUs" ? level.cpuUs : level.perSecond;
  const others = runs[c.other];
  return {
    sdk: medians["sdk-default"],
    other: medians[c.other],
    perRound: runs["sdk-default"].map((v, i) => v / (others[i] as number)),
  };
}

/** One row of the targets table: what it asks, what we measured, met or not. */
export interface TargetRow {
  name: string;
  goal: string;
  measured: string;
  pass?: boolean;
}

type Pages = NonNullable<Results["bundles"]>["pages"];

/** The bundle budgets (issues 9 and 20), each a page and a build, from the packed tarball. */
const BUNDLE_TARGETS: {
  name: string;
  /** what else the goal asks besides the size */
  goal: string;
  budget: number;
  build: (pages: Pages) => PageBuild;
}[] = [
  {
    name: "Browser bundle, proxy page, Vite (issues 9, 20)",
    goal: ", no signing, hashing, credentials or node:http code",
    budget: USER_BUDGETS.proxyVite,
    build: (p) => p.proxy.vite,
  },
  {
    name: "Browser bundle, proxy page, one file (issue 20)",
    goal: ", no signing, hashing, credentials or node:http code",
    budget: USER_BUDGETS.proxyOneFile,
    build: (p) => p.proxy.oneFile,
  },
  {
    name: "Browser bundle, STS page, Vite (issues 9, 20)",
    goal: "",
    budget: USER_BUDGETS.stsVite,
    build: (p) => p.sts.vite,
  },
];

/** Every target, in table order; `measure` answers undefined while its results are missing. */
const TARGETS: { name: string; measure: (r: Results) => Omit<TargetRow, "name"> | undefined }[] = [
  {
    name: "Per-call throughput, default transport, vs plain fetch (pre-signed)",
    measure: (r) => {
      const t = r.throughput?.sequentialMedian;
      if (!t) return undefined;
      return {
        goal: "≥ 0.9×",
        measured: `${ratio(t["sdk-fetch"], t.fetch)} (${fmt(t["sdk-fetch"])} vs ${fmt(t.fetch)} calls/s)`,
        pass: t["sdk-fetch"] / t.fetch >= 0.9,
      };
    },
  },
  {
    name: "Per-call throughput, best transport we ship, vs the official SDK",
    measure: (r) => {
      const t = r.throughput?.sequentialMedian;
      if (!t) return undefined;
      const best: ContenderId = t["sdk-node-http"] > t["sdk-fetch"] ? "sdk-node-http" : "sdk-fetch";
      return {
        goal: "≥ 1.0×",
        measured: `${ratio(t[best], t.official)} (${best === "sdk-node-http" ? "nodeHttpFetch" : "default"}: ${fmt(t[best])} vs ${fmt(t.official)} calls/s)`,
        pass: t[best] / t.official >= 1,
      };
    },
  },
  ...CONCURRENCY_RATIOS.map((c) => ({
    name: c.name,
    measure: (r: Results) => {
      const m = r.concurrency && concurrencyRatio(r.concurrency, c);
      if (!m) return undefined;
      return {
        goal: c.goal,
        measured: `${ratio(m.sdk, m.other)} (${fmt(m.sdk)} vs ${fmt(m.other)} ${UNITS[c.metric]})`,
        pass: c.meets(m.sdk / m.other),
      };
    },
  })),
  {
    name: "Cold import of the main entry vs the official SDK (require vs require)",
    measure: (r) => {
      const c = r.coldStart?.inProcessMs;
      if (!c) return undefined;
      return {
        goal: "≤ 0.10×",
        measured: `${ratio(c["sdk-require"], c["official-import"])} (${ms(c["sdk-require"])} vs ${ms(c["official-import"])}); ESM import ${ms(c["sdk-import"])}, ${ratio(c["sdk-import"], c["official-import"])}, of which ${ms(c["trivial-import"])} is the ESM loader's floor`,
        pass: c["sdk-require"] / c["official-import"] <= 0.1,
      };
    },
  },
  {
    name: "Signing as a share of one loopback call (Node signs with node:crypto)",
    measure: (r) => {
      const s = r.signing?.us;
      const t = r.throughput?.sequentialMedian;
      if (!s || !t) return undefined;
      const call = 1e6 / t["sdk-fetch"];
      // in Node the SDK signs with node:crypto; @noble/hashes (browsers, Workers) is shown for reference
      const worst = Math.max(s["v3-node"], s["v1-node"]);
      return {
        goal: "≤ 5 %",
        measured: `V3 ${pct(s["v3-node"] / call)}, v1 ${pct(s["v1-node"] / call)} of ${us(call)}; with @noble/hashes instead: V3 ${pct(s["v3-noble"] / call)}, v1 ${pct(s["v1-noble"] / call)}`,
        pass: worst / call <= 0.05,
      };
    },
  },
  {
    name: "Runtime dependencies",
    measure: (r) => {
      const f = r.footprint;
      if (!f) return undefined;
      const installed = f.ours.packages.filter((p) => p !== "alicloud-eci");
      return {
        goal: "≤ 2",
        measured: `${f.direct.length} direct (${f.direct.join(", ")}); ${installed.length} installed in all (${installed.join(", ")})`,
        pass: f.direct.length <= 2,
      };
    },
  },
  ...BUNDLE_TARGETS.map(({ name, goal, budget, build }) => ({
    name,
    measure: (r: Results) => {
      const b = r.bundles?.pages && build(r.bundles.pages);
      if (!b) return undefined;
      const clean = b.markers.length === 0;
      return {
        goal: `≤ ${kB(budget)} min+gzip${goal}`,
        measured: `${kB(b.gzipBytes)}${goal ? (clean ? ", none" : `, carries ${b.markers.join(", ")}`) : ""}`,
        pass: b.gzipBytes <= budget && (!goal || clean),
      };
    },
  })),
];

/** One row per target whose results are present: what it asks, what we measured, met or not. */
export function targets(r: Results): TargetRow[] {
  return TARGETS.flatMap(({ name, measure }) => {
    const row = measure(r);
    return row ? [{ name, ...row }] : [];
  });
}

function throughputSection(r: NonNullable<Results["throughput"]>): string {
  const ids = Object.keys(r.labels) as ContenderId[];
  const seq = r.sequentialMedian;
  const con = r.concurrentMedian;
  const range = (v: number[]) => `${fmt(Math.min(...v))}–${fmt(Math.max(...v))}`;
  return [
    `Local node:http server in its own process answering a fixed DescribeContainerGroups page (${kB(r.bodyBytes)} of JSON, keep-alive). Sequential: one call in flight, the next sent when the answer is parsed. ${r.rounds} rounds of ${r.roundMs} ms per contender, in a rotating order; medians. Client CPU: user + system time of the bench process per sequential call (the server runs in another process).`,
    "",
    table(
      [
        "Contender",
        "calls/s, 1 in flight",
        "range",
        "vs plain fetch",
        "vs official",
        "client CPU per call",
        `calls/s, ${r.concurrency} in flight`,
        "vs plain fetch",
        "vs official",
      ],
      ids.map((id) => [
        r.labels[id],
        fmt(seq[id]),
        range(r.sequential[id]),
        ratio(seq[id], seq.fetch),
        ratio(seq[id], seq.official),
        r.cpuUsPerCall ? us(r.cpuUsPerCall[id]) : "n/a",
        fmt(con[id]),
        ratio(con[id], con.fetch),
        ratio(con[id], con.official),
      ]),
    ),
  ].join("\n");
}

function concurrencySection(r: NonNullable<Results["concurrency"]>): string {
  const ids = Object.keys(r.labels) as ConcurrencyId[];
  const at = (n: number) => r.levels.find((l) => l.inFlight === n);
  const one = at(1);
  const many = at(32);
  const cell = (l: typeof one, id: ConcurrencyId, metric: "cpuUs" | "perSecond") =>
    !l ? "n/a" : metric === "cpuUs" ? us(l.cpuUsMedian[id]) : fmt(l.perSecondMedian[id]);
  const range = (v: number[]) => `${fmt(Math.min(...v), 3)}×–${fmt(Math.max(...v), 3)}×`;
  return [
    `The local server of the throughput section (its own process, a fixed ${kB(r.bodyBytes)} DescribeContainerGroups answer, keep-alive). The floor replays the URL and headers this SDK signs, recorded once, as a POST over plain \`node:http\` with a keep-alive agent; "over global fetch" is \`fetch: (input, init) => globalThis.fetch(input, init)\`. ${r.rounds} rounds; each runs 1 in flight, then 32 in flight (each of 32 loops sends its next call when the last answer is parsed), every contender for ${r.roundMs} ms, in a rotating order; medians. Client CPU: user + system time of the bench process ÷ calls completed (the server's CPU is in another process).`,
    "",
    table(
      [
        "Contender",
        "calls/s, 1 in flight",
        "CPU per call, 1 in flight",
        "calls/s, 32 in flight",
        "CPU per call, 32 in flight",
      ],
      ids.map((id) => [
        r.labels[id],
        cell(one, id, "perSecond"),
        cell(one, id, "cpuUs"),
        cell(many, id, "perSecond"),
        cell(many, id, "cpuUs"),
      ]),
    ),
    "",
    table(
      ["Ratio", "target", "ratio of medians", "round by round", ""],
      CONCURRENCY_RATIOS.map((c) => {
        const m = concurrencyRatio(r, c);
        return m
          ? [
              c.label,
              c.goal,
              ratio(m.sdk, m.other),
              range(m.perRound),
              ok(c.meets(m.sdk / m.other)),
            ]
          : [c.label, c.goal, "n/a", "", ""];
      }),
    ),
  ].join("\n");
}

function coldSection(r: NonNullable<Results["coldStart"]>): string {
  const p = r.inProcessMs;
  const w = r.wallMs;
  return [
    `Fresh \`node\` per run, ${r.runs} runs each, interleaved, medians. *In-process*: from just before \`import()\`/\`require()\` to the end of the step. *Process*: whole \`node\` wall time; an empty \`node -e ""\` takes ${ms(w.empty)}. *First call* also creates a client and makes one call to the local server (this SDK loads its signing code and request shapes then). Process times include Node's exit, which one global \`fetch\` makes slower on Node 20 (undici's teardown): compare the nodeHttpFetch row.`,
    "",
    table(
      [
        "",
        "import, in-process",
        "import + first call, in-process",
        "import, process",
        "import + first call, process",
      ],
      [
        [
          "alicloud-eci (ESM)",
          ms(p["sdk-import"]),
          ms(p["sdk-first-call"]),
          ms(w["sdk-import"]),
          ms(w["sdk-first-call"]),
        ],
        ["alicloud-eci (CJS require)", ms(p["sdk-require"]), "", ms(w["sdk-require"]), ""],
        [
          "a one-line ES module (the ESM loader's floor)",
          ms(p["trivial-import"]),
          "",
          ms(w["trivial-import"]),
          "",
        ],
        [
          "alicloud-eci + nodeHttpFetch",
          "",
          ms(p["sdk-node-http-first-call"]),
          "",
          ms(w["sdk-node-http-first-call"]),
        ],
        [
          "@alicloud/eci20180808 (CJS)",
          ms(p["official-import"]),
          ms(p["official-first-call"]),
          ms(w["official-import"]),
          ms(w["official-first-call"]),
        ],
        [
          "alicloud-eci (CJS) ÷ official",
          ratio(p["sdk-require"], p["official-import"]),
          "",
          ratio(w["sdk-require"], w["official-import"]),
          "",
        ],
        [
          "alicloud-eci (ESM) ÷ official",
          ratio(p["sdk-import"], p["official-import"]),
          ratio(p["sdk-first-call"], p["official-first-call"]),
          ratio(w["sdk-import"], w["official-import"]),
          ratio(w["sdk-first-call"], w["official-first-call"]),
        ],
      ],
    ),
  ].join("\n");
}

function signingSection(r: NonNullable<Results["signing"]>, t?: Results["throughput"]): string {
  const call = t ? 1e6 / t.sequentialMedian["sdk-fetch"] : Number.NaN;
  const row = (label: string, value: number) => [label, us(value), t ? pct(value / call) : "n/a"];
  return [
    `One DescribeContainerGroups request with 10 parameters (filters, two tags, a page token): canonicalise, hash, HMAC, build the Authorization header (V3) or the signed query (v1). ${r.rounds} rounds × ${fmt(r.iterations)} signatures, medians. Flattening the nested input costs ${us(r.flattenUs)} more, once per call. The share is of one sequential loopback call with the default transport${t ? ` (${us(call)})` : ""}.`,
    "",
    table(
      ["Signer", "per request", "share of a call"],
      [
        row("V3 ACS3-HMAC-SHA256, node:crypto (Node)", r.us["v3-node"]),
        row("V3 ACS3-HMAC-SHA256, @noble/hashes (browsers, Workers)", r.us["v3-noble"]),
        row("v1 HMAC-SHA1, node:crypto (Node)", r.us["v1-node"]),
        row("v1 HMAC-SHA1, @noble/hashes (browsers, Workers)", r.us["v1-noble"]),
      ],
    ),
  ].join("\n");
}

function footprintSection(r: NonNullable<Results["footprint"]>): string {
  const row = (label: string, direct: string[], f: typeof r.ours) => [
    label,
    String(direct.length),
    String(f.packages.length - 1),
    Number.isNaN(f.bytes) ? "n/a" : MB(f.bytes),
    f.source === "cached" ? `cached: ${f.note}` : "installed now",
  ];
  const sizes = Object.entries(r.ours.sizes)
    .sort((a, b) => b[1] - a[1])
    .map(([name, bytes]) => `${name} ${MB(bytes)}`)
    .join(", ");
  return [
    "`npm install --omit=dev` into an empty directory (this package from `npm pack` of the bench's build), then packages and disk usage (allocated blocks, as `du`) of node_modules, the SDK itself included in the size, not in the count.",
    "",
    table(
      ["", "direct dependencies", "dependencies installed", "node_modules on disk", "source"],
      [
        row("alicloud-eci", r.direct, r.ours),
        row("@alicloud/eci20180808 2.0.3", r.officialDirect, r.official),
      ],
    ),
    "",
    `This package's tree: ${sizes}.`,
  ].join("\n");
}

function bundlesSection(r: NonNullable<Results["bundles"]>): string | undefined {
  if (!r.pages) return undefined; // a result stored by an older bench: keep what the report shows
  const { proxy, sts } = r.pages;
  const row = (label: string, b: PageBuild, budget?: number) => [
    label,
    b.files.map((f) => `${f.kind} ${kB(f.gzipBytes)}`).join(" + "),
    kB(b.minBytes),
    kB(b.gzipBytes),
    budget === undefined ? "" : kB(budget),
    budget === undefined ? "" : ok(b.gzipBytes <= budget),
    b.markers.length ? b.markers.join(", ") : "none",
  ];
  // the package's chunks by name, without their hashes (`signed-Dr1ICGT8.js` is `signed`)
  const lazy = (names: string[]) =>
    names.map((n) => `\`${n.replace(/-[\w-]{8}\.js$/, "")}\``).join(", ") || "nothing";
  return [
    "`npm pack`, the tarball installed into a throwaway app (`npm install <tarball>`), and the pages of bench/fixtures built there as a user would: with **Vite** (`vite build`, its defaults: an index.html, code splitting, minified) and as **one file** with esbuild (`bundle, format esm, splitting false, minify, platform browser`: every `import()` inlined). A Vite page counts its entry chunk, what that imports, and the chunks its first call imports, found by running the page in Node with a browser's globals (bench/lib/first-call.ts); each file gzipped (level 9) on its own, as served. The proxy page imports `alicloud-eci/browser`, the STS page `alicloud-eci`.",
    "",
    table(
      [
        "Page, build",
        "files loaded (gzip)",
        "minified",
        "min+gzip",
        "budget",
        "",
        "signing, Node or other products' code",
      ],
      [
        row("proxy page, Vite", proxy.vite, USER_BUDGETS.proxyVite),
        row("proxy page, one file", proxy.oneFile, USER_BUDGETS.proxyOneFile),
        row("STS page, Vite", sts.vite, USER_BUDGETS.stsVite),
        row("STS page, one file", sts.oneFile),
      ],
    ),
    "",
    `First call imports: proxy page ${lazy(proxy.firstCall)}; STS page ${lazy(sts.firstCall)}. The STS page signs, so the signing markers in its row are expected.`,
    "",
    r.official.bundled
      ? `The official SDK bundled to ${kB(r.official.gzipBytes)} min+gzip.`
      : `The official SDK cannot be bundled for the browser: esbuild reports ${r.official.errorCount} errors, e.g.\n\n\`\`\`\n${r.official.errors.join("\n")}\n\`\`\``,
  ].join("\n");
}

function memorySection(r: NonNullable<Results["memory"]>): string {
  const p = r.paginate;
  const delta = (a: number, b: number) => MB(a - b);
  const rows = Object.entries(r.inflight).map(([id, m]) => [
    id,
    ms(m.ms),
    delta(m.peak.heapUsed, m.base.heapUsed),
    delta(m.peak.rss, m.base.rss),
    delta(m.after.heapUsed, m.base.heapUsed),
  ]);
  return [
    `Each scenario in a fresh process; deltas from a baseline taken after warm-up and a full GC. ${p.usedPaginate ? '`paginate(eci, "DescribeContainerGroups", …)`' : "A hand-written NextToken loop (paginate was not exported)"} over ${fmt(p.items)} items in ${fmt(p.pages)} pages of 20, each item carrying 400 unique characters, built on demand by the server (${ms(p.ms)}).`,
    "",
    table(
      [
        "Scenario",
        "peak heapUsed Δ (garbage included)",
        "peak RSS Δ",
        "heap Δ after GC, every 20,000 items",
        "heap Δ after GC at the end",
      ],
      [
        [
          `paginate ${fmt(p.items)} items`,
          delta(p.peak.heapUsed, p.base.heapUsed),
          delta(p.peak.rss, p.base.rss),
          p.retained.map((x) => MB(x)).join(", "),
          delta(p.after.heapUsed, p.base.heapUsed),
        ],
      ],
    ),
    "",
    table(
      ["1,000 calls in flight", "time", "peak heapUsed Δ", "peak RSS Δ", "heap Δ after GC"],
      rows,
    ),
  ].join("\n");
}

function typecheckSection(r: NonNullable<Results["typecheck"]>): string {
  const row = (label: string, t: typeof r.empty) => [
    label,
    ms(t.wallMs),
    ms(t.checkMs),
    fmt(t.types),
    fmt(t.instantiations),
    `${fmt(t.memoryKb / 1000)} MB`,
  ];
  return [
    `\`tsc --noEmit --extendedDiagnostics\` (strict, moduleResolution Bundler, skipLibCheck) in a temp project with \`alicloud-eci\` mapped to the built declarations; bench/fixtures/consumer-50.ts makes 50 typed calls across the four clients and reads typed fields. ${r.runs} runs each, interleaved, medians.`,
    "",
    table(
      ["File", "tsc wall time", "check time", "types", "instantiations", "memory"],
      [
        row("empty file", r.empty),
        row("50 typed calls", r.consumer),
        [
          "difference",
          ms(r.consumer.wallMs - r.empty.wallMs),
          ms(r.consumer.checkMs - r.empty.checkMs),
          "",
          "",
          "",
        ],
      ],
    ),
  ].join("\n");
}

function profileSection(r: NonNullable<Results["profile"]>): string {
  const parts = [
    `Without the network (an injected fetch answering a ready \`Response\`), one call costs ${us(r.overhead.sdkUs)}; building and parsing that answer alone costs ${us(r.overhead.baselineUs)}, so the SDK's own work is about **${us(r.overhead.sdkUs - r.overhead.baselineUs)} per call**.`,
  ];
  for (const p of r.profiles) {
    parts.push(
      "",
      `**${p.contender}**: ${fmt(p.cpuPerCallUs)} µs CPU per call while profiled. Self time by area: ${p.areas
        .slice(0, 7)
        .map((a) => `${a.area} ${pct(a.share)}`)
        .join(", ")}.`,
      "",
      "<details><summary>Time charged to the nearest library frame (Node internals count against the function that set them off)</summary>",
      "",
      table(
        ["share", "µs/call", "area", "function", "where"],
        p.charged
          .slice(0, 15)
          .map((h) => [
            pct(h.share),
            fmt(h.share * p.cpuPerCallUs),
            h.area,
            `\`${h.fn}\``,
            `\`${h.where}\``,
          ]),
      ),
      "",
      "</details>",
    );
  }
  return parts.join("\n");
}

const SECTIONS: { id: SectionId; title: string; render: (r: Results) => string | undefined }[] = [
  {
    id: "throughput",
    title: "Per-call throughput",
    render: (r) => r.throughput && throughputSection(r.throughput),
  },
  {
    id: "concurrency",
    title: "Concurrency",
    render: (r) => r.concurrency && concurrencySection(r.concurrency),
  },
  { id: "coldStart", title: "Cold start", render: (r) => r.coldStart && coldSection(r.coldStart) },
  {
    id: "signing",
    title: "Signing cost",
    render: (r) => r.signing && signingSection(r.signing, r.throughput),
  },
  {
    id: "footprint",
    title: "Install footprint",
    render: (r) => r.footprint && footprintSection(r.footprint),
  },
  {
    id: "bundles",
    title: "Browser bundles",
    render: (r) => r.bundles && bundlesSection(r.bundles),
  },
  { id: "memory", title: "Memory", render: (r) => r.memory && memorySection(r.memory) },
  {
    id: "typecheck",
    title: "Type-check time",
    render: (r) => r.typecheck && typecheckSection(r.typecheck),
  },
  {
    id: "profile",
    title: "Where a call's time goes",
    render: (r) => r.profile && profileSection(r.profile),
  },
  { id: "burst", title: "Burst launch", render: (r) => r.burst && burstSection(r.burst) },
];

export interface RunInfo {
  command: string;
  /** the --only flags of the sections this run measured */
  sections: string[];
  /** the same sections by id */
  measured: SectionId[];
  seconds: number;
}

const TARGETS_TITLE = "Targets (issue 10, plus the bundle budgets of issue 9)";

/** What an earlier docs/performance.md shows: each section's text by title, each target row by name. */
export interface PreviousReport {
  sections: Map<string, { text: string; measured: string }>;
  targets: Map<string, string>;
}

/** Splits a report at its `## ` headings (not inside code fences). */
export function parseReport(markdown: string): PreviousReport {
  const blocks = new Map<string, string[]>();
  let current: string[] | undefined;
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    if (!fenced && line.startsWith("## ")) {
      current = [];
      blocks.set(line.slice(3).trim(), current);
    }
    current?.push(line);
  }
  const sections = new Map<string, { text: string; measured: string }>();
  for (const [title, lines] of blocks) {
    const text = lines.join("\n").trimEnd();
    sections.set(title, {
      text,
      measured: /^_Measured (\d{4}-\d\d-\d\d \d\d:\d\d) UTC/m.exec(text)?.[1] ?? "",
    });
  }
  const targets = new Map<string, string>();
  for (const line of blocks.get(TARGETS_TITLE) ?? []) {
    if (!line.startsWith("| ")) continue;
    const name = line.slice(2).split(" | ")[0]?.trim();
    if (name && name !== "Target" && !/^-+$/.test(name)) targets.set(name, line);
  }
  return { sections, targets };
}

const minute = (iso: string) => iso.replace("T", " ").slice(0, 16);

/**
 * Writes the report. A section this run measured is rendered from its results. Any other
 * section keeps the text `previous` (the docs/performance.md being replaced) shows, unless
 * the stored results hold a measurement at least as recent: the results file lives outside
 * the repository, so on a fresh clone, or after a pull that brought newer figures, the
 * committed text is the better record. Targets follow their sections: a row whose results
 * are not rendered keeps its previous line.
 */
export function renderReport(
  stored: Stored,
  run: RunInfo,
  notes: string,
  previous?: PreviousReport,
): string {
  const { stamps } = stored;
  const results: Results = {};
  const keptText = new Map<SectionId, string>();
  for (const { id, title } of SECTIONS) {
    const result = stored.results[id];
    const old = previous?.sections.get(title);
    const stamp = stamps[id];
    const fromResults =
      result !== undefined &&
      (run.measured.includes(id) ||
        !old ||
        (stamp !== undefined && minute(stamp.at) >= old.measured));
    if (fromResults) (results as Record<SectionId, unknown>)[id] = result;
    else if (old) keptText.set(id, old.text);
  }
  // a target whose results are not rendered keeps the line the previous report shows
  const targetLines = TARGETS.flatMap(({ name, measure }): string[] => {
    const row = measure(results);
    if (row)
      return [line([name, row.goal, row.measured, row.pass === undefined ? "" : ok(row.pass)])];
    const kept = previous?.targets.get(name);
    return kept ? [kept] : [];
  });
  const cpu = cpus();
  const header = [
    "# Performance",
    "",
    `Written by \`${run.command}\` (bench/run.ts; \`npm run bench\` runs every section, \`--only <section,…>\` some of them) on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpu[0]?.model.trim() ?? "unknown CPU"} × ${cpu.length} cores, ${process.platform}/${process.arch}; load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(
        " / ",
      )} at the end of the run (other jobs share this machine: ratios from one interleaved run are what to read, not absolute numbers). This run measured: ${run.sections.join(", ") || "nothing (report rewritten from stored results)"} in ${fmt(run.seconds)} s; other sections come from earlier runs, dated below. Do not edit by hand: rerun the bench.`,
    "",
    `## ${TARGETS_TITLE}`,
    "",
    [table(["Target", "Goal", "Measured", ""], []), ...targetLines].join("\n"),
  ];
  const body = SECTIONS.flatMap(({ id, title, render }) => {
    const kept = keptText.get(id);
    if (kept) return ["", kept];
    const text = render(results);
    // results this renderer cannot show (stored by an older bench) lose nothing either
    if (!text) {
      const old = previous?.sections.get(title)?.text;
      return old ? ["", old] : [];
    }
    const stamp = stamps[id];
    return [
      "",
      `## ${title}`,
      "",
      stamp
        ? `_Measured ${minute(stamp.at)} UTC${stamp.command ? ` by \`${stamp.command}\`` : ""}, load average ${stamp.loadAverage.map((x) => x.toFixed(2)).join(" / ")}._\n`
        : "",
      text,
    ];
  });
  return [...header, ...body, "", notes.trim(), ""].join("\n");
}
