// The fake server's WebSocket upgrades: a live exec token opens its session, others are refused.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { FakeClock } from "./clock.js";
import { takeSession } from "./products/eci-sessions.js";
import { acceptWebSocket, refuseUpgrade } from "./ws-server.js";

/** Handles one upgrade request on the fake's server. */
export function upgradeSession(
  clock: FakeClock,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): void {
  const url = new URL(req.url ?? "/", "http://fake");
  const session =
    url.pathname === "/exec" ? takeSession(clock, url.searchParams.get("token") ?? "") : undefined;
  if (session === undefined) refuseUpgrade(socket, 404, "Not Found");
  else if (session === "expired")
    refuseUpgrade(socket, 403, "Forbidden: the session URI has expired");
  else {
    const peer = acceptWebSocket(req, socket, head);
    if (peer) session.run(peer);
  }
}
