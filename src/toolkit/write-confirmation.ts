import type { AnyToolDefinition, PlannedWrite, ToolContext } from "./define-tool.js";
import { checkConfirmToken, confirmTokenKey, digestOf, mintConfirmToken, type TokenSubject } from "./confirm-token.js";
import type { JsonSchema } from "./json-schema.js";
import { quoted, shortened } from "./present.js";
import { ToolInputError } from "./tool-errors.js";

/**
 * Confirmation before a write: a preview of the exact change, read from Asana, that a person accepts
 * (where the client can ask them) or that a model brings back as a token (where it cannot). Every
 * write takes `dry_run: true`, which answers with the preview and a `confirm_token`; the same call
 * with `confirm_token` does exactly that write, and is refused if the token is for other arguments,
 * another user, has expired, or the object changed since the preview.
 */

/**
 * The operator's choice (ASANA_MCP_CONFIRM): `destructive` asks before destructive, bulk and clearing
 * writes where the client can ask, and lets a client that cannot go ahead in one call, as before;
 * `always` asks before every write, and a client that cannot ask gets the preview and a token first;
 * `never` asks for nothing (dry_run still previews).
 */
export const confirmModes = ["destructive", "always", "never"] as const;
export type ConfirmMode = (typeof confirmModes)[number];

/** How long a preview's token holds: long enough for a person to read and answer, short enough to stay current. */
export const confirmTokenLifetimeMs = 10 * 60_000;

/**
 * UpdateTasks and CreateTasks ask past this many items. Ten is what a person can still check line by
 * line in a client's own "allow this call?" prompt of raw arguments; past it a summary is what they
 * can read. It is also what one Asana batch request holds.
 */
export const bulkConfirmThreshold = 10;

/** What a front door says about confirming one call. A front door that says nothing never asks. */
export interface CallConfirmation {
  mode: ConfirmMode;
  /** The client can ask the person (form elicitation), and the front door does so for an `ask` answer. */
  canAsk: boolean;
  /** The person accepted the preview this token stands for (the token came back with their answer). */
  consented?: string;
}

/** A call's own confirmation controls: dry_run and confirm_token, taken off before its schema sees the rest. */
export interface WriteControls {
  dryRun: boolean;
  token?: string;
}

/** What the gate decided: go ahead with the write, or answer with a preview (and ask the person, where `ask` is set). */
export type GateDecision = { proceed: true } | { proceed: false; output: Record<string, unknown>; ask?: { message: string; token: string } };

export function isWriteTool(tool: Pick<AnyToolDefinition, "annotations">): boolean {
  return !tool.annotations.readOnlyHint;
}

const noControls: WriteControls = { dryRun: false };

/**
 * Takes dry_run and confirm_token off a write's arguments, as clients send them: null is "not given",
 * "true" and "false" as text are the booleans. Read tools keep their arguments as they are (a
 * dry_run there is an unknown parameter, and their schema says so).
 */
export function takeWriteControls(tool: AnyToolDefinition, raw: unknown): { args: unknown; controls: WriteControls } {
  if (!isWriteTool(tool) || typeof raw !== "object" || raw === null || Array.isArray(raw)) return { args: raw, controls: noControls };
  const { dry_run: dryRun, confirm_token: token, ...args } = raw as Record<string, unknown>;
  if (dryRun === undefined && token === undefined) return { args: raw, controls: noControls };
  const asBoolean = dryRun === "true" ? true : dryRun === "false" ? false : dryRun;
  if (asBoolean !== undefined && asBoolean !== null && typeof asBoolean !== "boolean") {
    throw new ToolInputError("dry_run", "must be true or false", "Pass dry_run: true to preview the write without doing it.");
  }
  if (token !== undefined && token !== null && (typeof token !== "string" || token.length > 200)) {
    throw new ToolInputError(
      "confirm_token",
      "must be the confirm_token a preview answered with",
      "Pass it exactly as given, or call with dry_run: true for a new one.",
    );
  }
  const controls: WriteControls = { dryRun: asBoolean === true, ...(typeof token === "string" && token !== "" ? { token } : {}) };
  if (controls.dryRun && controls.token !== undefined) {
    throw new ToolInputError(
      "dry_run, confirm_token",
      "are both given",
      "Pass dry_run: true to preview, or confirm_token to do the previewed write, not both.",
    );
  }
  return { args, controls };
}

/** Whether this call, in this mode, needs a yes before it writes. */
export function needsConfirmation(tool: AnyToolDefinition, input: unknown, mode: ConfirmMode): boolean {
  if (mode === "never" || !isWriteTool(tool)) return false;
  if (mode === "always") return true;
  return tool.annotations.destructiveHint || tool.preview?.asks?.(input) === true;
}

export interface GateCall {
  tool: AnyToolDefinition;
  /** The checked input. */
  input: unknown;
  controls: WriteControls;
  confirmation: CallConfirmation | undefined;
  /** identityDigest of the caller. */
  identity: string;
  /** The tool's name as the caller knows it, for the answer's words. */
  displayName: string;
  key?: Uint8Array | undefined;
  now?: number;
}

/** The key of this process when the runtime brings none (tests, a runtime built by hand). */
let processKey: Buffer | undefined;

/**
 * Decides, before a write's handler runs, whether it may run now. It reads Asana (through the tool's
 * preview) only when a preview is shown or a token is checked; a write that needs no yes costs nothing.
 */
export async function confirmationGate(call: GateCall, ctx: ToolContext): Promise<GateDecision> {
  const { tool, input, controls, confirmation } = call;
  if (!isWriteTool(tool)) return { proceed: true };
  processKey ??= confirmTokenKey();
  const key = call.key ?? processKey;
  const now = call.now ?? Date.now();
  const subject: TokenSubject = { tool: tool.name, identity: call.identity, input: digestOf(input) };
  const mode = confirmation?.mode ?? "never";
  const needs = needsConfirmation(tool, input, mode);
  const canAsk = confirmation?.canAsk === true;
  const planNow = async () => {
    const plan = await planOf(tool, input, ctx);
    const fingerprint = digestOf(plan.fingerprint ?? null);
    return { plan, fingerprint, token: mintConfirmToken(key, subject, fingerprint, now + confirmTokenLifetimeMs) };
  };
  const ask = (planned: Awaited<ReturnType<typeof planNow>>, note = "") => ({
    proceed: false as const,
    output: previewAnswer(planned.plan, planned.token, call.displayName, "preview"),
    ask: { message: `${note}${planned.plan.summary}. Go ahead?`, token: planned.token },
  });

  if (confirmation?.consented !== undefined && canAsk) {
    // The person said yes to a preview: it must still be this call's, this user's, and current.
    const check = checkConfirmToken(key, confirmation.consented, subject, now);
    const planned = await planNow();
    if (check.ok && check.fingerprint === planned.fingerprint) return { proceed: true };
    // Anything else is asked again, about the write as it now stands: the person is right there.
    return ask(planned, check.ok ? "It changed since you were asked. " : check.reason === "expired" ? "The question expired. " : "");
  }
  if (controls.token !== undefined) {
    const check = checkConfirmToken(key, controls.token, subject, now);
    if (!check.ok) throw refusedToken(check.reason, call.displayName);
    const planned = await planNow();
    if (check.fingerprint !== planned.fingerprint) throw refusedToken("changed", call.displayName);
    // A model's token proves a preview was seen, not that the person agreed: where they can be asked, they are.
    return needs && canAsk ? ask(planned) : { proceed: true };
  }
  if (controls.dryRun) {
    const planned = await planNow();
    return { proceed: false, output: previewAnswer(planned.plan, planned.token, call.displayName, "preview") };
  }
  if (!needs) return { proceed: true };
  if (canAsk) return ask(await planNow());
  // The client cannot ask. By default it goes ahead, as before: its host's own approval prompt,
  // guided by the annotations, is the check. `always` makes the model bring a token back.
  if (mode === "always") {
    const planned = await planNow();
    return { proceed: false, output: previewAnswer(planned.plan, planned.token, call.displayName, "required") };
  }
  return { proceed: true };
}

function refusedToken(reason: "malformed" | "foreign" | "expired" | "arguments" | "changed", displayName: string): ToolInputError {
  const again = `Call ${displayName} with the same arguments and dry_run: true for a new preview and token.`;
  const rule = {
    malformed: "is not a confirm_token this server made",
    foreign: "was not made for this tool and user by this server (or was altered)",
    expired: `has expired (tokens hold for ${confirmTokenLifetimeMs / 60_000} minutes)`,
    arguments: "was made for other arguments: a token confirms only the exact call that was previewed",
    changed: "is stale: what the write would change has changed since the preview, so nothing was written",
  }[reason];
  return new ToolInputError("confirm_token", rule, again);
}

/**
 * The answer that carries a preview instead of a write. It fits every write tool's output schema
 * (see withPreviewAnswers), and it is the one place that explains confirm_token to the model.
 */
export function previewAnswer(plan: PlannedWrite, token: string, displayName: string, why: "preview" | "required"): Record<string, unknown> {
  const minutes = confirmTokenLifetimeMs / 60_000;
  const message =
    why === "required"
      ? `Nothing was written: this server confirms writes first. Show the user: ${plan.summary}. If they agree, call ${displayName} again with the same arguments and confirm_token (valid ${minutes} minutes).`
      : `Not written, only previewed: ${plan.summary}. To do exactly this, call ${displayName} again with the same arguments and confirm_token instead of dry_run (valid ${minutes} minutes; refused if it has changed meanwhile).`;
  return { status: { success: false, message }, preview: plan.summary, confirm_token: token };
}

/** The answer to a person's no: nothing was written, and the model should not go around them. */
export function declinedAnswer(displayName: string, action: "decline" | "cancel"): Record<string, unknown> {
  const what = action === "decline" ? "declined" : "dismissed the confirmation for";
  return { status: { success: false, message: `The user ${what} ${displayName}: nothing was written. Do not retry unless the user asks again.` } };
}

/** A write's preview: the tool's own, else its title and arguments in words. */
async function planOf(tool: AnyToolDefinition, input: unknown, ctx: ToolContext): Promise<PlannedWrite> {
  if (tool.preview) return tool.preview.plan(input, ctx);
  return { summary: `${tool.title}: ${argumentsInWords(input)}` };
}

/** `name "Draft the brief", project "1204…"`, cut to a length a confirmation can show. */
function argumentsInWords(input: unknown): string {
  const parts = Object.entries((input ?? {}) as Record<string, unknown>)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name} ${typeof value === "string" ? quoted(value, 60) : shortened(JSON.stringify(value) ?? "", 60)}`);
  return shortened(parts.join(", ") || "no arguments", 400);
}

/** The two parameters every write takes, published once in each write's input schema. */
export function withWriteControls(inputSchema: JsonSchema): JsonSchema {
  const properties = (inputSchema.properties ?? {}) as Record<string, unknown>;
  return { ...inputSchema, properties: { ...properties, dry_run: { type: "boolean" }, confirm_token: { type: "string" } } };
}

const statusSchema = {
  type: "object",
  properties: { success: { type: "boolean" }, message: { type: "string" } },
  required: ["success", "message"],
};

/**
 * A write may answer with a preview (status, preview, confirm_token) instead of its result, and
 * clients check structuredContent against the output schema: so a write's published schema lists
 * the two preview fields and requires only what a preview answer also has.
 */
export function withPreviewAnswers(outputSchema: JsonSchema): JsonSchema {
  const properties = (outputSchema.properties ?? {}) as Record<string, unknown>;
  const required = ((outputSchema.required ?? []) as string[]).filter((name) => name === "status");
  const { required: _dropped, ...rest } = outputSchema;
  return {
    ...rest,
    properties: { ...properties, ...(properties.status ? {} : { status: statusSchema }), preview: { type: "string" }, confirm_token: { type: "string" } },
    ...(required.length > 0 ? { required } : {}),
  };
}
