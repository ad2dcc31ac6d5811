import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam } from "../../src/toolkit/index.js";
import { findTagHint } from "../shared/hints.js";
import { presentTag, tagOptFields, tagShape, type AsanaTag } from "./model.js";

export const getTagById = defineTool({
  name: "GetTagById",
  title: "Get a tag",
  toolset: "tags",
  description: "Get a tag by id: name, color, notes, workspace and link.",
  input: () =>
    z.strictObject({
      tag_id: gidParam("tag", findTagHint),
    }),
  output: () => z.object({ tag: tagShape }),
  annotations: annotate.read,
  errorHints: { 404: `No tag has this id, or the user cannot see it. ${findTagHint}` },
  async handler(input, { asana }) {
    const raw = await asana.get<AsanaTag>(asanaPath`/tags/${input.tag_id}`, { optFields: tagOptFields });
    return { tag: presentTag(raw) };
  },
});
