import * as z from "zod";
import { annotate, defineTool, gidParam, mutationStatus } from "../../src/toolkit/index.js";
import { findProjectHint, findUserHint } from "../shared/hints.js";
import { editProjectMembers, membersParam, projectMembersShape } from "./project-members.js";

export const addProjectMembers = defineTool({
  name: "AddProjectMembers",
  title: "Add project members",
  toolset: "projects",
  description: "Add people to a project as members (Asana may make them followers too). Answers with the members.",
  input: () =>
    z.strictObject({
      project_id: gidParam("project", findProjectHint),
      members: membersParam,
    }),
  output: () => z.object({ status: mutationStatus, project: projectMembersShape }),
  annotations: annotate.idempotentWrite,
  errorHints: { 404: `The project or one of the users is unknown or not visible to the user. ${findProjectHint} ${findUserHint}` },
  async handler(input, { asana }) {
    const project = await editProjectMembers(asana, input.project_id, "addMembers", input.members);
    return { status: { success: true, message: `${input.members.length} member${input.members.length === 1 ? "" : "s"} added` }, project };
  },
});
