import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import {
  annotate,
  boundedText,
  defineTool,
  gidParam,
  mutationStatus,
  nonEmptyText,
  ToolInputError,
  clearedFields,
  clearParam,
} from "../../src/toolkit/index.js";
import { findTagHint } from "../shared/hints.js";
import { maxTagNameLength, presentTag, tagColors, tagOptFields, tagShape, type AsanaTag } from "./model.js";

const tagNameRule = `must be 1-${maxTagNameLength} characters long`;

export const updateTag = defineTool({
  name: "UpdateTag",
  title: "Update a tag",
  toolset: "tags",
  description: 'Rename a tag, or change its color or description; it changes on every task that has it. clear ["color"] or ["description"] empties one.',
  input: () =>
    z.strictObject({
      tag_id: gidParam("tag", findTagHint),
      name: nonEmptyText("must be the tag's new name", "Pass the new name", 100_000)
        .refine((name) => name.length <= maxTagNameLength, { error: `${tagNameRule}. Shorten the name to ${maxTagNameLength} characters or fewer` })
        .optional(),
      color: z.enum(tagColors, { error: `must be one of Asana's tag colors. Use one of: ${tagColors.join(", ")}` }).optional(),
      description: boundedText("the tag's description", 65_536).optional(),
      clear: clearParam(["color", "description"]),
    }),
  output: () => z.object({ status: mutationStatus, tag: tagShape }),
  annotations: annotate.idempotentWrite,
  errorHints: { 404: `No tag has this id (it may have been deleted), or the user cannot see it. ${findTagHint}` },
  async handler(input, { asana }) {
    const cleared = clearedFields(input);
    const data: Record<string, unknown> = {};
    if (input.name !== undefined) data.name = input.name;
    if (input.color !== undefined || cleared.has("color")) data.color = input.color ?? null;
    if (input.description !== undefined || cleared.has("description")) data.notes = input.description ?? "";
    if (Object.keys(data).length === 0) {
      throw new ToolInputError(
        "name, color, description, clear",
        "must change something: none was given",
        "Pass what to change; Asana_GetTagById reads the tag.",
      );
    }
    const raw = await asana.put<AsanaTag>(asanaPath`/tags/${input.tag_id}`, data, { optFields: tagOptFields });
    return {
      status: { success: true, message: `tag ${input.tag_id} updated: ${Object.keys(data).join(", ").replace("notes", "description")}` },
      tag: presentTag(raw),
    };
  },
});
