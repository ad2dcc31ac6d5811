import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam } from "../../src/toolkit/index.js";
import { findJobHint, jobOptFields, jobShape, presentJob, stillRunningNote, waitForJob, waitSecondsParam, type AsanaJob } from "../shared/jobs.js";

export const getJob = defineTool({
  name: "GetJob",
  title: "Get a job",
  toolset: "projects",
  description: "Check an Asana job (a duplication, or a template used or saved) and wait for it to finish: its status and what it made.",
  input: () =>
    z.strictObject({
      job_id: gidParam("job", findJobHint),
      wait_seconds: waitSecondsParam,
    }),
  output: () => z.object({ job: jobShape, note: z.string().optional() }),
  annotations: annotate.read,
  errorHints: { 404: `No job has this id, or the user cannot see it. ${findJobHint}` },
  async handler(input, ctx) {
    const first = await ctx.asana.get<AsanaJob>(asanaPath`/jobs/${input.job_id}`, { optFields: jobOptFields });
    const { job, finished } = await waitForJob(ctx, first, input.wait_seconds);
    const note = !finished
      ? stillRunningNote(job)
      : job.status === "failed"
        ? "The job failed; Asana gives no reason. Part of a copy may exist: check before starting it again."
        : undefined;
    return { job: presentJob(job), ...(note ? { note } : {}) };
  },
});
