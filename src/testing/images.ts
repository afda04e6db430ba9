// A small catalogue of well-known images (their ENTRYPOINT, CMD, WORKDIR, executables and
// ports) and what the fake derives from it: the start command a container runs (topic 3),
// whether pulling needs the internet, and what a command does when it runs.
import { own } from "./own.js";

/** What the fake knows about one image, as its Dockerfile would say. */
export interface ImageConfig {
  /** ENTRYPOINT (default `[]`) */
  entrypoint?: string[];
  /** CMD (default `[]`) */
  cmd?: string[];
  /** WORKDIR (default `/`) */
  workingDir?: string;
  /** executables present in the image; omitted: any command exists */
  binaries?: string[];
  /** ports the default process listens on; omitted: any port answers health checks */
  ports?: number[];
  /** lines the default process prints when it starts (DescribeContainerLog) */
  log?: string[];
  /** a private repository: pulling needs an ImageRegistryCredential whose Server is its registry */
  private?: boolean;
}

const SHELL_TOOLS = [
  "sh",
  "echo",
  "cat",
  "ls",
  "mkdir",
  "sleep",
  "true",
  "false",
  "env",
  "pwd",
  "hostname",
  "test",
];
const BUSYBOX = [
  ...SHELL_TOOLS,
  "busybox",
  "wget",
  "nc",
  "ping",
  "top",
  "ps",
  "tail",
  "head",
  "grep",
  "vi",
  "date",
  "id",
];

/** The built-in catalogue; `createFakeCloud({ images })` adds to it. */
export const BUILTIN_IMAGES: Readonly<Record<string, ImageConfig>> = {
  nginx: {
    entrypoint: ["/docker-entrypoint.sh"],
    cmd: ["nginx", "-g", "daemon off;"],
    binaries: ["/docker-entrypoint.sh", "nginx", "bash", ...SHELL_TOOLS, "curl"],
    ports: [80],
    log: [
      "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
      "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
      "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
      "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
      "/docker-entrypoint.sh: Configuration complete; ready for start up",
      '[notice] 1#1: using the "epoll" event method',
      "[notice] 1#1: start worker processes",
    ],
  },
  busybox: { entrypoint: [], cmd: ["sh"], binaries: BUSYBOX, ports: [] },
  alpine: { entrypoint: [], cmd: ["/bin/sh"], binaries: BUSYBOX, ports: [] },
  ubuntu: {
    entrypoint: [],
    cmd: ["/bin/bash"],
    binaries: ["bash", "apt-get", ...SHELL_TOOLS],
    ports: [],
  },
  debian: {
    entrypoint: [],
    cmd: ["bash"],
    binaries: ["bash", "apt-get", ...SHELL_TOOLS],
    ports: [],
  },
  redis: {
    entrypoint: ["docker-entrypoint.sh"],
    cmd: ["redis-server"],
    workingDir: "/data",
    binaries: ["docker-entrypoint.sh", "redis-server", "redis-cli", "bash", ...SHELL_TOOLS],
    ports: [6379],
    log: [
      "# oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo",
      "# Server initialized",
      "* Ready to accept connections tcp",
    ],
  },
  httpd: {
    entrypoint: [],
    cmd: ["httpd-foreground"],
    workingDir: "/usr/local/apache2",
    binaries: ["httpd-foreground", "httpd", "bash", ...SHELL_TOOLS],
    ports: [80],
    log: [
      "AH00558: httpd: Could not reliably determine the server's fully qualified domain name",
      "[mpm_event:notice] AH00489: Apache/2.4 configured -- resuming normal operations",
    ],
  },
  python: {
    entrypoint: [],
    cmd: ["python3"],
    binaries: ["python", "python3", "pip", "bash", ...SHELL_TOOLS],
    ports: [],
  },
  node: {
    entrypoint: ["docker-entrypoint.sh"],
    cmd: ["node"],
    binaries: ["docker-entrypoint.sh", "node", "npm", "npx", "bash", ...SHELL_TOOLS],
    ports: [],
  },
};

/** Images of unknown repositories: a shell, every command present, any port answering. */
const UNKNOWN_IMAGE: ImageConfig = { entrypoint: [], cmd: ["/bin/sh"] };

/** An image reference split into registry, repository and tag. */
export interface ImageRef {
  registry: string;
  repository: string;
  tag: string;
  /** `registry/repository:tag`, Docker Hub names completed (`docker.io/library/nginx:latest`) */
  canonical: string;
}

/** Parses `nginx`, `nginx:1.25`, `registry.cn-hangzhou.aliyuncs.com/eci_open/nginx:1.14.2`, `x@sha256:…`. */
export function parseImage(image: string): ImageRef {
  let rest = image.trim();
  let registry = "docker.io";
  const slash = rest.indexOf("/");
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes(".") || first.includes(":") || first === "localhost") {
      registry =
        first === "registry-1.docker.io" || first === "index.docker.io" ? "docker.io" : first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag = "latest";
  const at = rest.indexOf("@");
  if (at >= 0) {
    tag = rest.slice(at + 1);
    rest = rest.slice(0, at);
  } else {
    const colon = rest.lastIndexOf(":");
    if (colon > rest.lastIndexOf("/")) {
      tag = rest.slice(colon + 1);
      rest = rest.slice(0, colon);
    }
  }
  const repository = registry === "docker.io" && !rest.includes("/") ? `library/${rest}` : rest;
  const sep = tag.includes(":") ? "@" : ":";
  return { registry, repository, tag, canonical: `${registry}/${repository}${sep}${tag}` };
}

/** true when pulling needs the internet: anything outside Alibaba Cloud's registries (Docker Hub…). */
export function needsInternet(image: string): boolean {
  const { registry } = parseImage(image);
  return !(registry.endsWith(".aliyuncs.com") || registry.endsWith(".aliyuncs.com.cn"));
}

/**
 * Why a private image cannot be pulled with the credentials given (the registries of
 * ImageRegistryCredential.N.Server), as kubelet words it; undefined when it can.
 */
export function pullDenied(
  catalogue: ImageCatalogue,
  image: string,
  servers: readonly string[],
): string | undefined {
  if (!catalogue.get(image).private) return undefined;
  const { registry } = parseImage(image);
  if (servers.some((server) => parseImage(`${server}/x`).registry === registry)) return undefined;
  return `Failed to pull image "${image}": rpc error: code = Unknown desc = failed to pull and unpack image "${parseImage(image).canonical}": failed to resolve reference "${parseImage(image).canonical}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
}

/** A public image pulled without a way out to the internet, as kubelet words it. */
export function pullTimeout(image: string): string {
  const { registry } = parseImage(image);
  const host = registry === "docker.io" ? "registry-1.docker.io" : registry;
  return `Failed to pull image "${image}": rpc error: code = Unknown desc = failed to pull and unpack image "${parseImage(image).canonical}": failed to resolve reference "${parseImage(image).canonical}": failed to do request: Head "https://${host}/v2/${parseImage(image).repository}/manifests/${parseImage(image).tag}": dial tcp: lookup ${host}: i/o timeout`;
}

/** The default pull policy when a container sets none: `Always` for `latest`, else `IfNotPresent`. */
export function defaultPullPolicy(image: string): "Always" | "IfNotPresent" {
  return parseImage(image).tag === "latest" ? "Always" : "IfNotPresent";
}

/** Looks images up: the extra ones given to the fake first, then the built-ins by repository name. */
export class ImageCatalogue {
  private readonly extra = new Map<string, ImageConfig>();

  constructor(extra: Record<string, ImageConfig> = {}) {
    for (const [name, config] of Object.entries(extra)) this.add(name, config);
  }

  /** Adds or replaces an image (by reference, with or without tag). */
  add(name: string, config: ImageConfig): void {
    this.extra.set(parseImage(name).canonical, config);
    this.extra.set(untagged(name), config);
  }

  /** The configuration of an image; unknown repositories get a generic shell image. */
  get(image: string): ImageConfig {
    const exact = this.extra.get(parseImage(image).canonical) ?? this.extra.get(untagged(image));
    if (exact) return exact;
    const { repository } = parseImage(image);
    const name = repository.slice(repository.lastIndexOf("/") + 1);
    return own(BUILTIN_IMAGES, name) ?? UNKNOWN_IMAGE;
  }
}

function untagged(image: string): string {
  const { registry, repository } = parseImage(image);
  return `${registry}/${repository}`;
}

/** What a container runs, after topic 3's rules. */
export interface StartCommand {
  /** reported as the container's `Commands` */
  command: string[];
  /** reported as the container's `Args` */
  args: string[];
  workingDir: string;
}

/**
 * Topic 3: Commands replace ENTRYPOINT (and then CMD is ignored), Args replace CMD;
 * WorkingDir replaces WORKDIR, `/` when neither is set.
 */
export function resolveStartCommand(
  image: ImageConfig,
  container: { Command?: string[]; Arg?: string[]; WorkingDir?: string },
): StartCommand {
  const commandSet = container.Command !== undefined && container.Command.length > 0;
  const argsSet = container.Arg !== undefined && container.Arg.length > 0;
  const command = commandSet ? [...(container.Command as string[])] : [...(image.entrypoint ?? [])];
  const args = argsSet
    ? [...(container.Arg as string[])]
    : commandSet
      ? []
      : [...(image.cmd ?? [])];
  const workingDir = container.WorkingDir || image.workingDir || "/";
  return { command, args, workingDir };
}

/** What running a command does, as far as the fake models it. */
export type RunOutcome =
  | { kind: "runs"; output: string[] }
  | { kind: "exits"; code: number; afterMs: number; output: string[] }
  | { kind: "notFound"; executable: string }
  | { kind: "noCommand" };

/**
 * Simulates a start command: a missing executable fails to start; `true`, `false`,
 * `echo …`, `mkdir …`, `sleep N`, `exit N` and a bare shell without a terminal exit;
 * everything else (servers, `sleep infinity`) keeps running.
 */
export function simulateRun(
  image: ImageConfig,
  start: StartCommand,
  tty: { stdin?: boolean; tty?: boolean },
): RunOutcome {
  const argv = [...start.command, ...start.args];
  const executable = argv[0];
  if (executable === undefined) return { kind: "noCommand" };
  if (!hasBinary(image, executable)) return { kind: "notFound", executable };
  const name = basename(executable);
  if (name === "/docker-entrypoint.sh" || name === "docker-entrypoint.sh") {
    if (argv.length === 1) return { kind: "runs", output: image.log ?? [] };
    const inner = simulateRun(image, { ...start, command: argv.slice(1), args: [] }, tty);
    return inner.kind === "runs" && argv[1] === image.cmd?.[0]
      ? { kind: "runs", output: image.log ?? [] }
      : inner;
  }
  if (SHELLS.has(name)) {
    if (argv[1] === "-c" && argv[2] !== undefined) return script(argv[2]);
    if (argv.length === 1) return tty.stdin || tty.tty ? { kind: "runs", output: [] } : exits(0);
    return { kind: "runs", output: [] };
  }
  return (
    builtin(name, argv.slice(1)) ?? {
      kind: "runs",
      output: argv[0] === image.cmd?.[0] ? (image.log ?? []) : [],
    }
  );
}

const SHELLS = new Set(["sh", "bash", "ash"]);
const basename = (path: string) =>
  path.startsWith("/docker-entrypoint") ? path : path.slice(path.lastIndexOf("/") + 1);

function hasBinary(image: ImageConfig, executable: string): boolean {
  if (!image.binaries) return true;
  return image.binaries.includes(executable) || image.binaries.includes(basename(executable));
}

const exits = (code: number, afterMs = 0, output: string[] = []): RunOutcome => ({
  kind: "exits",
  code,
  afterMs,
  output,
});

function builtin(name: string, args: string[]): RunOutcome | undefined {
  switch (name) {
    case "true":
    case "mkdir":
      return exits(0);
    case "false":
      return exits(1);
    case "echo":
      return exits(0, 0, [args.join(" ")]);
    case "sleep": {
      const seconds = Number(args[0]);
      return Number.isFinite(seconds) ? exits(0, seconds * 1000) : { kind: "runs", output: [] };
    }
    default:
      return undefined;
  }
}

/** `sh -c "<script>"` for the one-liners people write in examples. */
function script(text: string): RunOutcome {
  const trimmed = text.trim();
  const exit = /^exit\s+(\d+)$/.exec(trimmed);
  if (exit) return exits(Number(exit[1]));
  const [name = "", ...args] = trimmed.split(/\s+/);
  return builtin(name, args) ?? { kind: "runs", output: [] };
}
