import { maxBatchActions } from "../../src/asana/index.js";
import { redactSecrets, type ToolContext } from "../../src/toolkit/index.js";

/**
 * Many reads of one kind (tasks by id, say) through Asana's batch API: 10 actions per `POST /batch`,
 * a few batches in flight at once. Asana counts each action as one request in its limits, so three
 * batches at once are 30 concurrent reads, inside the 50 Asana allows per token. Each id gets its own
 * answer: one unknown id does not fail the others.
 */
export const concurrentBatches = 3;

export type BatchReadAnswer<T> = { id: string; ok: true; data: T } | { id: string; ok: false; statusCode: number; message: string };

interface ActionBody {
  data?: unknown;
  errors?: Array<{ message?: unknown }>;
}

export async function readEachById<T>(
  ctx: Pick<ToolContext, "asana" | "reportProgress">,
  ids: readonly string[],
  pathOf: (id: string) => string,
  fields: readonly string[],
  what: string,
): Promise<BatchReadAnswer<T>[]> {
  const chunks: string[][] = [];
  for (let start = 0; start < ids.length; start += maxBatchActions) chunks.push(ids.slice(start, start + maxBatchActions));
  const answers: BatchReadAnswer<T>[][] = new Array(chunks.length);
  let next = 0;
  let done = 0;
  let failed = false;
  const worker = async () => {
    // After one batch fails the call fails, so the other workers take no new batches.
    while (next < chunks.length && !failed) {
      const index = next++;
      const chunk = chunks[index]!;
      const results = await ctx.asana.batchRead(chunk.map((id) => ({ relative_path: pathOf(id), options: { fields } }))).catch((error: unknown) => {
        failed = true;
        throw error;
      });
      answers[index] = chunk.map((id, position) => {
        const result = results[position];
        const body = (typeof result?.body === "object" && result.body !== null ? result.body : {}) as ActionBody;
        if (result && result.status_code >= 200 && result.status_code < 300) {
          if (isObject(body.data)) return { id, ok: true, data: body.data as T };
          return {
            id,
            ok: false,
            statusCode: result.status_code,
            message: `Asana answered ${result.status_code} without the object (no data in its answer); read it again`,
          };
        }
        // Asana's words go into the result: a credential it echoes must not.
        const errors = Array.isArray(body.errors) ? body.errors : [];
        const message = typeof errors[0]?.message === "string" ? redactSecrets(errors[0].message) : "Asana gave no answer for this action";
        return { id, ok: false, statusCode: result?.status_code ?? 0, message };
      });
      done += chunk.length;
      await ctx.reportProgress({ progress: done, total: ids.length, message: `read ${done} of ${ids.length} ${what}` });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrentBatches, chunks.length) }, worker));
  return answers.flat();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
