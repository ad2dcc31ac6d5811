import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, nextPageTokenParam, pagedList, pagedListShape, pageLimitParam } from "../../src/toolkit/index.js";
import { findProjectHint } from "../shared/hints.js";
import { projectIdOf } from "../shared/lookups.js";
import { projectParam, workspaceIdParam } from "../shared/params.js";
import { presentSection, sectionShape, type AsanaSection } from "./model.js";

export const listSections = defineTool({
  name: "ListSections",
  title: "List a project's sections",
  toolset: "sections",
  defaultProfile: true,
  description:
    "List a project's sections (list headings or board columns) in order, with the ids that Asana_MoveTaskToSection and Asana_ListTasksInProject take.",
  input: () =>
    z.strictObject({
      project: projectParam(),
      workspace_id: workspaceIdParam,
      limit: pageLimitParam("sections"),
      next_page_token: nextPageTokenParam,
    }),
  output: () => pagedListShape("sections", sectionShape),
  annotations: annotate.read,
  errorHints: {
    400: "If Asana calls the page token invalid, start again without next_page_token.",
    404: `No project has this id, or the user cannot see it. ${findProjectHint}`,
  },
  async handler(input, ctx) {
    const projectId = await projectIdOf(ctx, input.project, input.workspace_id);
    const page = await ctx.asana.getPage<AsanaSection>(asanaPath`/projects/${projectId}/sections`, {
      limit: input.limit,
      offset: input.next_page_token,
      optFields: ["name"],
    });
    return pagedList("sections", page.items.map(presentSection), page.nextOffset);
  },
});
