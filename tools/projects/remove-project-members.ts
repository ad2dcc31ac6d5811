import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus } from "../../src/toolkit/index.js";
import { findProjectHint, findUserHint } from "../shared/hints.js";
import { counted, named, someNames } from "../shared/write-previews.js";
import { editProjectMembers, membersParam, projectMembersShape } from "./project-members.js";

export const removeProjectMembers = defineTool({
  name: "RemoveProjectMembers",
  title: "Remove project members",
  toolset: "projects",
  description: "Remove people from a project's members. Answers with the members left.",
  input: () =>
    z.strictObject({
      project_id: gidParam("project", findProjectHint),
      members: membersParam,
    }),
  output: () => z.object({ status: mutationStatus, project: projectMembersShape }),
  annotations: annotate.idempotentWrite,
  errorHints: { 404: `The project or one of the users is unknown or not visible to the user. ${findProjectHint} ${findUserHint}` },
  preview: {
    // People lose the project's private work with their membership: a person confirms who goes.
    asks: () => true,
    async plan(input, { asana }) {
      const project = await asana.get<{ name?: string; members?: Array<{ gid: string; name?: string }> }>(asanaPath`/projects/${input.project_id}`, {
        optFields: ["name", "members.name"],
      });
      const members = project.members ?? [];
      const who = input.members.map((ref) => members.find((member) => member.gid === ref)?.name ?? ref);
      return {
        summary: `Remove ${someNames(who, 5)} from ${named("project", project, input.project_id)} (${counted(members.length, "member")} now)`,
        fingerprint: members.map((member) => member.gid).sort(),
      };
    },
  },
  async handler(input, { asana }) {
    const project = await editProjectMembers(asana, input.project_id, "removeMembers", input.members);
    return { status: { success: true, message: `${input.members.length} member${input.members.length === 1 ? "" : "s"} removed` }, project };
  },
});
