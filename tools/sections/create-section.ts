import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, mutationStatus, nonEmptyText, quoted } from "../../src/toolkit/index.js";
import { findProjectHint } from "../shared/hints.js";
import { findInPages } from "../shared/lost-answers.js";
import { projectIdOf } from "../shared/lookups.js";
import { projectParam, workspaceIdParam } from "../shared/params.js";
import { presentSection, sectionShape, type AsanaSection } from "./model.js";

export const createSection = defineTool({
  name: "CreateSection",
  title: "Create a section",
  toolset: "sections",
  description: "Add a section at the end of a project. Names may repeat, so check Asana_ListSections first.",
  input: () =>
    z.strictObject({
      project: projectParam(),
      workspace_id: workspaceIdParam,
      name: nonEmptyText("must be the section's name as text", "Asana refuses a section without a name"),
    }),
  output: () => z.object({ status: mutationStatus, section: sectionShape }),
  annotations: annotate.create,
  errorHints: {
    404: `No project has this id, or the user cannot see it. ${findProjectHint}`,
    unknownOutcome: "Look for a section of this name with Asana_ListSections.",
  },
  async handler(input, ctx) {
    const projectId = await projectIdOf(ctx, input.project, input.workspace_id);
    const raw = await ctx.asana.post<AsanaSection>(asanaPath`/projects/${projectId}/sections`, { name: input.name }, { optFields: ["name", "project.name"] });
    return { status: { success: true, message: `section ${quoted(input.name)} created in project ${projectId}` }, section: presentSection(raw) };
  },
  // Asana's answer was lost: look for a section of this name made since the call started. A section has
  // no notes and no external data, so no marker of ours can ride on it: the name check stays, narrow.
  async reconcile(input, ctx) {
    const projectId = await projectIdOf(ctx, input.project, input.workspace_id);
    const found = await findInPages<AsanaSection & { created_at?: string }>(
      ctx.asana,
      asanaPath`/projects/${projectId}/sections`,
      { optFields: ["name", "project.name", "created_at"] },
      (section) => section.name === input.name && ctx.madeDuringCall(section),
    );
    if (found.length !== 1) return undefined;
    return {
      status: {
        success: true,
        message: `section ${quoted(input.name)} created in project ${projectId} (Asana's answer was lost on the way back; the section was found)`,
      },
      section: presentSection(found[0]!),
    };
  },
});
