import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool } from "../../src/toolkit/index.js";
import { findProjectHint } from "../shared/hints.js";
import { projectIdInAnyWorkspace } from "../shared/lookups.js";
import { projectParam } from "../shared/params.js";
import { presentProject, projectOptFields, projectShape, type AsanaProject } from "./model.js";

export const getProjectById = defineTool({
  name: "GetProjectById",
  title: "Get a project",
  toolset: "projects",
  description: "Get a project by id or name: notes, owner, team, members, dates, latest status, color and link. Its tasks: Asana_ListTasksInProject.",
  input: () =>
    z.strictObject({
      project_id: projectParam(),
    }),
  output: () => z.object({ project: projectShape }),
  annotations: annotate.read,
  errorHints: { 404: `No project has this id, or the user cannot see it. ${findProjectHint}` },
  async handler(input, ctx) {
    const projectId = await projectIdInAnyWorkspace(ctx, input.project_id, "project_id");
    const raw = await ctx.asana.get<AsanaProject>(asanaPath`/projects/${projectId}`, { optFields: projectOptFields });
    return { project: presentProject(raw) };
  },
});
