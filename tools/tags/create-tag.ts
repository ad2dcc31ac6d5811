import * as z from "zod";
import { annotate, defineTool, mutationStatus, nonEmptyText } from "../../src/toolkit/index.js";
import { findWorkspaceHint } from "../shared/hints.js";
import { resolveWorkspaceId } from "../shared/lookups.js";
import { workspaceIdParam } from "../shared/params.js";
import { maxTagNameLength, presentTag, tagColors, tagOptFields, tagShape, type AsanaTag } from "./model.js";

const tagNameRule = `must be 1-${maxTagNameLength} characters long`;

export const createTag = defineTool({
  name: "CreateTag",
  title: "Create a tag",
  toolset: "tags",
  description: "Create a tag in a workspace. Names may repeat, so check Asana_ListTags first.",
  input: z.strictObject({
    name: nonEmptyText(tagNameRule, "Pass the tag's name")
      .refine((name) => name.length <= maxTagNameLength, { error: `${tagNameRule}. Shorten the name to ${maxTagNameLength} characters or fewer` })
      .describe(`1-${maxTagNameLength} characters.`),
    description: z.string({ error: "must be text. Pass the tag's description as a string, or omit it" }).optional(),
    color: z.enum(tagColors, { error: `must be one of Asana's tag colors. Use one of: ${tagColors.join(", ")}` }).optional(),
    workspace_id: workspaceIdParam,
  }),
  output: z.object({
    status: mutationStatus,
    tag: tagShape,
  }),
  annotations: annotate.create,
  errorHints: { 404: `The workspace does not exist or the user is not a member of it. ${findWorkspaceHint}` },
  async handler(input, { asana }) {
    const workspace = await resolveWorkspaceId(asana, input.workspace_id);
    const raw = await asana.post<AsanaTag>(
      "/tags",
      { name: input.name, workspace, ...(input.description !== undefined ? { notes: input.description } : {}), ...(input.color ? { color: input.color } : {}) },
      { optFields: tagOptFields },
    );
    return { status: { success: true, message: `tag "${input.name}" successfully created` }, tag: presentTag(raw) };
  },
});
