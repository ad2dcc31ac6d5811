import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, mutationStatus, nonEmptyText } from "../../src/toolkit/index.js";
import { findProjectHint } from "../shared/hints.js";
import { projectIdOf } from "../shared/lookups.js";
import { projectParam, workspaceIdParam } from "../shared/params.js";
import { presentSection, sectionShape, type AsanaSection } from "./model.js";

export const createSection = defineTool({
  name: "CreateSection",
  title: "Create a section",
  toolset: "sections",
  description: "Add a section at the end of a project. Names may repeat, so check Asana_ListSections first.",
  input: z.strictObject({
    project: projectParam(),
    workspace_id: workspaceIdParam,
    name: nonEmptyText("must be the section's name as text", "Asana refuses a section without a name"),
  }),
  output: z.object({ status: mutationStatus, section: sectionShape }),
  annotations: annotate.create,
  errorHints: { 404: `No project has this id, or the user cannot see it. ${findProjectHint}` },
  async handler(input, ctx) {
    const projectId = await projectIdOf(ctx, input.project, input.workspace_id);
    const raw = await ctx.asana.post<AsanaSection>(asanaPath`/projects/${projectId}/sections`, { name: input.name }, { optFields: ["name", "project.name"] });
    return { status: { success: true, message: `section "${input.name}" created in project ${projectId}` }, section: presentSection(raw) };
  },
});
