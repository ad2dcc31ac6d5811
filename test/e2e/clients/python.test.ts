import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, test } from "vitest";
import { exerciseClient, recordMatrixRow, type MatrixClient } from "../../support/client-matrix.js";
import { preparePythonClients } from "../../support/python-clients.js";
import { cleanEnv, spawnHttpServer, type SpawnedHttpServer } from "../../support/spawn-server.js";
import { recordingProxy, tappedSandboxCommand } from "../../support/wire.js";

/**
 * The Python clients: the official `mcp` package's Client and FastMCP's, both negotiating the protocol
 * ("auto", as they come), so both must land on 2026-07-28. They run in a virtual environment that pip
 * fills from python-requirements.txt (see preparePythonClients); where pip cannot, the rows are skipped
 * and say why. Each is driven by python_mcp_client.py, one JSON line per call.
 */
const prepared = await preparePythonClients();
const skipped = "skip" in prepared ? prepared.skip : undefined;
const driverPath = fileURLToPath(new URL("./python_mcp_client.py", import.meta.url));

interface Library {
  name: "mcp" | "fastmcp";
  client: string;
  version: string;
}

const libraries: Library[] = [
  { name: "mcp", client: "mcp (Python)", version: "versions" in prepared ? prepared.versions.mcp! : "-" },
  {
    name: "fastmcp",
    client: "fastmcp (Python)",
    version: "versions" in prepared ? `${prepared.versions.fastmcp} (mcp ${prepared.versions.mcp})` : "-",
  },
];

if (skipped) {
  for (const library of libraries) {
    for (const transport of ["stdio", "HTTP"])
      recordMatrixRow({ client: library.client, version: "-", transport, protocol: "-", result: `skipped: ${skipped}` });
  }
}

/** One driver process for the file: each library is imported once, however many connections it makes. */
interface PythonDriver {
  ask(request: Record<string, unknown>): Promise<Record<string, unknown>>;
  stderr(): string;
  close(): Promise<void>;
}

function startDriver(python: string): PythonDriver {
  const driver = spawn(python, [driverPath], { env: cleanEnv({}), stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  driver.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => driver.once("exit", () => resolve()));
  const replies = createInterface({ input: driver.stdout })[Symbol.asyncIterator]();
  return {
    async ask(request) {
      driver.stdin.write(`${JSON.stringify(request)}\n`);
      const line = await replies.next();
      if (line.done) throw new Error(`the Python driver exited:\n${stderr}`);
      const reply = JSON.parse(line.value) as Record<string, unknown>;
      if (reply.exception) throw new Error(`${String(request.library ?? "the library")} raised ${String(reply.exception)}`);
      return reply;
    },
    stderr: () => stderr,
    async close() {
      driver.stdin.end();
      await exited;
    },
  };
}

// One HTTP server for the file's HTTP rows, as clients of one deployment share it (each row connects its own
// client through its own recording proxy), started by the first row that needs it: stdio rows alone start none.
let http: Promise<SpawnedHttpServer> | undefined;
const sharedHttpServer = () => (http ??= spawnHttpServer({}, ["--sandbox"]));
let driver: PythonDriver | undefined;
let scratch: string;
const cleanups: Array<() => Promise<void>> = [];
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "asana-mcp-python-"));
  if ("python" in prepared) driver = startDriver(prepared.python);
});
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await driver?.close();
  await http?.then(
    (server) => server.close(),
    () => undefined,
  );
  rmSync(scratch, { recursive: true, force: true });
});

type Connection = { transport: "stdio"; command: string; args: string[]; env: Record<string, string> } | { transport: "http"; url: string };

async function pythonClient(library: Library["name"], connection: Connection): Promise<MatrixClient> {
  const python = driver!;
  const stderrBefore = python.stderr().length;
  await python.ask({ op: "connect", library, connection });
  let connected = true;
  return {
    listToolNames: async () => (await python.ask({ op: "list" })).tools as string[],
    async callTool(name, args) {
      const reply = await python.ask({ op: "call", name, arguments: args });
      return { isError: reply.isError === true, text: String(reply.text) };
    },
    async close() {
      if (!connected) return;
      connected = false;
      await python.ask({ op: "disconnect" });
    },
    // Python prints a library's warnings, and its loggers' warnings and errors, on stderr.
    reported: () =>
      python
        .stderr()
        .slice(stderrBefore)
        .split("\n")
        .filter((line) => line.trim() !== ""),
  };
}

describe.each(libraries)("$client", (library) => {
  const why = skipped ? ` (skipped: ${skipped})` : "";

  test.skipIf(skipped !== undefined)(
    `over stdio: lists, reads, writes and gets bad input back as an error, speaking 2026-07-28, with nothing logged${why}`,
    async () => {
      const server = tappedSandboxCommand(join(scratch, `${library.name}-stdio.wire`));
      await exerciseClient({
        client: library.client,
        version: library.version,
        transport: "stdio",
        expectedProtocol: "2026-07-28",
        wire: server.wire,
        connect: () => pythonClient(library.name, { transport: "stdio", command: server.command, args: server.args, env: server.env }),
      });
    },
  );

  test.skipIf(skipped !== undefined)(
    `over HTTP: lists, reads, writes and gets bad input back as an error, speaking 2026-07-28, with nothing logged${why}`,
    async () => {
      const proxy = await recordingProxy(await sharedHttpServer());
      cleanups.push(() => proxy.close());
      await exerciseClient({
        client: library.client,
        version: library.version,
        transport: "HTTP",
        expectedProtocol: "2026-07-28",
        wire: proxy.wire,
        connect: () => pythonClient(library.name, { transport: "http", url: proxy.url }),
      });
    },
  );
});
