import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus } from "../../src/toolkit/index.js";
import { findTagHint } from "../shared/hints.js";
import { countFirstPage, counted, named } from "../shared/write-previews.js";

export const deleteTag = defineTool({
  name: "DeleteTag",
  title: "Delete a tag",
  toolset: "tags",
  description: "Delete a tag; it comes off every task that has it (the tasks stay). Confirm with the user first.",
  input: () =>
    z.strictObject({
      tag_id: gidParam("tag", findTagHint),
    }),
  output: () => z.object({ status: mutationStatus, tag: z.object({ id: z.string() }) }),
  annotations: annotate.destructive,
  errorHints: { 404: `No tag has this id (it may already be deleted), or the user cannot see it. ${findTagHint}` },
  preview: {
    async plan(input, { asana }) {
      const [tag, tasks] = await Promise.all([
        asana.get<{ name?: string }>(asanaPath`/tags/${input.tag_id}`, { optFields: ["name"] }),
        countFirstPage(asana, asanaPath`/tags/${input.tag_id}/tasks`, ["name"]),
      ]);
      return { summary: `Delete ${named("tag", tag, input.tag_id)} (it comes off ${counted(tasks, "task")}; the tasks stay)`, fingerprint: [tag.name, tasks] };
    },
  },
  async handler(input, { asana }) {
    await asana.delete(asanaPath`/tags/${input.tag_id}`);
    return { status: { success: true, message: `tag ${input.tag_id} deleted; the tasks that had it keep their other tags` }, tag: { id: input.tag_id } };
  },
});
