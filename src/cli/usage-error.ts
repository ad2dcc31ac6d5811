/** A command line or environment the program cannot run with: printed as is, exit status 2. */
export class CliUsageError extends Error {
  override readonly name = "CliUsageError";
}
