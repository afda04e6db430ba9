// How a send failed, said once for the classifier (src/core/outcome.ts): the host:port it
// could not reach (a network proxy's, when the proxy failed), the socket's error code,
// whether anything can have reached the server, and whether a timer ran out. The Node
// sender rejects with these; other senders' failures are wrapped in one naming the URL.

/** What a {@link SendFailure} says besides where. */
export interface SendFailureInit {
  /** the sender's own words (`proxy refused the credentials (407)`); default: from the cause */
  reason?: string;
  /** nothing can have reached the server (not connected yet, a proxy said no) */
  notSent?: boolean;
  /** a timer ran out: the answer's, or with `notSent` the connection's */
  timedOut?: boolean;
  /** another attempt would fail the same way (a proxy refused the credentials) */
  final?: boolean;
  /** the error underneath */
  cause?: unknown;
}

/** A request that got no answer, and where it was going. Never carries a proxy's credentials. */
export class SendFailure extends Error {
  override name = "SendFailure";
  /** `host:port` it could not reach */
  readonly host: string;
  /** the socket's code (`ECONNREFUSED`, `ENOTFOUND`), when there was one */
  readonly code: string | undefined;
  /** the sender's own words, when it had some */
  readonly reason: string | undefined;
  readonly notSent: boolean;
  readonly timedOut: boolean;
  readonly final: boolean;

  constructor(host: string, init: SendFailureInit) {
    super(init.reason ?? messageOf(init.cause), { cause: init.cause });
    this.host = host;
    this.code = codeOf(init.cause);
    this.reason = init.reason;
    this.notSent = init.notSent ?? false;
    this.timedOut = init.timedOut ?? isTimedOut(init.cause);
    this.final = init.final ?? false;
  }
}

/** `error`, or the failure of a sender that does not say where: named after the URL. */
export function locate(error: unknown, url: string): SendFailure {
  return error instanceof SendFailure ? error : new SendFailure(hostOf(url), { cause: error });
}

/**
 * `host:port` of a request's URL, the scheme's port when it names none. A relative one (a
 * signing proxy's route, `/api/alicloud`) is on the page's origin.
 */
export function hostOf(url: string): string {
  const page = (globalThis as { location?: { href?: string } }).location?.href;
  try {
    const { host, port, protocol } = new URL(url, page);
    return port ? host : `${host}:${protocol === "http:" ? 80 : 443}`;
  } catch {
    return url.split("?")[0] as string; // relative, and no page: the path is all there is
  }
}

/** The code of a socket error, or of the socket error a fetch wraps (`cause`). */
export function codeOf(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === "string" ? code : undefined;
}

// fetch-sender.ts and older senders mark an attempt's timeout with `timedOut: true`
const isTimedOut = (error: unknown) =>
  (error as { timedOut?: unknown } | undefined)?.timedOut === true;

const messageOf = (error: unknown) =>
  codeOf(error) ?? (error instanceof Error ? error.message : String(error));
