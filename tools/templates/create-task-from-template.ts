import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus, nonEmptyText, quoted } from "../../src/toolkit/index.js";
import { jobFailedError, jobOptFields, jobShape, jobTool, presentJob, stillRunningNote, waitSecondsParam, type AsanaJob } from "../shared/jobs.js";
import { findTemplateHint } from "./model.js";

const createTaskFromTemplateInput = z.strictObject({
  template_id: gidParam("task template", findTemplateHint),
  name: nonEmptyText("must be the new task's name", "Give the task a name, or leave name out for the template's")
    .optional()
    .describe("Default: the template's name."),
  wait_seconds: waitSecondsParam,
});

export const createTaskFromTemplate = defineTool({
  name: "CreateTaskFromTemplate",
  title: "Create a task from a template",
  toolset: "templates",
  description:
    "Make a task from a task template, in the template's project, with its subtasks and followers. " +
    "Waits for Asana's job; if it is still running, Asana_GetJob finishes the wait.",
  input: () => createTaskFromTemplateInput,
  output: () => z.object({ status: mutationStatus, job: jobShape }),
  annotations: annotate.create,
  errorHints: {
    404: `No task template has this id, or the user cannot see it. ${findTemplateHint}`,
    unknownOutcome: "Look for the new task in the template's project with Asana_ListTasksInProject.",
    afterWrite: ({ madeId }) => `The task is being made: finish the wait with Asana_GetJob (job_id ${madeId}); calling this again would make another task.`,
  },
  // No marker and no search for a lost answer: Asana starts a job that makes the task, the request takes
  // no notes or external data of ours, and a job that was started cannot be listed. Its error says so.
  ...jobTool({
    async start(input: z.output<typeof createTaskFromTemplateInput>, ctx) {
      const job = await ctx.asana.post<AsanaJob>(
        asanaPath`/task_templates/${input.template_id}/instantiateTask`,
        input.name !== undefined ? { name: input.name } : {},
        { optFields: jobOptFields },
      );
      return { job, memo: { template: input.template_id } };
    },
    present(job, memo: { template: string }, finished) {
      if (job.status === "failed") throw jobFailedError(job, "Check the template's project with Asana_ListTasksInProject for the task before trying again.");
      const made = job.new_task ? `task ${job.new_task.name ? quoted(job.new_task.name) : job.new_task.gid} (id ${job.new_task.gid})` : "the task";
      return {
        status: { success: true, message: finished ? `${made} made from template ${memo.template}` : `Asana accepted the request. ${stillRunningNote(job)}` },
        job: presentJob(job),
      };
    },
  }),
});
