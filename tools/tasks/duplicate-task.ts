import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus, quoted } from "../../src/toolkit/index.js";
import { findTaskHint } from "../shared/hints.js";
import { jobFailedError, jobOptFields, jobShape, jobTool, presentJob, stillRunningNote, waitSecondsParam, type AsanaJob } from "../shared/jobs.js";
import { taskNameParam } from "./params.js";

/** TaskDuplicateRequest.include */
const taskIncludes = ["notes", "assignee", "subtasks", "attachments", "tags", "followers", "projects", "dates", "dependencies", "parent"] as const;

const duplicateTaskInput = z.strictObject({
  task_id: gidParam("task", findTaskHint),
  name: taskNameParam.describe("The copy's name."),
  include: z
    .array(z.enum(taskIncludes, { error: `must be one of: ${taskIncludes.join(", ")}` }), {
      error: 'must be a list such as ["notes", "subtasks", "projects"]',
    })
    .max(taskIncludes.length)
    .optional(),
  wait_seconds: waitSecondsParam,
});

export const duplicateTask = defineTool({
  name: "DuplicateTask",
  title: "Duplicate a task",
  toolset: "tasks",
  description:
    "Copy a task (e.g. a template task) under a new name; include lists what to copy besides the name. Waits for Asana's job; if it is still running, Asana_GetJob finishes the wait.",
  input: () => duplicateTaskInput,
  output: () => z.object({ status: mutationStatus, job: jobShape }),
  annotations: annotate.create,
  errorHints: {
    404: `No task has this id, or the user cannot see it. ${findTaskHint}`,
    unknownOutcome: "Look for a task of the copy's name beside the original (Asana_ListTasksInProject).",
    afterWrite: ({ madeId }) => `The copy is under way: finish the wait with Asana_GetJob (job_id ${madeId}); calling this again would start another copy.`,
  },
  // No marker and no search for a lost answer: Asana starts a job that makes the copy, the request takes
  // no notes or external data of ours, and a job that was started cannot be listed. Its error says so.
  ...jobTool({
    async start(input: z.output<typeof duplicateTaskInput>, ctx) {
      const job = await ctx.asana.post<AsanaJob>(
        asanaPath`/tasks/${input.task_id}/duplicate`,
        { name: input.name, ...(input.include && input.include.length > 0 ? { include: [...new Set(input.include)].join(",") } : {}) },
        { optFields: jobOptFields },
      );
      return { job, memo: { name: input.name } };
    },
    present(job, memo: { name: string }, finished) {
      if (job.status === "failed")
        throw jobFailedError(job, `Check whether a task named ${quoted(memo.name)} was made (Asana_ListTasksInProject) before trying again.`);
      return {
        status: {
          success: true,
          message: finished
            ? `task duplicated as ${quoted(memo.name)}${job.new_task ? ` (id ${job.new_task.gid})` : ""}`
            : `Asana accepted the duplication. ${stillRunningNote(job)}`,
        },
        job: presentJob(job),
      };
    },
  }),
});
