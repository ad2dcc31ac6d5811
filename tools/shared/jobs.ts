import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { compact, namedRef, refOf, ToolExecutionError, type AsanaJobSteps, type AsanaRef, type ToolContext } from "../../src/toolkit/index.js";

/**
 * Asana's asynchronous jobs: duplicating a project or a task, making one from a template or saving a
 * project as a template answers at once with a job, which goes
 * not_started → in_progress → succeeded (naming what it made) or failed. The tools that start one
 * wait for it here, and Asana_GetJob finishes a wait that ran out.
 */

export const findJobHint =
  "Job ids come from Asana_DuplicateProject, Asana_DuplicateTask, Asana_CreateProjectFromTemplate, Asana_CreateTaskFromTemplate and Asana_SaveProjectAsTemplate.";

export interface AsanaJob {
  gid: string;
  resource_subtype?: string;
  status?: string;
  new_project?: AsanaRef | null;
  new_task?: AsanaRef | null;
  new_project_template?: AsanaRef | null;
}

export const jobOptFields = ["resource_subtype", "status", "new_project.name", "new_task.name", "new_project_template.name"] as const;

export const jobShape = z.object({
  id: z.string(),
  type: z.string().optional().describe("What the job does, e.g. duplicate_project."),
  status: z.string().optional().describe("not_started, in_progress, succeeded or failed."),
  new_project: namedRef.optional(),
  new_task: namedRef.optional(),
  new_project_template: namedRef.optional(),
});

export type PresentedJob = z.infer<typeof jobShape>;

export function presentJob(raw: AsanaJob): PresentedJob {
  return {
    id: raw.gid,
    ...compact({
      type: raw.resource_subtype,
      status: raw.status,
      new_project: refOf(raw.new_project),
      new_task: refOf(raw.new_task),
      new_project_template: refOf(raw.new_project_template),
    }),
  };
}

/**
 * The longest a tool waits for a job. Each call has about 45 s in all (defaultCallDeadlineMs); 30 s
 * of waiting leaves room for the request that started the job and for the answer.
 */
export const maxJobWaitSeconds = 30;

/** Out-of-range waits are clamped, not refused, as page sizes are. */
export const waitSecondsParam = z
  .number({ error: `must be a whole number of seconds from 0 to ${maxJobWaitSeconds}` })
  .int({ error: `must be a whole number of seconds from 0 to ${maxJobWaitSeconds}` })
  .default(maxJobWaitSeconds)
  .transform((value) => Math.min(maxJobWaitSeconds, Math.max(0, value)))
  .describe(`Seconds to wait for the job, 0-${maxJobWaitSeconds}.`);

const finishedStatuses = new Set(["succeeded", "failed"]);

export function jobFinished(job: AsanaJob): boolean {
  return finishedStatuses.has(job.status ?? "");
}

/** Polls start quickly (a small copy takes under a second) and back off to this. */
const firstPollMs = 250;
const slowestPollMs = 4_000;

/** Waits `ms`, or less if the call is cancelled or runs out of time (the next request then says which). */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/**
 * Polls `GET /jobs/{gid}` with backoff until the job succeeds or fails, or `waitSeconds` pass,
 * reporting progress after each look. Returns the job as last seen, and whether it finished.
 */
export async function waitForJob(
  ctx: Pick<ToolContext, "asana" | "signal" | "reportProgress">,
  job: AsanaJob,
  waitSeconds: number,
): Promise<{ job: AsanaJob; finished: boolean }> {
  const started = Date.now();
  const deadline = started + waitSeconds * 1000;
  let current = job;
  let delay = firstPollMs;
  if (!jobFinished(job) && waitSeconds > 0) {
    await ctx.reportProgress({
      progress: 0,
      total: waitSeconds,
      message: `Asana started job ${job.gid} (${job.status ?? "pending"}); waiting up to ${waitSeconds} s for it`,
    });
  }
  while (!jobFinished(current)) {
    const left = deadline - Date.now();
    if (left <= 0) return { job: current, finished: false };
    await pause(Math.min(delay, left), ctx.signal);
    delay = Math.min(delay * 2, slowestPollMs);
    current = await ctx.asana.get<AsanaJob>(asanaPath`/jobs/${job.gid}`, { optFields: jobOptFields });
    const elapsed = Math.min(waitSeconds, (Date.now() - started) / 1000);
    await ctx.reportProgress({
      progress: elapsed,
      total: waitSeconds,
      message: `Asana job ${job.gid} is ${current.status ?? "pending"} after ${Math.round(elapsed)} s`,
    });
  }
  return { job: current, finished: true };
}

/** What to tell the model about a job that was still running when the wait ended. */
export function stillRunningNote(job: AsanaJob): string {
  return `Asana is still working on it (job ${job.gid} is ${job.status ?? "pending"}); call Asana_GetJob with job_id ${job.gid} to wait for the result.`;
}

/**
 * A job the tool started and saw fail. Asana's job says no more than "failed", so the model is told
 * to look before trying again: part of a copy may exist.
 */
export function jobFailedError(job: AsanaJob, lookFor: string): ToolExecutionError {
  return new ToolExecutionError(
    `Asana's job ${job.gid}${job.resource_subtype ? ` (${job.resource_subtype})` : ""} failed, and Asana gives no reason. ${lookFor}`,
  );
}

/** What a tool that starts a job does besides waiting for it. */
export interface JobToolSteps<Input, Output, Memo extends Record<string, string>> {
  /** Everything up to the job: checks, reads, the request that starts it. `memo` is what `present` needs from them. */
  start(input: Input, ctx: ToolContext): Promise<{ job: AsanaJob; memo: Memo }>;
  /** The tool's answer for the job as last seen (finished or not); throws the tool's error for a failed job. */
  present(job: AsanaJob, memo: Memo, finished: boolean): Output;
}

/**
 * A job tool's handler (start, wait up to wait_seconds, present) and the same steps in two halves
 * (asanaJob), from one description, so a call that waits and an MCP task that polls answer alike.
 */
export function jobTool<Input extends { wait_seconds: number }, Output, Memo extends Record<string, string>>(steps: JobToolSteps<Input, Output, Memo>) {
  const asanaJob: AsanaJobSteps<Input, Output> = {
    async start(input, ctx) {
      const { job, memo } = await steps.start(input, ctx);
      return { jobId: job.gid, status: job.status, kind: job.resource_subtype, memo };
    },
    async check(jobId, memo, ctx) {
      const job = await ctx.asana.get<AsanaJob>(asanaPath`/jobs/${jobId}`, { optFields: jobOptFields });
      if (!jobFinished(job)) return { finished: false, status: job.status, kind: job.resource_subtype };
      // The memo comes back sealed, exactly as start made it.
      return { finished: true, output: steps.present(job, memo as Memo, true) };
    },
  };
  return {
    async handler(input: Input, ctx: ToolContext): Promise<Output> {
      const { job, memo } = await steps.start(input, ctx);
      const waited = await waitForJob(ctx, job, input.wait_seconds);
      return steps.present(waited.job, memo, waited.finished);
    },
    asanaJob,
  };
}
