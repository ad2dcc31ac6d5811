import * as z from "zod";
import { annotate, boundedText, defineTool, mutationStatus, nonEmptyText, quoted } from "../../src/toolkit/index.js";
import { findWorkspaceHint } from "../shared/hints.js";
import { findInPages } from "../shared/lost-answers.js";
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
    name: nonEmptyText(tagNameRule, "Pass the tag's name", 100_000)
      .refine((name) => name.length <= maxTagNameLength, { error: `${tagNameRule}. Shorten the name to ${maxTagNameLength} characters or fewer` })
      .describe(`1-${maxTagNameLength} characters.`),
    description: boundedText("the tag's description", 65_536).optional(),
    color: z.enum(tagColors, { error: `must be one of Asana's tag colors. Use one of: ${tagColors.join(", ")}` }).optional(),
    workspace_id: workspaceIdParam,
  }),
  output: z.object({
    status: mutationStatus,
    tag: tagShape,
  }),
  annotations: annotate.create,
  errorHints: {
    404: `The workspace does not exist or the user is not a member of it. ${findWorkspaceHint}`,
    unknownOutcome: "Look for a tag of this name with Asana_ListTags.",
  },
  async handler(input, { asana }) {
    const workspace = await resolveWorkspaceId(asana, input.workspace_id);
    const raw = await asana.post<AsanaTag>(
      "/tags",
      { name: input.name, workspace, ...(input.description !== undefined ? { notes: input.description } : {}), ...(input.color ? { color: input.color } : {}) },
      { optFields: tagOptFields },
    );
    return { status: { success: true, message: `tag ${quoted(input.name)} successfully created` }, tag: presentTag(raw) };
  },
  // Asana's answer was lost: look for a tag of this name made since the call started.
  async reconcile(input, { asana, madeDuringCall }) {
    const workspace = await resolveWorkspaceId(asana, input.workspace_id);
    const found = await findInPages<AsanaTag & { created_at?: string }>(
      asana,
      "/tags",
      { query: { workspace }, optFields: [...tagOptFields, "created_at"] },
      (tag) => tag.name === input.name && madeDuringCall(tag),
      10,
    );
    if (found.length !== 1) return undefined;
    return {
      status: { success: true, message: `tag ${quoted(input.name)} created (Asana's answer was lost on the way back; the tag was found)` },
      tag: presentTag(found[0]!),
    };
  },
});
