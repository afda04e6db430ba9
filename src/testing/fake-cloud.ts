// createFakeCloud: an in-memory Alibaba Cloud (ECI, VPC, ECS security groups, SLB, STS) that
// checks requests like the real gateway and answers like the real products.
import type { HttpHandler } from "msw";
import { sleep as realSleep } from "../base/time.js";
import type { ClientOptions } from "../core/client.js";
import {
  DEMO_DURATIONS,
  FakeClock,
  type FakeDurations,
  REALISTIC_DURATIONS,
  type TimeMode,
} from "./clock.js";
import { Faults } from "./faults.js";
import { type Gateway, type RequestRecord, serve } from "./gateway.js";
import { IdempotencyStore } from "./idempotency.js";
import { IdFactory, seededRandom } from "./ids.js";
import { ImageCatalogue, type ImageConfig } from "./images.js";
import { mswHandlers } from "./msw.js";
import { type ActionContext, actionContext } from "./products/context.js";
import { serveSessionsAt } from "./products/eci-sessions.js";
import type { EciQuotas } from "./quotas.js";
import { type RegionTable, regionTable } from "./regions.js";
import type { FakeServer } from "./server.js";
import { createWorld } from "./state.js";
import { Stock } from "./stock.js";
import { type FakeSts, stsAdmin } from "./sts-admin.js";
import { type FakeCredentials, KeyRing, NonceStore } from "./verify.js";
import { type FakeStateView, stateView } from "./view.js";
import { fromRequest, toResponse, type WireRequest } from "./wire.js";

/** The AccessKey pair a fake cloud accepts unless told otherwise. Not a real key. */
export const FAKE_CREDENTIALS: FakeCredentials = Object.freeze({
  accessKeyId: "LTAI5tFakeCloudTestKey01",
  accessKeySecret: "FakeCloudTestSecretNotReal000001",
});

/** Options of `createFakeCloud`. */
export interface FakeCloudOptions {
  /** key pairs (and STS triples, with `securityToken`) it accepts; default `[FAKE_CREDENTIALS]` */
  credentials?: FakeCredentials | readonly FakeCredentials[];
  /** regions served: ids (zones `<id>-a`, `<id>-b`, or the real ones for known regions) or id → zones */
  regions?: readonly string[] | RegionTable;
  /** `manual` (default): time moves with `advance(ms)`. `real`: it follows the wall clock */
  time?: TimeMode;
  /** start of the manual clock (default: now) */
  startTime?: number | Date;
  /** how long asynchronous steps take; defaults are realistic in manual mode, a few hundred ms in real mode */
  durations?: Partial<FakeDurations>;
  /** seed of ids, addresses and throttling (default 1): same seed, same calls, same ids */
  seed?: number | string;
  /** images to add to the built-in catalogue (ENTRYPOINT, CMD, WORKDIR, executables, ports) */
  images?: Record<string, ImageConfig>;
  /** origins besides `https://*.aliyuncs.com` that `fake.handlers` answer, e.g. `https://proxy.test` */
  endpoints?: readonly string[];
  /** the account id resources belong to */
  accountId?: number;
  /** ECI quotas per region, as ListUsage reports them; a create over one is refused (`QuotaExceeded`) */
  quotas?: Partial<EciQuotas>;
  /** the gateway's wall clock for the signature timestamp window (default `Date.now`) */
  now?: () => number;
  /** how far a request's timestamp may be from the wall clock, ms (default 15 minutes) */
  timestampWindowMs?: number;
  /** called after every answered call (logs, demos); the same records as `fake.requests` */
  onRequest?: (record: RequestRecord) => void;
}

/** What `clientOptions()` returns: spread it into `create<Product>Client`. */
export type FakeClientOptions = Required<Pick<ClientOptions, "credentials">> &
  Pick<ClientOptions, "fetch" | "endpoint">;

/** An in-memory Alibaba Cloud for tests and demos. */
export interface FakeCloud {
  /** the (first) key pair it accepts */
  readonly credentials: FakeCredentials;
  /** regions and zones it serves */
  readonly regions: RegionTable;
  /** the default region: the first one */
  readonly regionId: string;
  /** fake time, ms since the epoch */
  now(): number;
  /** Moves time forward by `ms` and runs what became due (both time modes). */
  advance(ms: number): void;
  /**
   * A pause on the fake's clock: with the manual clock it advances time instead of waiting,
   * so a waiter's polling loop runs at once; in real time it waits.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** `{ now, sleep }` for the SDK's waiters: `waitForContainerGroupRunning(eci, ref, fake.waiterOptions())`. */
  waiterOptions(): {
    /** the fake's clock, ms since the epoch */
    now: () => number;
    /** advances the manual clock instead of waiting (waits in real time) */
    sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  };
  /** Failures on demand: throttling, injected errors, latency, dropped connections. */
  readonly faults: Faults;
  /** ECI capacity on demand: zones and instance types sold out, scheduling failures, heavy load. */
  readonly stock: Stock;
  /** Read-only snapshots of every resource, in the API's shapes. */
  readonly state: FakeStateView;
  /** Every call received, oldest first. */
  readonly requests: readonly RequestRecord[];
  /** msw handlers for `https://*.aliyuncs.com/*` and `endpoints` (needs msw installed). */
  readonly handlers: HttpHandler[];
  /** A Web-standard fetch answered by the fake (any URL); a dropped connection rejects like fetch does. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** Answers a Web `Request`; a dropped connection gives `Response.error()`. */
  handle(request: Request): Promise<Response>;
  /** Starts a real HTTP server on `127.0.0.1` (port 0: any free port). */
  listen(port?: number, host?: string): Promise<FakeServer>;
  /** URL of the last server started by `listen`, if any is running. */
  readonly endpoint: string | undefined;
  /**
   * Options that point a client at the fake: `createEciClient({ regionId, ...fake.clientOptions() })`.
   * `via: "fetch"` (default) calls in process; `via: "http"` uses the running server's URL.
   */
  clientOptions(options?: { via?: "fetch" | "http" }): FakeClientOptions;
  /**
   * RAM as the fake's STS sees it: OIDC providers and roles with trust policies, for
   * AssumeRole and AssumeRoleWithOIDC (`fakeOidcToken` makes the tokens).
   */
  readonly sts: FakeSts;
  /** Issues temporary STS credentials the fake accepts until they expire on its clock (default: in one hour). */
  issueStsCredentials(options?: { durationMs?: number }): FakeCredentials;
  /** Adds an image to the catalogue (start command, working directory, executables, ports). */
  addImage(name: string, config: ImageConfig): void;
  /** Forgets every resource, request, fault and ClientToken; ids start over from the seed. */
  reset(): void;
  /** Stops every server started with `listen`. */
  close(): Promise<void>;
}

/** Creates an empty fake cloud. */
export function createFakeCloud(options: FakeCloudOptions = {}): FakeCloud {
  const wall = options.now ?? Date.now;
  const regions = regionTable(options.regions);
  const regionIds = Object.keys(regions);
  if (regionIds.length === 0) throw new RangeError("createFakeCloud needs at least one region");
  const defaultRegion = regionIds[0] as string;
  const mode = options.time ?? "manual";
  const durations: FakeDurations = {
    ...(mode === "real" ? DEMO_DURATIONS : REALISTIC_DURATIONS),
    ...options.durations,
  };
  const start =
    options.startTime instanceof Date ? options.startTime.getTime() : (options.startTime ?? wall());
  const seed = options.seed ?? 1;
  const accepted =
    options.credentials === undefined
      ? [FAKE_CREDENTIALS]
      : ([] as FakeCredentials[]).concat(options.credentials);
  if (accepted.length === 0)
    throw new RangeError("createFakeCloud needs at least one accepted key pair");
  const windowMs = options.timestampWindowMs ?? 15 * 60_000;
  const images = new ImageCatalogue(options.images);
  const keys = new KeyRing();
  for (const credentials of accepted) keys.add(credentials);
  const stsRandom = seededRandom(`${seed}/sts`);
  const servers = new Set<FakeServer>();
  let lastServer: FakeServer | undefined;

  const fresh = () => {
    const ids = new IdFactory(seededRandom(seed));
    return {
      ids,
      requestIds: new IdFactory(seededRandom(`${seed}/requests`)),
      world: createWorld(
        options.accountId ?? 1234567890123456,
        `rg-acfm${ids.hex(11)}`,
        options.quotas,
      ),
      idempotency: new IdempotencyStore(),
    };
  };
  const clock = new FakeClock(mode, start, wall);
  serveSessionsAt(clock, () => lastServer?.url); // exec WebSocketUris point at fake.listen()
  const log: RequestRecord[] = [];
  const faults = new Faults(seededRandom(`${seed}/faults`), () => clock.now());
  const stock = new Stock();
  const gateway: Gateway = {
    ...fresh(),
    clock,
    keys,
    nonces: new NonceStore(windowMs),
    images,
    regions,
    durations,
    wall,
    windowMs,
    defaultRegion,
    log,
    faults,
    stock,
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
  };

  const contextFor = (regionId: string): ActionContext => actionContext(gateway, regionId);
  let view = stateView(gateway.world, clock, contextFor);
  const answer = (wire: WireRequest, signal?: AbortSignal) => serve(gateway, wire, signal);

  async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (mode === "real") return realSleep(ms, signal);
    if (signal?.aborted) throw signal.reason;
    clock.advance(Math.max(0, ms));
    await Promise.resolve(); // let other work run between polls
  }

  async function handle(request: Request): Promise<Response> {
    return toResponse(await answer(await fromRequest(request), request.signal));
  }

  async function fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const request = new Request(input, init);
    const signal = init?.signal ?? undefined;
    if (signal?.aborted) throw signal.reason;
    const wire = await fromRequest(request);
    const pending = answer(wire, signal);
    const result = await (signal
      ? Promise.race([
          pending,
          new Promise<never>((_, reject) =>
            signal.addEventListener("abort", () => reject(signal.reason), { once: true }),
          ),
        ])
      : pending);
    if (result.kind === "drop") {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
      });
    }
    return toResponse(result);
  }

  const fake: FakeCloud = {
    credentials: accepted[0] as FakeCredentials,
    regions,
    regionId: defaultRegion,
    now: () => clock.now(),
    advance: (ms) => clock.advance(ms),
    sleep,
    waiterOptions: () => ({ now: () => clock.now(), sleep }),
    faults,
    stock,
    get state() {
      return view;
    },
    requests: log,
    get handlers() {
      return mswHandlers(handle, () => [
        ...(options.endpoints ?? []),
        ...[...servers].map((s) => s.url),
      ]) as HttpHandler[];
    },
    fetch,
    handle,
    async listen(port = 0, host = "127.0.0.1") {
      const { startServer } = await import("./server.js");
      const { upgradeSession } = await import("./session-server.js");
      const server = await startServer(answer, port, host, (req, socket, head) =>
        upgradeSession(clock, req, socket, head),
      );
      const tracked: FakeServer = {
        url: server.url,
        port: server.port,
        close: async () => {
          servers.delete(tracked);
          if (lastServer === tracked) lastServer = [...servers].pop();
          await server.close();
        },
      };
      servers.add(tracked);
      lastServer = tracked;
      return tracked;
    },
    get endpoint() {
      return lastServer?.url;
    },
    clientOptions({ via = "fetch" } = {}) {
      const { accessKeyId, accessKeySecret, securityToken } = fake.credentials;
      const credentials = {
        accessKeyId,
        accessKeySecret,
        ...(securityToken ? { securityToken } : {}),
      };
      if (via === "http") {
        if (!lastServer)
          throw new Error(
            'clientOptions({ via: "http" }) needs a running server: await fake.listen() first',
          );
        return { credentials, endpoint: lastServer.url };
      }
      return { credentials, fetch: (input: string, init: RequestInit) => fetch(input, init) };
    },
    sts: stsAdmin(gateway),
    issueStsCredentials({ durationMs = 3_600_000 } = {}) {
      const chars = (n: number, alphabet: string) =>
        Array.from({ length: n }, () => alphabet[Math.floor(stsRandom() * alphabet.length)]).join(
          "",
        );
      const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
      const issued: FakeCredentials = {
        accessKeyId: `STS.NT${chars(22, alnum)}`,
        accessKeySecret: chars(44, alnum),
        securityToken: `CAIS${chars(120, `${alnum}+/`)}`,
        // on the fake's clock, as the keys its STS issues: `fake.advance` makes them expire
        expiration: new Date(clock.now() + durationMs),
      };
      keys.add(issued, () => clock.now());
      return issued;
    },
    addImage: (name, config) => images.add(name, config),
    reset() {
      const next = fresh();
      gateway.ids = next.ids;
      gateway.requestIds = next.requestIds;
      gateway.world = next.world;
      gateway.idempotency = next.idempotency;
      clock.clear();
      faults.clear();
      stock.clear();
      log.length = 0;
      view = stateView(gateway.world, clock, contextFor);
    },
    async close() {
      await Promise.all([...servers].map((s) => s.close()));
    },
  };
  return fake;
}
