import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus, quoted } from "../../src/toolkit/index.js";
import { findSectionHint } from "../shared/hints.js";
import { named } from "../shared/write-previews.js";

export const deleteSection = defineTool({
  name: "DeleteSection",
  title: "Delete a section",
  toolset: "sections",
  description: "Delete an empty section; Asana refuses one that still holds tasks, and a project's last section. Confirm with the user first.",
  input: () => z.strictObject({ section_id: gidParam("section", findSectionHint) }),
  output: () => z.object({ status: mutationStatus, section: z.object({ id: z.string() }) }),
  annotations: annotate.destructive,
  errorHints: {
    400: ({ input, asanaMessage }) =>
      /last/i.test(asanaMessage)
        ? "A project keeps at least one section, so its last one cannot be deleted; rename it with Asana_UpdateSection instead."
        : `Asana deletes only empty sections. List the section's tasks with Asana_ListTasksInProject (section_id ${input.section_id}), ` +
          "move each into another section with Asana_MoveTaskToSection, then delete the section again.",
    404: `No section has this id: it may already be deleted, or the user cannot see it. ${findSectionHint}`,
  },
  preview: {
    async plan(input, { asana }) {
      const section = await asana.get<{ name?: string; project?: { name?: string } | null }>(asanaPath`/sections/${input.section_id}`, {
        optFields: ["name", "project.name"],
      });
      const of = section.project?.name ? ` of project ${quoted(section.project.name)}` : "";
      return { summary: `Delete ${named("section", section, input.section_id)}${of}`, fingerprint: [section.name, section.project?.name] };
    },
  },
  async handler(input, { asana }) {
    await asana.delete(asanaPath`/sections/${input.section_id}`);
    return { status: { success: true, message: `section ${input.section_id} deleted` }, section: { id: input.section_id } };
  },
});
