// Imported first by the page: modules are evaluated only once every static import is
// loaded, so what hooks.mjs records after this line, the page loaded while it ran.
import { appendFileSync } from "node:fs";

appendFileSync(process.env.FIRST_CALL_LOG, "--- running\n");
