import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus, nonEmptyText, quoted } from "../../src/toolkit/index.js";
import { findSectionHint } from "../shared/hints.js";
import { presentSection, sectionShape, type AsanaSection } from "./model.js";

export const updateSection = defineTool({
  name: "UpdateSection",
  title: "Rename a section",
  toolset: "sections",
  description: "Rename a section (a list heading or board column).",
  input: () =>
    z.strictObject({
      section_id: gidParam("section", findSectionHint),
      name: nonEmptyText("must be the section's new name as text", "Asana refuses a section without a name"),
    }),
  output: () => z.object({ status: mutationStatus, section: sectionShape }),
  annotations: annotate.idempotentWrite,
  errorHints: { 404: `No section has this id, or the user cannot see it. ${findSectionHint}` },
  async handler(input, { asana }) {
    const raw = await asana.put<AsanaSection>(asanaPath`/sections/${input.section_id}`, { name: input.name }, { optFields: ["name", "project.name"] });
    return { status: { success: true, message: `section ${input.section_id} renamed to ${quoted(input.name)}` }, section: presentSection(raw) };
  },
});
