/**
 * Errors a tool throws on purpose. Each carries what the model needs to act: which input, which
 * rule, and what to do instead. Their names mirror Arcade's error classes so the worker front door
 * can map them to Arcade's error kinds one for one.
 */

/** A parameter name as a message shows it: a caller's unknown key can hold anything, even backticks or a megabyte. */
function fieldLabel(field: string): string {
  const plain = field.replace(/[`\r\n]/g, "'");
  return plain.length > 160 ? `${plain.slice(0, 157)}...` : plain;
}

/** One input broke a rule. Nothing was sent to Asana. */
export class ToolInputError extends Error {
  override readonly name = "ToolInputError";
  constructor(
    /** The parameter, as the model spelled it (e.g. `due_date`, `tags[1]`). */
    readonly field: string,
    /** The rule, as a phrase that completes "must …" or states the problem. */
    readonly rule: string,
    /** What to pass instead, or which tool finds a valid value. */
    readonly fix: string,
  ) {
    super(`\`${fieldLabel(field)}\`: ${rule}. ${fix}`);
  }
}

/** Several inputs broke rules at once (e.g. a schema check); reported together so one retry fixes all. */
export class ToolInputErrors extends Error {
  override readonly name = "ToolInputErrors";
  constructor(readonly problems: readonly ToolInputError[]) {
    super(problems.map((p) => p.message).join("\n"));
  }
}

/**
 * The call cannot go on as asked, but the model can retry with what `additionalPromptContent`
 * lists (e.g. "several workspaces, pick one of these"). Arcade calls this a RetryableToolError.
 */
export class ToolRetryableError extends Error {
  override readonly name = "ToolRetryableError";
  constructor(
    message: string,
    readonly additionalPromptContent?: string,
  ) {
    super(message);
  }
}

/** The tool ran and failed for a reason retrying will not fix. Arcade calls this a ToolExecutionError. */
export class ToolExecutionError extends Error {
  override readonly name = "ToolExecutionError";
}

const notes = new WeakMap<object, string[]>();

/**
 * Adds a sentence to whatever error is on its way out (e.g. "tag X was created before this failed"),
 * without wrapping it: Asana's status, the error kind and the retry delay all survive, and the one
 * error formatter appends the note to its message. Returns the error, for `throw addErrorNote(...)`.
 */
export function addErrorNote(error: unknown, note: string): unknown {
  if (typeof error === "object" && error !== null) notes.set(error, [...(notes.get(error) ?? []), note]);
  return error;
}

export function errorNotesOf(error: unknown): readonly string[] {
  return typeof error === "object" && error !== null ? (notes.get(error) ?? []) : [];
}
