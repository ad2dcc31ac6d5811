import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, nonEmptyText } from "../../src/toolkit/index.js";
import { resolveWorkspaceId } from "../shared/lookups.js";
import { workspaceIdParam } from "../shared/params.js";
import { foundShape, searchableTypes, withContext } from "./model.js";

export const searchByName = defineTool({
  name: "SearchByName",
  title: "Find by name",
  toolset: "search",
  defaultProfile: true,
  description:
    "Find tasks, projects, users, tags, teams, portfolios, goals, custom fields, project templates or AI teammates (agent) by name (words or a prefix); works on free plans. " +
    "Tasks come with completion, assignee and projects.",
  input: () =>
    z.strictObject({
      query: nonEmptyText("must be the name, or part of it, to look for", "Pass a few letters or words of the name", 1000),
      resource_type: z.enum(searchableTypes, { error: `must be one of ${searchableTypes.join(", ")}` }).default("task"),
      workspace_id: workspaceIdParam,
      limit: z
        .number({ error: "must be a whole number of results (1-100)" })
        .int({ error: "must be a whole number of results (1-100)" })
        .default(10)
        .transform((value) => Math.min(100, Math.max(1, value)))
        .describe("1-100."),
    }),
  output: () => z.object({ items: z.array(foundShape), count: z.number().int() }),
  annotations: annotate.read,
  answer: { list: "items" },
  errorHints: {
    404: "No workspace has this id, or the user cannot see it. Asana_ListWorkspaces lists them.",
  },
  async handler(input, { asana }) {
    const workspaceId = await resolveWorkspaceId(asana, input.workspace_id);
    const found = await asana.get<Array<{ gid: string; name?: string }>>(asanaPath`/workspaces/${workspaceId}/typeahead`, {
      query: { resource_type: input.resource_type, query: input.query, count: input.limit },
      optFields: ["name"],
    });
    const items = await withContext(asana, input.resource_type, found);
    return { items, count: items.length };
  },
});
