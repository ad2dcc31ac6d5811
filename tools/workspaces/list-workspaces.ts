import * as z from "zod";
import { annotate, defineTool, nextPageTokenParam, pagedList, pagedListShape, pageLimitParam } from "../../src/toolkit/index.js";
import { presentWorkspace, workspaceOptFields, workspaceShape, type AsanaWorkspace } from "./model.js";

export const listWorkspaces = defineTool({
  name: "ListWorkspaces",
  title: "List workspaces",
  toolset: "workspaces",
  defaultProfile: true,
  description: "List the user's workspaces and organizations. Call it when a tool needs a workspace_id.",
  input: () =>
    z.strictObject({
      limit: pageLimitParam("workspaces"),
      next_page_token: nextPageTokenParam,
    }),
  output: () => pagedListShape("workspaces", workspaceShape),
  annotations: annotate.read,
  async handler(input, { asana }) {
    const page = await asana.getPage<AsanaWorkspace>("/workspaces", {
      limit: input.limit,
      offset: input.next_page_token,
      optFields: workspaceOptFields,
    });
    return pagedList("workspaces", page.items.map(presentWorkspace), page.nextOffset);
  },
});
