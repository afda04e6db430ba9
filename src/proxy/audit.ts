// The audit trail: exactly one event per request, whatever path the request took, with
// every string masked like the answers.
import { redactDeep } from "./secrets.js";
import type { AuditEvent } from "./types.js";

/** The event of one request, filled in as it goes and sent once. */
export interface Audit {
  readonly event: AuditEvent;
  /** Records how the request ended and sends the event; later calls do nothing. */
  finish(status: number, outcome: AuditEvent["outcome"], code?: string): void;
}

export function startAudit(
  method: string,
  onAudit: ((event: AuditEvent) => void) | undefined,
  redact: (text: string) => string,
): Audit {
  const started = Date.now();
  const event: AuditEvent = { method, outcome: "invalid", status: 0, durationMs: 0 };
  let sent = false;
  return {
    event,
    finish(status, outcome, code) {
      if (sent) return;
      sent = true;
      Object.assign(event, { status, outcome, durationMs: Date.now() - started });
      if (code !== undefined) event.code = code;
      if (!onAudit) return;
      // a failing log sink must not turn an answered call into an error or a second event
      try {
        const pending: unknown = onAudit(redactDeep(event, redact) as AuditEvent);
        if (pending instanceof Promise) pending.catch(() => {});
      } catch {}
    },
  };
}
