import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus, quoted } from "../../src/toolkit/index.js";
import { findProjectHint } from "../shared/hints.js";
import { jobFailedError, jobOptFields, jobShape, jobTool, presentJob, stillRunningNote, waitSecondsParam, type AsanaJob } from "../shared/jobs.js";
import { projectNameParam } from "./params.js";

/** ProjectDuplicateRequest.include: the optional parts (tasks, views and rules always come along). */
const projectIncludes = [
  "members",
  "notes",
  "forms",
  "permissions",
  "allocations",
  "task_notes",
  "task_assignee",
  "task_subtasks",
  "task_attachments",
  "task_dates",
  "task_dependencies",
  "task_followers",
  "task_tags",
  "task_projects",
  "task_templates",
  "task_type_default",
] as const;

const duplicateProjectInput = z.strictObject({
  project_id: gidParam("project", findProjectHint),
  name: projectNameParam.describe("The copy's name."),
  include: z
    .array(z.enum(projectIncludes, { error: `must be one of: ${projectIncludes.join(", ")}` }), {
      error: 'must be a list such as ["members", "task_notes", "task_subtasks"]',
    })
    .max(projectIncludes.length)
    .optional(),
  wait_seconds: waitSecondsParam,
});

export const duplicateProject = defineTool({
  name: "DuplicateProject",
  title: "Duplicate a project",
  toolset: "projects",
  description:
    "Copy a project with its tasks under a new name; include lists what else to copy. Waits for Asana's job; if it is still running, Asana_GetJob finishes the wait.",
  input: () => duplicateProjectInput,
  output: () => z.object({ status: mutationStatus, job: jobShape }),
  annotations: annotate.create,
  errorHints: {
    404: `No project has this id, or the user cannot see it. ${findProjectHint}`,
    unknownOutcome: "Look for a project of the copy's name with Asana_ListProjects.",
    afterWrite: ({ madeId }) => `The copy is under way: finish the wait with Asana_GetJob (job_id ${madeId}); calling this again would start another copy.`,
  },
  // No marker and no search for a lost answer: Asana starts a job that makes the copy, the request takes
  // no notes or external data of ours, and a job that was started cannot be listed. Its error says so.
  ...jobTool({
    async start(input: z.output<typeof duplicateProjectInput>, ctx) {
      const job = await ctx.asana.post<AsanaJob>(
        asanaPath`/projects/${input.project_id}/duplicate`,
        { name: input.name, ...(input.include && input.include.length > 0 ? { include: [...new Set(input.include)].join(",") } : {}) },
        { optFields: jobOptFields },
      );
      return { job, memo: { name: input.name } };
    },
    present(job, memo: { name: string }, finished) {
      if (job.status === "failed")
        throw jobFailedError(job, `Check with Asana_ListProjects whether a project named ${quoted(memo.name)} was made before trying again.`);
      return {
        status: {
          success: true,
          message: finished
            ? `project duplicated as ${quoted(memo.name)}${job.new_project ? ` (id ${job.new_project.gid})` : ""}`
            : `Asana accepted the duplication. ${stillRunningNote(job)}`,
        },
        job: presentJob(job),
      };
    },
  }),
});
