import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus, namedRef, refOf, ToolExecutionError, ToolInputError } from "../../src/toolkit/index.js";
import { findSectionHint } from "../shared/hints.js";
import { presentSection, sectionShape, type AsanaSection } from "./model.js";

export const moveSection = defineTool({
  name: "MoveSection",
  title: "Reorder a section",
  toolset: "sections",
  description: "Move a section before or after another section of its project (exactly one of before_section_id, after_section_id).",
  input: () =>
    z.strictObject({
      section_id: gidParam("section", findSectionHint),
      before_section_id: gidParam("section", findSectionHint).optional(),
      after_section_id: gidParam("section", findSectionHint).optional(),
    }),
  output: () =>
    z.object({
      status: mutationStatus,
      project: namedRef,
      sections: z.array(sectionShape.omit({ project: true })).describe("The project's sections in their new order (the first 100)."),
    }),
  annotations: annotate.idempotentWrite,
  errorHints: {
    400: "Both sections must be in the same project. Asana_ListSections lists a project's sections in order.",
    404: `A section is unknown, or not visible to the user. ${findSectionHint}`,
  },
  async handler(input, { asana }) {
    const anchor = input.before_section_id ?? input.after_section_id;
    if ((input.before_section_id === undefined) === (input.after_section_id === undefined)) {
      throw new ToolInputError(
        "before_section_id, after_section_id",
        anchor === undefined ? "are both missing; the section needs a place to go" : "are both given; Asana takes exactly one",
        "Pass before_section_id to put it just before that section, or after_section_id to put it just after.",
      );
    }
    if (anchor === input.section_id) {
      throw new ToolInputError(
        input.before_section_id ? "before_section_id" : "after_section_id",
        "is the section being moved",
        "Pass another section of the same project.",
      );
    }
    const section = await asana.get<AsanaSection>(asanaPath`/sections/${input.section_id}`, { optFields: ["project.name"] });
    const project = refOf(section.project);
    if (!project) throw new ToolExecutionError(`Asana did not say which project section ${input.section_id} is in, so it cannot be moved.`);
    await asana.post(
      asanaPath`/projects/${project.id}/sections/insert`,
      {
        section: input.section_id,
        before_section: input.before_section_id,
        after_section: input.after_section_id,
      },
      { idempotent: true },
    );
    // Asana answers with an empty body; the order read back shows where the section went.
    const page = await asana.getPage<AsanaSection>(asanaPath`/projects/${project.id}/sections`, { limit: 100, optFields: ["name"] });
    return {
      status: {
        success: true,
        message: `section ${input.section_id} moved ${input.before_section_id ? `before ${input.before_section_id}` : `after ${input.after_section_id}`}`,
      },
      project,
      sections: page.items.map(presentSection),
    };
  },
});
