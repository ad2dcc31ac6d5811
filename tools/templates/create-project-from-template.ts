import * as z from "zod";
import { asanaPath, type AsanaSession } from "../../src/asana/index.js";
import { annotate, dateParam, defineTool, gidParam, mutationStatus, nonEmptyText, quoted, ToolInputError, userParam } from "../../src/toolkit/index.js";
import { findTeamHint, findUserHint } from "../shared/hints.js";
import { jobFailedError, jobOptFields, jobShape, jobTool, presentJob, stillRunningNote, waitSecondsParam, type AsanaJob } from "../shared/jobs.js";
import { projectTemplateIdOf } from "../shared/lookups.js";
import { projectNameParam } from "../projects/params.js";
import { findTemplateHint, templateDates, type AsanaProjectTemplate } from "./model.js";

/** A template has a handful of roles; more pairs than this is a runaway argument. */
const maxRoles = 50;

const roleParam = z.strictObject({
  role: nonEmptyText("must be the role's name as the template lists it", "Asana_ListTemplates lists each template's roles", 200),
  user: userParam("Who fills it", findUserHint),
});

/** The template's date variables and roles, read first: the request names them by gid. */
async function readTemplate(asana: AsanaSession, templateId: string): Promise<AsanaProjectTemplate> {
  return asana.get<AsanaProjectTemplate>(asanaPath`/project_templates/${templateId}`, { optFields: ["name", "requested_dates.name", "requested_roles.name"] });
}

/** requested_dates from start_on and due_on, refusing what the template does not ask for and asking for what it needs. */
function requestedDates(template: AsanaProjectTemplate, given: { start_on?: string | undefined; due_on?: string | undefined }) {
  const asked = new Set((template.requested_dates ?? []).map((date) => date.gid));
  const dates: Array<{ gid: string; value: string }> = [];
  for (const [gid, field] of Object.entries(templateDates)) {
    const value = given[field];
    if (value !== undefined && !asked.has(gid)) {
      const needs = [...asked].map((g) => templateDates[g as keyof typeof templateDates] ?? g);
      throw new ToolInputError(
        field,
        `is not a date this template asks for`,
        needs.length > 0 ? `It asks for ${needs.join(" and ")}.` : "It asks for no dates: leave the dates out.",
      );
    }
    if (value === undefined && asked.has(gid)) {
      throw new ToolInputError(field, "is missing: this template schedules its tasks from it", `Pass ${field} as YYYY-MM-DD.`);
    }
    if (value !== undefined) dates.push({ gid, value });
  }
  return dates;
}

function requestedRoles(template: AsanaProjectTemplate, given: ReadonlyArray<{ role: string; user: string }>) {
  const roles = template.requested_roles ?? [];
  return given.map(({ role, user }) => {
    const found = roles.find((r) => r.gid === role || r.name?.trim().toLowerCase() === role.toLowerCase());
    if (!found) {
      const names = roles.map((r) => quoted(r.name ?? r.gid)).join(", ");
      throw new ToolInputError(
        "roles",
        `names ${quoted(role)}, which is not a role of this template`,
        names ? `Its roles: ${names}.` : "It has no roles: leave roles out.",
      );
    }
    return { gid: found.gid, value: user };
  });
}

const createProjectFromTemplateInput = z.strictObject({
  template_id: nonEmptyText("must be a project template id or exact name", findTemplateHint).describe("Id or exact name."),
  name: projectNameParam,
  team_id: gidParam("team", findTeamHint).optional().describe("Default: the template's team."),
  start_on: dateParam().optional(),
  due_on: dateParam().optional(),
  roles: z
    .array(roleParam, { error: 'must be a list such as [{"role": "Designer", "user": "dana@example.com"}]' })
    .refine((roles) => roles.length <= maxRoles, { error: `must name at most ${maxRoles} roles` })
    .optional(),
  wait_seconds: waitSecondsParam,
});

export const createProjectFromTemplate = defineTool({
  name: "CreateProjectFromTemplate",
  title: "Create a project from a template",
  toolset: "templates",
  description:
    "Make a project from a project template, with the dates it asks for and people in its roles (Asana_ListTemplates shows both). " +
    "Waits for Asana's job; if it is still running, Asana_GetJob finishes the wait.",
  input: () => createProjectFromTemplateInput,
  output: () => z.object({ status: mutationStatus, job: jobShape }),
  annotations: annotate.create,
  errorHints: {
    400: "Check the dates (YYYY-MM-DD), the roles' people and that the team is in the template's workspace.",
    404: `No project template has this id, or the user cannot see it. ${findTemplateHint}`,
    unknownOutcome: "Look for a project of this name with Asana_ListProjects.",
    afterWrite: ({ madeId }) =>
      `The project is being made: finish the wait with Asana_GetJob (job_id ${madeId}); calling this again would make another project.`,
  },
  // No marker and no search for a lost answer: Asana starts a job that makes the project, the request takes
  // no notes or external data of ours, and a job that was started cannot be listed. Its error says so.
  ...jobTool({
    async start(input: z.output<typeof createProjectFromTemplateInput>, ctx) {
      const templateId = await projectTemplateIdOf(ctx.asana, input.template_id, "template_id");
      const template = await readTemplate(ctx.asana, templateId);
      const dates = requestedDates(template, input);
      const roles = requestedRoles(template, input.roles ?? []);
      const job = await ctx.asana.post<AsanaJob>(
        asanaPath`/project_templates/${templateId}/instantiateProject`,
        {
          name: input.name,
          ...(input.team_id ? { team: input.team_id } : {}),
          ...(dates.length > 0 ? { requested_dates: dates } : {}),
          ...(roles.length > 0 ? { requested_roles: roles } : {}),
        },
        { optFields: jobOptFields },
      );
      return { job, memo: { name: input.name, template: template.name ? quoted(template.name) : templateId } };
    },
    present(job, memo: { name: string; template: string }, finished) {
      if (job.status === "failed")
        throw jobFailedError(job, `Check with Asana_ListProjects whether a project named ${quoted(memo.name)} was made before trying again.`);
      return {
        status: {
          success: true,
          message: finished
            ? `project ${quoted(memo.name)} made from template ${memo.template}${job.new_project ? ` (id ${job.new_project.gid})` : ""}`
            : `Asana accepted the request. ${stillRunningNote(job)}`,
        },
        job: presentJob(job),
      };
    },
  }),
});
