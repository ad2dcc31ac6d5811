import type * as z from "zod";
import type { AsanaSession, CompletedWrite } from "../asana/index.js";
import { withAnswerBudget, type AnswerSpec } from "./answer-budget.js";
import { Asana, type AuthRequirement } from "./auth-requirement.js";
import type { CreateMarker } from "./create-marker.js";

/** All four MCP hints, stated explicitly: the spec's defaults (destructive, open-world) suit no read tool. */
export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/**
 * The four kinds of Asana tool, named once so no tool spells the hints out by hand. Every tool talks
 * to Asana, so all are open-world.
 */
export const annotate = {
  /** Changes nothing; safe to call again. */
  read: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  /** Makes something new each time it is called (a task, a comment, a tag). */
  create: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  /** Sets state; calling it again with the same input changes nothing further. */
  idempotentWrite: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  /** Deletes or overwrites what cannot be had back through the API. */
  destructive: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
} as const satisfies Record<string, ToolAnnotations>;

export interface ProgressUpdate {
  progress: number;
  total?: number;
  message?: string;
}

/**
 * A file shown beside a tool's output, for callers that can carry it (MCP's content blocks): an image,
 * a file's bytes as an embedded resource, or a file's text. Never part of the structured output.
 */
export type ToolContentBlock =
  | { type: "image"; data: string; mimeType: string }
  | { type: "resource"; resource: { uri: string; mimeType: string; blob: string } }
  | { type: "text"; text: string };

/** What a handler gets besides its input. It never sees a transport, a header or the environment. */
export interface ToolContext {
  /** Asana, already bound to the caller's token and to `signal`. */
  asana: AsanaSession;
  /** Aborts when the caller cancels; pass it to anything long-running that is not `asana`. */
  signal: AbortSignal;
  /** Reports progress to callers that asked for it; a no-op otherwise. */
  reportProgress(update: ProgressUpdate): Promise<void>;
  /**
   * For creates: this call's marker, to put on what it makes where Asana has room for it (see
   * CreateMarker and ToolSpec.marks), so that a lost answer finds that object exactly.
   */
  createMarker?: CreateMarker;
  /** Adds a file to show beside the output; absent when the caller cannot carry one (the Arcade worker). */
  addContent?(block: ToolContentBlock): void;
}

/** What a lost create's search gets besides the usual context. */
export interface ReconcileContext extends ToolContext {
  /**
   * True when the object (its gid and `created_at`) was made after this call began, on Asana's clock,
   * and not by an earlier call of this server.
   */
  madeDuringCall(object: { gid: string; created_at?: string | null | undefined }): boolean;
  /** When the call began, on Asana's clock, as ISO text: for Asana's own `modified_since`-style filters. */
  asanaSince(): string;
  /** The writes of this call whose answers did arrive, before the one that was lost: what they made is known exactly. */
  completedWrites: readonly CompletedWrite[];
}

/** What an error hint can look at: the validated input, and Asana's own message. */
export interface ErrorHintContext<Input> {
  input: Input;
  asanaMessage: string;
}

/**
 * Advice appended by the one error formatter to Asana's answer of a given status: which tool lists
 * valid ids, which rule Asana applied. A function hint can tailor the advice to the input; returning
 * undefined falls back to the formatter's generic advice. Hints never replace the error itself, so its
 * kind, status and retry delay always reach the caller.
 */
export type AsanaErrorHint<Input = never> = string | ((context: ErrorHintContext<Input>) => string | undefined);
export type AsanaErrorHints<Input = never> = Partial<Record<400 | 402 | 403 | 404, AsanaErrorHint<Input>>> & {
  /**
   * For a write whose answer was lost (see mayHaveTakenEffect): how the model can check whether it
   * happened before calling the tool again, e.g. which list tool shows what it would have made.
   */
  unknownOutcome?: AsanaErrorHint<Input>;
  /**
   * For a failure after the tool's write was done (a job's poll, a read of what was made): how to see
   * what was made, or finish the work, given the id Asana answered the write with.
   */
  afterWrite?: (context: { input: Input; madeId: string }) => string;
};

/**
 * A tool whose work is an Asana job that its handler waits for (a duplication, a template used or
 * saved), in two halves, so a front door can answer at once with the job and finish later, from any
 * replica (MCP tasks): `start` does what the handler does up to the job; `check` looks at the job and,
 * once it has finished, makes the handler's own output (or throws the handler's own error). `memo` is
 * what `check` needs besides the job (the name the input gave, a template's name read before): it
 * travels sealed inside the task id, so it holds a few short strings and nothing secret.
 */
export interface AsanaJobSteps<Input, Output> {
  start(input: Input, ctx: ToolContext): Promise<{ jobId: string; memo: Record<string, string> } & JobProgress>;
  check(jobId: string, memo: Record<string, string>, ctx: ToolContext): Promise<({ finished: false } & JobProgress) | { finished: true; output: Output }>;
}

/** What Asana says of a job on its way: its status (not_started, in_progress) and its kind (duplicate_project). */
export interface JobProgress {
  status?: string | undefined;
  kind?: string | undefined;
}

/** A write as a person would confirm it, read from Asana just before (see write-confirmation.ts). */
export interface PlannedWrite {
  /** The change in words a person reads: `Delete task "Launch v2.0" (3 subtasks, 2 comments)`. */
  summary: string;
  /**
   * What must still hold when the write is confirmed (the object's modified_at, its counts): a
   * confirmation whose fingerprint no longer matches is refused as stale. Plain JSON.
   */
  fingerprint?: unknown;
}

/** How a write tool shows what it is about to do. Tools without one are previewed from their arguments. */
export interface WritePreview<Input> {
  /**
   * True when this call asks for a yes even though the tool is not destructive: a bulk write over the
   * threshold, a write that empties values. Destructive tools always ask (in the default mode).
   */
  asks?(input: Input): boolean;
  /** Reads what the write would change, with as few requests as it can (concurrent where independent). */
  plan(input: Input, ctx: ToolContext): Promise<PlannedWrite>;
}

/** What a tool file declares. */
export interface ToolSpec<Input extends z.ZodObject, Output extends z.ZodObject> {
  /** PascalCase, e.g. `DeleteTask`; MCP sees `Asana_DeleteTask`, Arcade `Asana.DeleteTask`. */
  name: string;
  /** A short human title for tool pickers. */
  title: string;
  /**
   * Written for a model and paid for in every chat that lists the tool: when to use it, and what
   * comes before and after, in as few words as that takes.
   */
  description: string;
  /** The group `--toolsets` switches on and off (tools/toolsets.ts lists them). */
  toolset: string;
  /** True for the everyday tools that chat clients get unless they ask for more. */
  defaultProfile?: boolean;
  /**
   * The tool's arguments and its answer, as functions that build them: a schema is built when it is
   * first needed (a call of this tool, a listing made without the prebuilt descriptors), not when the
   * toolkit loads. The tool's `input` and `output` are then the built schemas.
   */
  input: () => Input;
  output: () => Output;
  annotations: ToolAnnotations;
  /** Asana's `default` scope unless the tool says otherwise. */
  auth?: AuthRequirement;
  errorHints?: AsanaErrorHints<z.output<Input>>;
  /** For reads: how an answer over its byte budget is cut, where the generic rule is not the most useful. */
  answer?: AnswerSpec<z.output<Input>>;
  /** For writes: the preview a person confirms (dry_run answers with it too). */
  preview?: WritePreview<z.output<Input>>;
  handler(input: z.output<Input>, ctx: ToolContext): Promise<z.input<Output>>;
  /**
   * For a create whose answer was lost on the way back: looks for what the call would have made, and
   * returns the tool's output if exactly that is found, so the model hears "created" with the id instead
   * of a failure it might retry into a duplicate. Returns undefined when nothing (or more than one
   * candidate) is found. Only objects `madeDuringCall` may count: one made before the call began is
   * never this call's.
   */
  reconcile?(input: z.output<Input>, ctx: ReconcileContext): Promise<z.input<Output> | undefined>;
  /** For a tool that starts an Asana job and waits for it: its handler in two halves (see AsanaJobSteps). */
  asanaJob?: AsanaJobSteps<z.output<Input>, z.input<Output>>;
  /**
   * For a create that puts the call's marker on what it makes (ctx.createMarker): where, in words, e.g.
   * "the task's external data (OAuth apps), else its notes". Its reconcile then looks for the marker,
   * never for a name. Absent: Asana has no place for a marker on this object, and a lost answer is
   * looked for by name among what was made during the call.
   */
  marks?: string;
}

/** A declared tool, with its defaults filled in. */
export interface ToolDefinition<Input extends z.ZodObject = z.ZodObject, Output extends z.ZodObject = z.ZodObject>
  extends Omit<ToolSpec<Input, Output>, "input" | "output"> {
  input: Input;
  output: Output;
  auth: AuthRequirement;
  defaultProfile: boolean;
}

/** The type that collections of tools use: input and output erased, since each tool checks its own. */
// biome-ignore lint/suspicious/noExplicitAny: a registry holds tools of every input and output type.
export type AnyToolDefinition = ToolDefinition<any, any>;

const pascalCase = /^[A-Z][A-Za-z0-9]{2,60}$/;
const defaultAuth = Asana({ scopes: ["default"] });

/**
 * Declares a tool. It checks what TypeScript cannot (the name's form, that every annotation is really
 * set, since a missing hint silently falls back to the spec's "destructive" default) and fills in the
 * defaults: Asana's `default` scope, and not in the default profile.
 */
export function defineTool<Input extends z.ZodObject, Output extends z.ZodObject>(spec: ToolSpec<Input, Output>): ToolDefinition<Input, Output> {
  if (!pascalCase.test(spec.name)) {
    throw new Error(`Tool name "${spec.name}" must be PascalCase letters and digits (e.g. DeleteTask)`);
  }
  for (const hint of ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] as const) {
    if (typeof spec.annotations[hint] !== "boolean") {
      throw new Error(`Tool ${spec.name} must set annotations.${hint} explicitly`);
    }
  }
  if (spec.annotations.readOnlyHint && spec.annotations.destructiveHint) {
    throw new Error(`Tool ${spec.name} cannot be both read-only and destructive`);
  }
  const { input, output, ...rest } = spec;
  const definition = { ...rest, auth: spec.auth ?? defaultAuth, defaultProfile: spec.defaultProfile ?? false } as ToolDefinition<Input, Output>;
  // Building a tool's zod schemas took most of the toolkit's load (about 0.1 s of CPU for all of them,
  // in every server start), while a session calls a few tools: each pair is built on first use.
  let schemas: { input: Input; output: Output } | undefined;
  const built = () => {
    // Reads take max_bytes and may answer truncated (answer-budget.ts).
    schemas ??= withAnswerBudget({
      annotations: spec.annotations,
      input: input(),
      output: output(),
    });
    return schemas;
  };
  Object.defineProperties(definition, {
    input: { enumerable: true, configurable: true, get: () => built().input },
    output: { enumerable: true, configurable: true, get: () => built().output },
  });
  return definition;
}
