import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * An https server on loopback with a certificate made for the test (openssl), serving JSON documents
 * such as a client's metadata document. The server under test trusts the certificate through
 * NODE_EXTRA_CA_CERTS (`certificateFile`).
 */
export interface HttpsDocuments {
  origin: string;
  certificateFile: string;
  /** Serves `body` at `path`, or lets `answer` write the response (slow, huge, redirecting...). */
  serve(path: string, body: unknown, headers?: Record<string, string>): string;
  answerWith(path: string, answer: (res: ServerResponse) => void): string;
  /** How often each path was asked for. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

export const opensslAvailable = (() => {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

export async function startHttpsDocuments(): Promise<HttpsDocuments> {
  const dir = mkdtempSync(join(tmpdir(), "asana-mcp-https-"));
  const key = join(dir, "key.pem");
  const cert = join(dir, "cert.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      key,
      "-out",
      cert,
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1,DNS:localhost",
    ],
    { stdio: "ignore" },
  );
  const routes = new Map<string, (res: ServerResponse) => void>();
  const hits = new Map<string, number>();
  const server: Server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    const path = new URL(req.url ?? "/", "https://localhost").pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const answer = routes.get(path);
    if (answer) answer(res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    certificateFile: cert,
    hits,
    serve(path, body, headers = {}) {
      routes.set(path, (res) => res.writeHead(200, { "content-type": "application/json", ...headers }).end(JSON.stringify(body)));
      return `${origin}${path}`;
    },
    answerWith(path, answer) {
      routes.set(path, answer);
      return `${origin}${path}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
