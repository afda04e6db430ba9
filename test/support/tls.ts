// A throwaway certificate for 127.0.0.1 (and localhost), made with openssl by each test
// file that serves https: no key is kept in the repository, and none can expire there.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureTool, OPENSSL } from "./system-tools.js";

export interface TestCertificate {
  /** the certificate (PEM): what a client is told to trust */
  cert: string;
  /** its private key (PEM) */
  key: string;
}

/** A self-signed certificate whose names are 127.0.0.1 and localhost. */
export function testCertificate(): TestCertificate {
  const openssl = ensureTool(OPENSSL);
  const dir = mkdtempSync(join(tmpdir(), "alicloud-eci-cert-"));
  try {
    const [key, cert] = [join(dir, "key.pem"), join(dir, "cert.pem")];
    execFileSync(
      openssl,
      [
        ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"],
        ...["-nodes", "-days", "2", "-subj", "/CN=127.0.0.1"],
        ...["-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        ...["-keyout", key, "-out", cert],
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    return { cert: readFileSync(cert, "utf8"), key: readFileSync(key, "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
