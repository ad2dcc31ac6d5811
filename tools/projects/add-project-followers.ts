import { annotate, defineTool } from "../../src/toolkit/index.js";
import { findProjectHint, findUserHint } from "../shared/hints.js";
import { editProjectFollowers, projectFollowersInput, projectFollowersOutput } from "./project-followers.js";

export const addProjectFollowers = defineTool({
  name: "AddProjectFollowers",
  title: "Add project followers",
  toolset: "projects",
  description: "Make people follow a project: they hear of new tasks, and become members if they are not. Answers with the followers.",
  input: () => projectFollowersInput,
  output: () => projectFollowersOutput,
  annotations: annotate.idempotentWrite,
  errorHints: { 404: `The project or one of the users is unknown or not visible to the user. ${findProjectHint} ${findUserHint}` },
  async handler(input, { asana }) {
    const project = await editProjectFollowers(asana, input.project_id, "addFollowers", input.followers);
    return { status: { success: true, message: `${input.followers.length} follower${input.followers.length === 1 ? "" : "s"} added` }, project };
  },
});
