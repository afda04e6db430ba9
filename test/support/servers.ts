// Local servers for the transport tests, all on 127.0.0.1: one that answers like POP, one
// that accepts connections and never answers, and one that never accepts them.
import { once } from "node:events";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import type tls from "node:tls";
import { Worker } from "node:worker_threads";
import type { TestCertificate } from "./tls.js";

/** A server that answers every request with `{"RequestId":"x"}`, and what it saw. */
export interface PopServer {
  /** `http://127.0.0.1:<port>` or `https://…` */
  origin: string;
  port: number;
  /** each request: its request line's target and headers */
  requests: { url: string; headers: http.IncomingHttpHeaders }[];
  /** connections it accepted (TLS sessions for https) */
  connections: number;
  /** the SNI name of each TLS session (https) */
  servernames: (string | false | null)[];
  close(): Promise<void>;
}

/** An http server, or an https one when given a certificate. */
export async function startPopServer(certificate?: TestCertificate): Promise<PopServer> {
  const listener: http.RequestListener = (request, response) => {
    state.requests.push({ url: request.url ?? "", headers: request.headers });
    request.resume();
    request.on("end", () => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end('{"RequestId":"x"}');
    });
  };
  const server = certificate
    ? https.createServer({ cert: certificate.cert, key: certificate.key }, listener)
    : http.createServer(listener);
  server.on(certificate ? "secureConnection" : "connection", (socket: tls.TLSSocket) => {
    state.connections++;
    if (certificate) state.servernames.push(socket.servername);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  const state: PopServer = {
    origin: `${certificate ? "https" : "http"}://127.0.0.1:${port}`,
    port,
    requests: [],
    connections: 0,
    servernames: [],
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
  return state;
}

/** A server that accepts connections and never answers on them. */
export async function startSilentServer() {
  const sockets = new Set<net.Socket>();
  const waiting: ((socket: net.Socket) => void)[] = [];
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.resume();
    waiting.shift()?.(socket);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    /** the connections it took */
    sockets,
    /** Resolves with the next connection it takes. */
    nextConnection: () => new Promise<net.Socket>((resolve) => waiting.push(resolve)),
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, "close");
    },
  };
}

/**
 * A port where connections are never accepted: a listening socket with a backlog of 1
 * whose process (a worker thread, blocked) never calls accept, kept full by two sockets
 * of ours. Linux then leaves new SYNs unanswered: a connect just waits, as to a host that
 * is down or a firewall that drops packets.
 */
export async function startUnacceptingServer() {
  const release = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(
    `const { parentPort, workerData } = require("node:worker_threads");
     const server = require("node:net").createServer();
     server.listen({ port: 0, host: "127.0.0.1", backlog: 1 }, () => {
       parentPort.postMessage(server.address().port);
       Atomics.wait(workerData, 0, 0); // the event loop stops here: nothing is accepted
     });`,
    { eval: true, workerData: release },
  );
  const [port] = (await once(worker, "message")) as [number];
  const fillers = [net.connect(port, "127.0.0.1"), net.connect(port, "127.0.0.1")];
  await Promise.all(fillers.map((socket) => once(socket, "connect")));
  return {
    port,
    async close() {
      for (const socket of fillers) socket.destroy();
      Atomics.store(release, 0, 1);
      Atomics.notify(release, 0);
      await worker.terminate();
    },
  };
}
