#!/usr/bin/env node
// alicloud-eci-fake: the fake cloud as a local HTTP server, in real time, for demos and for
// clients in other processes or languages. `npx alicloud-eci-fake --port 8080`
import { main } from "./cli-main.js";

main(process.argv.slice(2)).then(
  (server) => {
    if (!server) return;
    const stop = () => void server.close().then(() => process.exit(0));
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  },
  (error: Error) => {
    console.error(`alicloud-eci-fake: ${error.message}`);
    process.exit(1);
  },
);
