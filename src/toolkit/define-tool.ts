import type * as z from "zod";
import type { AsanaSession } from "../asana/index.js";
import type { AuthRequirement } from "./auth-requirement.js";

/** Groups that `--toolsets` switches on and off. */
export const toolsetNames = ["tasks", "projects", "sections", "comments", "tags", "users", "workspaces", "teams"] as const;
export type ToolsetName = (typeof toolsetNames)[number];

/** All four MCP hints, stated explicitly: the spec's defaults (destructive, open-world) suit no read tool. */
export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export interface ProgressUpdate {
  progress: number;
  total?: number;
  message?: string;
}

/** What a handler gets besides its input. It never sees a transport, a header or the environment. */
export interface ToolContext {
  /** Asana, already bound to the caller's token and to `signal`. */
  asana: AsanaSession;
  /** Aborts when the caller cancels; pass it to anything long-running that is not `asana`. */
  signal: AbortSignal;
  /** Reports progress to callers that asked for it; a no-op otherwise. */
  reportProgress(update: ProgressUpdate): Promise<void>;
}

/** Per-status advice appended to Asana's own error text, e.g. which tool lists valid ids. */
export type AsanaErrorHints = Partial<Record<400 | 402 | 403 | 404, string>>;

export interface ToolDefinition<Input extends z.ZodObject = z.ZodObject, Output extends z.ZodObject = z.ZodObject> {
  /** PascalCase, e.g. `DeleteTask`; MCP sees `Asana_DeleteTask`, Arcade `Asana.DeleteTask`. */
  name: string;
  /** A short human title for tool pickers. */
  title: string;
  /** Written for a model: when to use the tool, what to pass, and which tool comes before or after. */
  description: string;
  toolset: ToolsetName;
  input: Input;
  output: Output;
  annotations: ToolAnnotations;
  auth: AuthRequirement;
  errorHints?: AsanaErrorHints;
  handler(input: z.output<Input>, ctx: ToolContext): Promise<z.input<Output>>;
}

/** The type that collections of tools use: input and output erased, since each tool checks its own. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyToolDefinition = ToolDefinition<any, any>;

const pascalCase = /^[A-Z][A-Za-z0-9]{2,60}$/;

/**
 * Declares a tool. It only checks what TypeScript cannot: the name's form, and that every
 * annotation is really set (a missing hint silently falls back to the spec's "destructive" default).
 */
export function defineTool<Input extends z.ZodObject, Output extends z.ZodObject>(
  definition: ToolDefinition<Input, Output>,
): ToolDefinition<Input, Output> {
  if (!pascalCase.test(definition.name)) {
    throw new Error(`Tool name "${definition.name}" must be PascalCase letters and digits (e.g. DeleteTask)`);
  }
  for (const hint of ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] as const) {
    if (typeof definition.annotations[hint] !== "boolean") {
      throw new Error(`Tool ${definition.name} must set annotations.${hint} explicitly`);
    }
  }
  if (definition.annotations.readOnlyHint && definition.annotations.destructiveHint) {
    throw new Error(`Tool ${definition.name} cannot be both read-only and destructive`);
  }
  return definition;
}
