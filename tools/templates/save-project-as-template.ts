import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus, nonEmptyText, quoted, type AsanaRef } from "../../src/toolkit/index.js";
import { findProjectHint, findTeamHint } from "../shared/hints.js";
import { jobFailedError, jobOptFields, jobShape, jobTool, presentJob, stillRunningNote, waitSecondsParam, type AsanaJob } from "../shared/jobs.js";

const saveProjectAsTemplateInput = z.strictObject({
  project_id: gidParam("project", findProjectHint),
  name: nonEmptyText("must be the template's name", "Give the template a name"),
  team_id: gidParam("team", findTeamHint).optional(),
  public: z.boolean({ error: "must be true or false" }).default(false).describe("Visible to the whole team."),
  wait_seconds: waitSecondsParam,
});

export const saveProjectAsTemplate = defineTool({
  name: "SaveProjectAsTemplate",
  title: "Save a project as a template",
  toolset: "templates",
  description:
    "Save a project as a project template, in the project's team (or team_id). " +
    "Waits for Asana's job; if it is still running, Asana_GetJob finishes the wait.",
  input: () => saveProjectAsTemplateInput,
  output: () => z.object({ status: mutationStatus, job: jobShape }),
  annotations: annotate.create,
  errorHints: {
    400: "A project in an organization is saved into a team: pass team_id if the project has none.",
    404: `No project (or team) has this id, or the user cannot see it. ${findProjectHint}`,
    unknownOutcome: "Look for a template of this name with Asana_ListTemplates.",
    afterWrite: ({ madeId }) =>
      `The template is being made: finish the wait with Asana_GetJob (job_id ${madeId}); calling this again would make another template.`,
  },
  // No marker and no search for a lost answer: Asana starts a job that makes the template, the request takes
  // no notes or external data of ours, and a job that was started cannot be listed. Its error says so.
  ...jobTool({
    async start(input: z.output<typeof saveProjectAsTemplateInput>, ctx) {
      // ProjectSaveAsTemplateRequest: "If the project exists in an organization, specify team and not workspace."
      const source = await ctx.asana.get<{ gid: string; name?: string; team?: AsanaRef | null; workspace?: AsanaRef | null }>(
        asanaPath`/projects/${input.project_id}`,
        { optFields: ["name", "team", "workspace"] },
      );
      const team = input.team_id ?? source.team?.gid;
      const job = await ctx.asana.post<AsanaJob>(
        asanaPath`/projects/${input.project_id}/saveAsTemplate`,
        { name: input.name, public: input.public, ...(team ? { team } : { workspace: source.workspace?.gid }) },
        { optFields: jobOptFields },
      );
      return { job, memo: { name: input.name, project: source.name ? quoted(source.name) : input.project_id } };
    },
    present(job, memo: { name: string; project: string }, finished) {
      if (job.status === "failed")
        throw jobFailedError(job, `Check with Asana_ListTemplates whether a template named ${quoted(memo.name)} was made before trying again.`);
      return {
        status: {
          success: true,
          message: finished
            ? `project ${memo.project} saved as template ${quoted(memo.name)}${job.new_project_template ? ` (id ${job.new_project_template.gid})` : ""}`
            : `Asana accepted the request. ${stillRunningNote(job)}`,
        },
        job: presentJob(job),
      };
    },
  }),
});
