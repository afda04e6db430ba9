// Container group and image cache events: the reason behind a failure.
import type { WaiterEvent } from "./types.js";

/** How many events a WaiterError keeps. */
const KEEP = 10;

const when = (event: WaiterEvent) => event.LastTimestamp ?? event.FirstTimestamp ?? "";

/** The latest events, newest first (ISO timestamps sort as text; ties keep the API's order, later first). */
export function latestEvents(events: readonly WaiterEvent[] | undefined): WaiterEvent[] {
  if (!events?.length) return [];
  return events
    .map((event, index) => ({ event, index }))
    .sort((a, b) =>
      when(a.event) < when(b.event) ? 1 : when(a.event) > when(b.event) ? -1 : b.index - a.index,
    )
    .slice(0, KEEP)
    .map(({ event }) => event);
}

/** `Reason: Message` of the newest warning, else of the newest event. */
export function describeEvents(latest: readonly WaiterEvent[]): string | undefined {
  const event = latest.find((e) => e.Type === "Warning") ?? latest[0];
  if (!event) return undefined;
  return [event.Reason, event.Message].filter(Boolean).join(": ") || undefined;
}
