import * as z from "zod";
import { AsanaApiError, AsanaNetworkError, mayHaveTakenEffect, SharedReads, type QueryValue } from "../../src/asana/index.js";
import { describeToolError, shortened, type AsanaErrorHints, type ReconcileContext, type ToolContext } from "../../src/toolkit/index.js";

/**
 * Tools that work on many items in one call (CreateTasks, UpdateTasks, CreateProject's tasks) run each
 * item through the single-item tool's own handler and report each outcome: one item's failure never
 * hides the others, and a lost answer is never sent again but looked for, as a single create's is.
 */

/** Longest error text per failed item: fifty failures must not become a 100 KB answer. */
const maxItemErrorLength = 600;

export const itemFailureShape = z.object({
  index: z.number().int().describe("Position in the list, from 0."),
  error: z.string(),
  may_exist: z.boolean().optional().describe("Asana may have made or changed it: look before sending it again."),
});

export type ItemFailure = z.infer<typeof itemFailureShape>;

export interface ItemOutcomes<Output> {
  succeeded: Array<{ index: number; output: Output }>;
  failed: ItemFailure[];
}

export interface ItemRunOptions<Item, Output> {
  /** The single-item tool's handler. */
  run(item: Item, ctx: ToolContext): Promise<Output>;
  /** The single-item tool's search for what a lost create made (see ToolSpec.reconcile). */
  reconcile?: ((item: Item, ctx: ReconcileContext) => Promise<Output | undefined>) | undefined;
  /** The id of what an output says was made, so one found object is never claimed by two items. */
  madeIdOf?(output: Output): string | undefined;
  /** How an item's errors name it, e.g. "Asana_CreateTask (tasks[3])". */
  describeAs(index: number): string;
  hints?: AsanaErrorHints<Item> | undefined;
  /** Items of one group run one after another, in order (e.g. tasks filed in one project); groups run side by side. */
  groupOf?(item: Item, index: number): string;
  /** Items in flight at once; Asana allows 15 concurrent writes per token. */
  concurrency: number;
  /** Reads the items may share (see SharedReads): only ones the items' own writes cannot change. */
  sharesRead?(path: string, query: Readonly<Record<string, QueryValue>>): boolean;
}

export async function runItems<Item, Output>(ctx: ToolContext, items: readonly Item[], options: ItemRunOptions<Item, Output>): Promise<ItemOutcomes<Output>> {
  const { asana } = ctx;
  const startedAt = Date.now();
  const reads = options.sharesRead ? new SharedReads(options.sharesRead) : undefined;
  const succeeded: ItemOutcomes<Output>["succeeded"] = [];
  const failed: ItemFailure[] = [];
  const lost: Array<{ index: number; error: unknown }> = [];
  const quiet = { signal: ctx.signal, reportProgress: async () => {} };
  let done = 0;

  const fail = (index: number, error: unknown, part: typeof asana) => {
    const report = describeToolError(error, {
      toolName: options.describeAs(index),
      hints: options.hints ?? {},
      input: items[index],
      completedWrites: part.completedWrites,
    });
    const mayExist = part.completedWrites.length > 0 || ((error instanceof Error && mayHaveTakenEffect(error)) as boolean);
    failed.push({ index, error: shortened(report.message, maxItemErrorLength), ...(mayExist ? { may_exist: true } : {}) });
  };

  const groups = new Map<string, number[]>();
  for (const [index, item] of items.entries()) {
    const key = options.groupOf?.(item, index) ?? String(index);
    groups.set(key, [...(groups.get(key) ?? []), index]);
  }
  const queue = [...groups.values()];
  const worker = async () => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      for (const index of group) {
        const part = asana.part(reads);
        // Each item's create carries its own marker, so a lost answer finds exactly that item's object.
        const marker = ctx.createMarker?.item(index);
        try {
          succeeded.push({ index, output: await options.run(items[index]!, { asana: part, ...quiet, ...(marker ? { createMarker: marker } : {}) }) });
        } catch (error) {
          // An answer that was lost is looked for (as invokeTool does); a 5xx only when the create carried
          // its marker, which tells exactly whether it made something.
          const lostAnswer = error instanceof AsanaNetworkError && mayHaveTakenEffect(error);
          const markedFailure = marker?.placed !== undefined && error instanceof AsanaApiError && mayHaveTakenEffect(error);
          if (options.reconcile && (lostAnswer || markedFailure) && !ctx.signal.aborted) lost.push({ index, error });
          else fail(index, error, part);
        }
        done += 1;
        await ctx.reportProgress({ progress: done, total: items.length });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, queue.length) }, worker));

  // Looked for once every other item has its answer, one at a time: an object this process has heard
  // of is some item's, and one found for a lost item is claimed, so two lost items never share it.
  const claimed = new Set(succeeded.flatMap(({ output }) => options.madeIdOf?.(output) ?? []));
  for (const { index, error } of lost.sort((a, b) => a.index - b.index)) {
    const part = asana.part(reads);
    const mark = asana.madeMark;
    const marker = ctx.createMarker?.item(index);
    const found = await options.reconcile!(items[index]!, {
      asana: part,
      ...quiet,
      ...(marker ? { createMarker: marker } : {}),
      completedWrites: part.completedWrites,
      madeDuringCall: (object) => {
        const at = object.created_at ? Date.parse(object.created_at) : Number.NaN;
        return Number.isFinite(at) && at >= part.asanaTimeOf(startedAt) && !part.madeEarlier(object.gid, mark) && !claimed.has(object.gid);
      },
      asanaSince: () => new Date(part.asanaTimeOf(startedAt)).toISOString(),
    }).catch(() => undefined);
    const id = found === undefined ? undefined : options.madeIdOf?.(found);
    if (found === undefined) fail(index, error, part);
    else {
      if (id) claimed.add(id);
      succeeded.push({ index, output: found });
    }
  }
  succeeded.sort((a, b) => a.index - b.index);
  failed.sort((a, b) => a.index - b.index);
  return { succeeded, failed };
}

/** One sentence on the whole call: how many items did what, which failed, and what to send again. */
export function itemSummary(outcomes: ItemOutcomes<unknown>, total: number, done: string): string {
  const { succeeded, failed } = outcomes;
  if (failed.length === 0) return `${succeeded.length} of ${total} ${done}.`;
  const list = (items: readonly ItemFailure[]) => `${items.length === 1 ? "item" : "items"} ${items.map((item) => item.index).join(", ")}`;
  const uncertain = failed.filter((item) => item.may_exist);
  return (
    `${succeeded.length} of ${total} ${done}; ${failed.length} failed (${list(failed)}). ` +
    (uncertain.length > 0
      ? `Of these, ${list(uncertain)} may have been done anyway: check before sending ${uncertain.length === 1 ? "it" : "them"} again. `
      : "") +
    "Send only the failed items again, fixed as their errors say; the others are done."
  );
}
