import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { specPathCandidates } from "../contract/spec-document.js";
import type { MatrixRow } from "./client-matrix.js";

/**
 * Runs once per `vitest run`, before any test file: when Asana's OpenAPI document is absent, one line
 * says so and how to get it. The tests whose point is a contract check show up as skipped; the others
 * run without the per-request contract checks. After the run it prints the client matrix (which MCP
 * client libraries, in which versions, spoke which protocol with the server, and passed).
 */
export default function setup(project: TestProject): () => void {
  announceContractChecks();
  const matrixDir = mkdtempSync(join(tmpdir(), "asana-mcp-client-matrix-"));
  project.provide("clientMatrixDir", matrixDir);
  return () => {
    const rows = readdirSync(matrixDir).map((file) => JSON.parse(readFileSync(join(matrixDir, file), "utf8")) as MatrixRow);
    rmSync(matrixDir, { recursive: true, force: true });
    if (rows.length > 0) process.stdout.write(`\n${matrixTable(rows)}\n`);
  };
}

function announceContractChecks(): void {
  const candidates = specPathCandidates();
  if (candidates.paths.some((path) => existsSync(path))) return;
  process.stderr.write(
    `\ncontract checks off: Asana's OpenAPI document was not found (looked in ${candidates.paths.join(", ")}). ` +
      "Tests that need it are skipped; run `npm run spec:fetch`, or set ASANA_OPENAPI_PATH.\n\n",
  );
}

/** A plain-text table, one row per client and transport, sorted so runs compare line by line. */
function matrixTable(rows: MatrixRow[]): string {
  const header: MatrixRow = { client: "client", version: "version", transport: "transport", protocol: "protocol", result: "result" };
  const columns = ["client", "version", "transport", "protocol", "result"] as const;
  const sorted = [...rows].sort((a, b) => a.client.localeCompare(b.client) || a.transport.localeCompare(b.transport));
  const widths = columns.map((column) => Math.max(...[header, ...sorted].map((row) => row[column].length)));
  const line = (row: MatrixRow) =>
    columns
      .map((column, i) => row[column].padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return ["Client matrix", line(header), widths.map((w) => "-".repeat(w)).join("  "), ...sorted.map(line)].join("\n");
}
