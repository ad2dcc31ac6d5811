import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam } from "../../src/toolkit/index.js";
import { findProjectHint } from "../shared/hints.js";
import { presentProject, projectOptFields, projectShape, type AsanaProject } from "./model.js";

export const getProjectById = defineTool({
  name: "GetProjectById",
  title: "Get a project",
  toolset: "projects",
  description: "Get a project by id: notes, owner, team, members, dates, latest status, color and link. Its tasks: Asana_ListTasksInProject.",
  input: z.strictObject({
    project_id: gidParam("project", findProjectHint),
  }),
  output: z.object({ project: projectShape }),
  annotations: annotate.read,
  errorHints: { 404: `No project has this id, or the user cannot see it. ${findProjectHint}` },
  async handler(input, { asana }) {
    const raw = await asana.get<AsanaProject>(asanaPath`/projects/${input.project_id}`, { optFields: projectOptFields });
    return { project: presentProject(raw) };
  },
});
