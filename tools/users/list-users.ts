import * as z from "zod";
import { annotate, defineTool, nextPageTokenParam, pagedList, pagedListShape, pageLimitParam } from "../../src/toolkit/index.js";
import { findWorkspaceHint } from "../shared/hints.js";
import { resolveWorkspaceId } from "../shared/lookups.js";
import { workspaceIdParam } from "../shared/params.js";
import { presentUser, userOptFields, userShape, type AsanaUser } from "./model.js";

export const listUsers = defineTool({
  name: "ListUsers",
  title: "List users",
  toolset: "users",
  description: "List the people in a workspace with their ids, names and emails.",
  input: () =>
    z.strictObject({
      workspace_id: workspaceIdParam,
      limit: pageLimitParam("users"),
      next_page_token: nextPageTokenParam,
    }),
  output: () => pagedListShape("users", userShape),
  annotations: annotate.read,
  errorHints: { 404: `The workspace does not exist or the user is not a member of it. ${findWorkspaceHint}` },
  async handler(input, { asana }) {
    const workspace = await resolveWorkspaceId(asana, input.workspace_id);
    const page = await asana.getPage<AsanaUser>("/users", {
      limit: input.limit,
      offset: input.next_page_token,
      query: { workspace },
      optFields: userOptFields,
    });
    return pagedList("users", page.items.map(presentUser), page.nextOffset);
  },
});
