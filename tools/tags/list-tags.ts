import * as z from "zod";
import { annotate, defineTool, nextPageTokenParam, pagedList, pagedListShape, pageLimitParam } from "../../src/toolkit/index.js";
import { findWorkspaceHint } from "../shared/hints.js";
import { resolveWorkspaceId } from "../shared/lookups.js";
import { workspaceIdParam } from "../shared/params.js";
import { presentTag, tagOptFields, tagShape, type AsanaTag } from "./model.js";

export const listTags = defineTool({
  name: "ListTags",
  title: "List tags",
  toolset: "tags",
  description: "List a workspace's tags with their ids, names and colors.",
  input: () =>
    z.strictObject({
      workspace_id: workspaceIdParam,
      limit: pageLimitParam("tags"),
      next_page_token: nextPageTokenParam,
    }),
  output: () => pagedListShape("tags", tagShape),
  annotations: annotate.read,
  errorHints: { 404: `The workspace does not exist or the user is not a member of it. ${findWorkspaceHint}` },
  async handler(input, { asana }) {
    const workspace = await resolveWorkspaceId(asana, input.workspace_id);
    const page = await asana.getPage<AsanaTag>("/tags", {
      limit: input.limit,
      offset: input.next_page_token,
      query: { workspace },
      optFields: tagOptFields,
    });
    return pagedList("tags", page.items.map(presentTag), page.nextOffset);
  },
});
