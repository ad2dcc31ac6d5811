import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, boundedText, defineTool, mutationStatus, nonEmptyText, quoted } from "../../src/toolkit/index.js";
import { findWorkspaceHint } from "../shared/hints.js";
import { carriesMarker, markedNotes, takeOutMarker } from "../shared/create-markers.js";
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
  input: () =>
    z.strictObject({
      name: nonEmptyText(tagNameRule, "Pass the tag's name", 100_000)
        .refine((name) => name.length <= maxTagNameLength, { error: `${tagNameRule}. Shorten the name to ${maxTagNameLength} characters or fewer` })
        .describe(`1-${maxTagNameLength} characters.`),
      description: boundedText("the tag's description", 65_536).optional(),
      color: z.enum(tagColors, { error: `must be one of Asana's tag colors. Use one of: ${tagColors.join(", ")}` }).optional(),
      workspace_id: workspaceIdParam,
    }),
  output: () =>
    z.object({
      status: mutationStatus,
      tag: tagShape,
    }),
  annotations: annotate.create,
  errorHints: {
    404: `The workspace does not exist or the user is not a member of it. ${findWorkspaceHint}`,
    unknownOutcome: "Look for a tag of this name with Asana_ListTags.",
  },
  async handler(input, { asana, createMarker: marker }) {
    const workspace = await resolveWorkspaceId(asana, input.workspace_id);
    // The call's marker ends the tag's notes until the answer is in (see CreateMarker).
    const notes = markedNotes(input.description, marker);
    const raw = await asana.post<AsanaTag>(
      "/tags",
      { name: input.name, workspace, ...(notes !== undefined ? { notes } : {}), ...(input.color ? { color: input.color } : {}) },
      { optFields: tagOptFields },
    );
    const unmarked = await takeOutMarker<AsanaTag>(asana, asanaPath`/tags/${raw.gid}`, { notes: input.description }, "notes", marker, tagOptFields);
    return {
      status: { success: true, message: `tag ${quoted(input.name)} successfully created${unmarked?.note ? `; ${unmarked.note}` : ""}` },
      tag: presentTag(unmarked?.raw ?? raw),
    };
  },
  // Asana's answer was lost: look for the tag that carries this call's marker, else for one of this
  // name made since the call started.
  async reconcile(input, { asana, madeDuringCall, createMarker }) {
    const marker = createMarker?.placed ? createMarker : undefined;
    const workspace = await resolveWorkspaceId(asana, input.workspace_id);
    const found = await findInPages<AsanaTag & { created_at?: string; notes?: string }>(
      asana,
      "/tags",
      { query: { workspace }, optFields: [...tagOptFields, marker ? "notes" : "created_at"] },
      (tag) => (marker ? carriesMarker(tag.notes, marker) : tag.name === input.name && madeDuringCall(tag)),
      10,
    );
    if (found.length !== 1) return undefined;
    const unmarked = await takeOutMarker<AsanaTag>(asana, asanaPath`/tags/${found[0]!.gid}`, { notes: input.description }, "notes", marker, tagOptFields);
    return {
      status: {
        success: true,
        message: `tag ${quoted(input.name)} created (Asana's answer was lost on the way back; the tag was found by ${marker ? "the marker this call put on it" : "name"})${unmarked?.note ? `; ${unmarked.note}` : ""}`,
      },
      tag: presentTag(unmarked?.raw ?? found[0]!),
    };
  },
  marks: "the end of the tag's notes",
});
