import { realpathSync } from "node:fs";
import { homedir } from "node:os";
import { packageVersion } from "./app/version.js";
import { CliUsageError, parseCli, placeholderAdvice, unexpandedPlaceholders, type CliCommand } from "./cli.js";
import { createLogger, holdSecret } from "./log/index.js";

async function main(): Promise<void> {
  let command;
  try {
    command = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof CliUsageError) {
      process.stderr.write(`asana-mcp: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  holdConfiguredSecrets(command);
  // Asked for, help and the version are the program's output: stdout, like any command-line tool.
  if (command.command === "help") {
    process.stdout.write(command.text);
    return;
  }
  if (command.command === "version") {
    process.stdout.write(`${packageVersion}\n`);
    return;
  }

  if (command.command === "register") {
    for (const warning of command.warnings) process.stderr.write(`asana-mcp register: warning: ${warning}\n`);
    const logger = createLogger({ level: "info" });
    let result;
    try {
      const { registerWorker } = await import("./app/register-worker.js");
      result = await registerWorker(command, logger);
    } catch (error) {
      process.stderr.write(`asana-mcp register: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
    process.stderr.write(
      result.healthy
        ? `Worker ${result.workerId} is ${result.action === "created" ? "registered" : "registered (updated in place)"} and the Engine reports it healthy.\n`
        : `Worker ${result.workerId} is registered, but the Engine's health check failed: ${result.message || "no detail"}.\n` +
            "Check that the server runs with the same ARCADE_WORKER_SECRET and that the URL reaches it.\n",
    );
    process.exit(result.healthy ? 0 : 1);
  }

  if (command.command === "call") {
    let code: number;
    try {
      const { callToolThroughArcade } = await import("./app/call-tool.js");
      code = await callToolThroughArcade(command, {
        out: (text) => process.stdout.write(`${text}\n`),
        err: (text) => process.stderr.write(`${text}\n`),
      });
    } catch (error) {
      process.stderr.write(`asana-mcp call: ${error instanceof Error ? error.message : String(error)}\n`);
      code = 1;
    }
    // Let stdout drain before exiting: the output may be piped into another program.
    process.stdout.write("", () => process.exit(code));
    return;
  }

  if (command.command === "config") {
    let code: number;
    try {
      const { runClientConfig } = await import("./client-config/index.js");
      // This very installation: the node running now, and the real path of the script it runs (npm's
      // bin links resolved), so the client starts the same build wherever it is launched from.
      code = runClientConfig(command, {
        launch: { command: process.execPath, args: [realpathSync(process.argv[1]!)] },
        surroundings: { home: homedir(), platform: process.platform, cwd: process.cwd(), env: process.env },
        env: process.env,
        now: () => new Date(),
        out: (line) => process.stdout.write(`${line}\n`),
        err: (line) => process.stderr.write(`${line}\n`),
      });
    } catch (error) {
      process.stderr.write(`asana-mcp config: ${error instanceof Error ? error.message : String(error)}\n`);
      code = 1;
    }
    process.stdout.write("", () => process.exit(code));
    return;
  }

  if (command.command === "check") {
    const { checkConnection } = await import("./app/check-connection.js");
    const healthy = await checkConnection(command.config, createLogger({ level: "warn" }), (line) => process.stdout.write(`${line}\n`));
    process.exit(healthy ? 0 : 1);
  }

  const logger = createLogger({ level: command.logLevel });
  for (const name of unexpandedPlaceholders(process.env)) logger.warn(placeholderAdvice(name, process.env[name]));
  // A rejection nobody handled is a bug in one call, not a reason to drop every other user's calls:
  // log it (without the reason's details, which may carry request data) and keep serving.
  process.on("unhandledRejection", (reason: unknown) => {
    logger.error("a promise was rejected and nobody handled it; this is a bug in asana-mcp, please report it", {
      error: reason instanceof Error ? reason.name : typeof reason,
    });
  });
  // Loaded here, not at the top: --help, --version and the other commands answer without compiling the
  // MCP SDK and the server (a third of a CLI run's start-up).
  const { startServer } = await import("./app/index.js");
  const running = await startServer(command, logger);
  // Stop taking calls, let those in flight finish (up to the grace period), then exit.
  const stop = (reason: string) => void running.shutdown(reason);
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  if (command.transport === "stdio") {
    // Over stdio the client ends the session by closing our stdin (the transport reports it), or by
    // going away (EPIPE on stdout).
    process.stdout.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") stop("the client closed stdout");
      else logger.error("stdout failed", { code: error.code });
    });
  }
  await running.closed;
  process.exit(0);
}

/**
 * The credentials this process was given are blanked wherever outside text (an error Asana or Arcade
 * echoes) would carry them into a result, a page or a log line, whatever their shape.
 */
function holdConfiguredSecrets(command: CliCommand): void {
  const config = command.command === "check" ? command.config : command;
  if (config.command === "serve") {
    holdSecret(config.asanaAccessToken);
    holdSecret(config.arcade?.apiKey);
    holdSecret(config.workerSecret);
    holdSecret(config.frontDoorAuth?.sharedSecret);
  } else if (config.command === "config") {
    // Written into a client's file, never printed; held all the same.
    holdSecret(process.env.ASANA_ACCESS_TOKEN?.trim());
    holdSecret(process.env.ARCADE_API_KEY?.trim());
  } else if (config.command === "register" || config.command === "call") {
    holdSecret(config.arcadeApiKey);
    if (config.command === "register") holdSecret(config.secret);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`asana-mcp: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
