import * as z from "zod";
import { at, cutToBudget, jsonBytes, type Cut } from "./answer-cut.js";
import type { AnyToolDefinition } from "./define-tool.js";
import { readResumeToken, resumeToken } from "./resume-token.js";
import { mcpToolName } from "./tool-names.js";

/**
 * Every read answers within a byte budget: about 8 KB of JSON text unless the operator or the call says
 * otherwise. Clients cap a tool's result (Claude Code at 25,000 tokens by default, and one user of
 * Asana's own server wrote a hook to keep `get_task` under it), and a model pays for every byte it
 * reads. Past the budget an answer keeps its most useful part (answer-cut.ts), says `truncated` with
 * what it left out, and gives the exact calls that fetch the rest: the next page, resumed mid-page if
 * need be, or a narrower read.
 */
export const answerByteLimits = {
  default: 8192,
  // The smallest answer must still hold a follow-up call of the largest kind: 49 task ids (about 1 KB).
  min: 2048,
  // About 25,000 tokens, the largest tool result common clients accept by default.
  max: 102_400,
} as const;

const maxBytesRule = `must be a whole number of bytes from ${answerByteLimits.min} to ${answerByteLimits.max}`;
const maxBytesFix = `Leave max_bytes out for about ${answerByteLimits.default / 1024} KB`;

/** `max_bytes`, on every read: the range goes into the error, not into the schema every chat reads. */
export const maxBytesParam = z
  .number({ error: `${maxBytesRule}. ${maxBytesFix}` })
  .int({ error: `${maxBytesRule}. ${maxBytesFix}` })
  .refine((value) => value >= answerByteLimits.min && value <= answerByteLimits.max, { error: `${maxBytesRule}. ${maxBytesFix}` })
  .optional();

const restCallShape = z.object({ tool: z.string(), arguments: z.record(z.string(), z.unknown()) });
export type RestCall = z.infer<typeof restCallShape>;

/** What a cut answer says about itself: one optional field added to every read's output. */
export const truncatedShape = z.object({
  max_bytes: z.number().int(),
  left_out: z.record(z.string(), z.number().int()),
  rest: z.array(restCallShape),
  note: z.string(),
});

/** How a tool's answer is cut, where the generic rule (answer-cut.ts) is not the most useful. */
export interface AnswerSpec<Input> {
  /**
   * Where the tool's cursor goes in and comes out (dotted paths), when it is not a page's
   * `next_page_token` and `next_page`.
   */
  cursor?: { input: string; token: string; more: string };
  /** The list the answer is made of, for a tool with no cursor; a page's list is found by itself. */
  list?: string;
  /** Lists cut before anything else, each with the call that reads the items it left out. */
  cutFirst?: Record<string, (input: Input, shown: number) => RestCall>;
  /** Arguments with which the same call reads the rest without what `cutFirst` reads apart (e.g. `max_subtasks: 0`). */
  wholeArguments?: Record<string, unknown>;
  /** The calls that fetch what was cut, when a narrower read exists than the same call with more room. */
  rest?(context: RestContext<Input>): RestCall[];
}

export interface RestContext<Input> {
  input: Input;
  /** The answer before it was cut, and as it is shown. */
  full: Record<string, unknown>;
  shown: Record<string, unknown>;
  /** The items of the list at `path` (dotted) that are shown whole, nothing cut inside them. */
  shownWhole(path: string): unknown[];
}

/** A read's input takes `max_bytes` and its output may say `truncated`; writes are left as they are. */
export function withAnswerBudget<Input extends z.ZodObject, Output extends z.ZodObject>(tool: {
  annotations: { readOnlyHint: boolean };
  input: Input;
  output: Output;
}): { input: Input; output: Output } {
  if (!tool.annotations.readOnlyHint) return { input: tool.input, output: tool.output };
  return {
    input: tool.input.extend({ max_bytes: maxBytesParam }) as unknown as Input,
    output: tool.output.extend({ truncated: truncatedShape.optional() }) as unknown as Output,
  };
}

export interface AnswerOptions {
  /** The budget of a call that sets no max_bytes; "off" sends such answers whole. */
  defaultBytes: number | "off";
  /** Writes a tool's MCP name (`Asana_X`) as this caller knows it. */
  renameTools?: (text: string) => string;
}

/** One call's answer: the input its handler gets, and how its output is fitted to the budget. */
export interface Answer {
  input: unknown;
  finish(output: Record<string, unknown>): Record<string, unknown>;
}

interface Layout {
  cursor?: { input: string; token: string; more: string };
  list?: string;
}

const layouts = new WeakMap<AnyToolDefinition, Layout>();
const pageCursor = { input: "next_page_token", token: "next_page.next_page_token", more: "next_page.has_more_pages" };

/** Where a tool's cursor and list are: declared, or read off a paged tool's shapes. */
function layoutOf(tool: AnyToolDefinition): Layout {
  let layout = layouts.get(tool);
  if (!layout) {
    const spec = (tool.answer ?? {}) as AnswerSpec<unknown>;
    const inputs = Object.keys((tool.input as z.ZodObject).shape);
    const outputs = (tool.output as z.ZodObject).shape as Record<string, z.ZodType>;
    const cursor = spec.cursor ?? (inputs.includes("next_page_token") && "next_page" in outputs ? pageCursor : undefined);
    const lists = Object.keys(outputs).filter((key) => isList(outputs[key]!));
    const list = spec.list ?? (cursor && lists.length === 1 ? lists[0] : undefined);
    layout = { ...(cursor ? { cursor } : {}), ...(list ? { list } : {}) };
    layouts.set(tool, layout);
  }
  return layout;
}

function isList(schema: z.ZodType): boolean {
  const def = schema._zod.def as { type: string; innerType?: z.ZodType };
  return def.type === "array" || (def.type === "optional" && def.innerType !== undefined && isList(def.innerType));
}

/**
 * Starts one call of `tool`: takes `max_bytes` and a resume token out of the input, and returns what
 * fits the answer to its budget. Writes pass through untouched.
 */
export function startAnswer(tool: AnyToolDefinition, rawArguments: unknown, parsed: unknown, options: AnswerOptions): Answer {
  if (!tool.annotations.readOnlyHint || !parsed || typeof parsed !== "object") return { input: parsed, finish: (output) => output };
  const layout = layoutOf(tool);
  const spec = (tool.answer ?? {}) as AnswerSpec<Record<string, unknown>>;
  const { max_bytes: asked, ...input } = parsed as Record<string, unknown> & { max_bytes?: number };
  let cursor: string | undefined;
  let skip = 0;
  if (layout.cursor && typeof input[layout.cursor.input] === "string") {
    ({ cursor, skip } = readResumeToken(input[layout.cursor.input] as string));
    if (cursor === undefined) delete input[layout.cursor.input];
    else input[layout.cursor.input] = cursor;
  }
  const budget = asked ?? (options.defaultBytes === "off" ? undefined : options.defaultBytes);
  const given = isPlainObject(rawArguments) ? rawArguments : (parsed as Record<string, unknown>);
  const named = (call: RestCall): RestCall => {
    const name = mcpToolName({ name: call.tool });
    return { tool: options.renameTools ? options.renameTools(name) : name, arguments: call.arguments };
  };
  /** The same call with some arguments changed: how this caller wrote it, so it is taken the same way. */
  const same = (changes: Record<string, unknown>): RestCall => {
    const args: Record<string, unknown> = {};
    for (const [key, value] of Object.entries({ ...given, ...changes })) if (value !== undefined && value !== null) args[key] = value;
    return { tool: tool.name, arguments: args };
  };

  return {
    input,
    finish(output) {
      const full = skip > 0 && layout.list ? skipItems(output, layout.list, skip) : output;
      if (budget === undefined || jsonBytes(full) <= budget) return full;
      const context: CallContext = { tool, spec, layout, full, budget, cursor, skip, input, same };
      const { answer } = cutToBudget(full, {
        budget,
        list: layout.list,
        first: Object.keys(spec.cutFirst ?? {}),
        levels: 3,
        dress: (answer, cuts, level) => dress(answer, cuts, level, context, named),
      });
      return answer;
    },
  };
}

interface CallContext {
  tool: AnyToolDefinition;
  spec: AnswerSpec<Record<string, unknown>>;
  layout: Layout;
  full: Record<string, unknown>;
  budget: number;
  cursor: string | undefined;
  skip: number;
  input: Record<string, unknown>;
  same(changes: Record<string, unknown>): RestCall;
  /** Worked out once per answer, however often the cut is measured. */
  wholeRead?: { call: RestCall | undefined };
  firstItemRoom?: { room: number | undefined };
}

/** Writes the count, the cursor and the `truncated` block that the cuts so far call for. */
function dress(answer: Record<string, unknown>, cuts: readonly Cut[], level: number, context: CallContext, named: (call: RestCall) => RestCall): void {
  const { layout, full, spec } = context;
  const list = layout.list;
  const shownItems = list && Array.isArray(answer[list]) ? (answer[list] as unknown[]).length : 0;
  if (list && typeof full.count === "number" && Array.isArray(full[list]) && full.count === (full[list] as unknown[]).length) answer.count = shownItems;
  const listCut = list !== undefined && cuts.some((cut) => cut.path === list || cut.path.startsWith(`${list}[`));
  const firstItemCut = list !== undefined && cuts.some((cut) => cut.path.startsWith(`${list}[0]`));

  if (layout.cursor) {
    const continued = listCut ? resumeToken(context.cursor, context.skip + shownItems) : at(full, layout.cursor.token);
    setAt(answer, layout.cursor.token, continued);
    setAt(answer, layout.cursor.more, listCut ? true : at(full, layout.cursor.more));
  }
  if (cuts.length === 0) {
    delete answer.truncated;
    return;
  }

  const calls: RestCall[] = [];
  let tooLarge = false;
  const whole = (): RestCall | undefined => {
    context.wholeRead ??= { call: wholeRead(context) };
    if (context.wholeRead.call === undefined) tooLarge = true;
    return context.wholeRead.call;
  };
  // A page's own cuts: the next call resumes where this answer stopped, or, when its first item could
  // not be shown whole, reads from that item again with room for it.
  if (layout.cursor && listCut && level < 2) {
    if (firstItemCut || shownItems === 0) {
      context.firstItemRoom ??= { room: roomFor({ ...full, [list!]: (full[list!] as unknown[]).slice(0, 1) }, context.budget) };
      const room = context.firstItemRoom.room;
      if (room === undefined) tooLarge = true;
      else calls.push(context.same({ [layout.cursor.input]: resumeToken(context.cursor, context.skip), max_bytes: room }));
    } else {
      calls.push(context.same({ [layout.cursor.input]: resumeToken(context.cursor, context.skip + shownItems) }));
    }
  }
  const others = cuts.filter((cut) => !(layout.cursor && list !== undefined && (cut.path === list || cut.path.startsWith(`${list}[`))));
  const firstCuts = others.filter((cut) => spec.cutFirst?.[cut.path]);
  const rest = others.filter((cut) => !spec.cutFirst?.[cut.path]);
  if (level === 0) {
    for (const cut of firstCuts) calls.push(spec.cutFirst![cut.path]!(context.input, cut.shown));
    if (rest.length > 0) {
      const shownWhole = (path: string) => {
        const items = at(answer, path);
        return Array.isArray(items) ? items.filter((_, index) => !cuts.some((cut) => cut.path.startsWith(`${path}[${index}]`))) : [];
      };
      const narrower = spec.rest?.({ input: context.input, full, shown: answer, shownWhole });
      if (narrower) calls.push(...narrower);
      else {
        const read = whole();
        if (read) calls.push(read);
      }
    }
  } else if (level === 1 && others.length > 0) {
    const read = whole();
    if (read) calls.push(read);
  }

  const unique = [...new Map(calls.map((call) => [JSON.stringify(call), named(call)])).values()];
  answer.truncated = {
    max_bytes: context.budget,
    left_out: Object.fromEntries(cuts.map((cut) => [cut.path, cut.leftOut])),
    rest: unique,
    note: noteOf(level, tooLarge),
  };
}

function noteOf(level: number, tooLarge: boolean): string {
  const counted = "Cut to fit max_bytes: left_out counts the items or characters not shown";
  if (level >= 2) return `${counted}. Call again with a larger max_bytes (up to ${answerByteLimits.max}) to see them.`;
  if (tooLarge) return `${counted}; the calls in rest fetch them, except what is larger than max_bytes can hold (${answerByteLimits.max}).`;
  return `${counted}; the calls in rest fetch them.`;
}

/**
 * The same call with room for the whole answer (without what `cutFirst` lists read apart), or
 * undefined when no budget holds it and this call already had the largest.
 */
function wholeRead(context: CallContext): RestCall | undefined {
  const { spec, full } = context;
  const trimmed = structuredClone(full);
  for (const path of Object.keys(spec.cutFirst ?? {})) deleteAt(trimmed, path);
  const room = roomFor(trimmed, context.budget);
  return room === undefined ? undefined : context.same({ ...spec.wholeArguments, max_bytes: room });
}

/**
 * A max_bytes that holds `answer` (rounded up to a whole KB, with room for the follow-up's own
 * truncated block), and always more than this call had; undefined when this call already had the most.
 */
function roomFor(answer: Record<string, unknown>, budget: number): number | undefined {
  const { truncated: _, ...plain } = answer;
  const wanted = Math.ceil((jsonBytes(plain) + 1024) / 1024) * 1024;
  const room = Math.min(answerByteLimits.max, Math.max(wanted, budget + 1024));
  return room > budget ? room : undefined;
}

/** The answer without the first `skip` items of its list: what an earlier answer already showed. */
function skipItems(output: Record<string, unknown>, list: string, skip: number): Record<string, unknown> {
  const items = output[list];
  if (!Array.isArray(items)) return output;
  const rest = items.slice(skip);
  return { ...output, [list]: rest, ...(typeof output.count === "number" && output.count === items.length ? { count: rest.length } : {}) };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function setAt(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = root;
  for (const key of keys.slice(0, -1)) {
    const inner = node[key];
    if (!isPlainObject(inner)) return;
    // Copied before it changes: the parent may still share it with the full answer.
    node[key] = { ...inner };
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

function deleteAt(root: Record<string, unknown>, path: string): void {
  const keys = path.split(".");
  const holder = keys.length === 1 ? root : at(root, keys.slice(0, -1).join("."));
  if (isPlainObject(holder)) delete holder[keys[keys.length - 1]!];
}
