import * as z from "zod";
import { annotate, defineTool, namedRef, refOf } from "../../src/toolkit/index.js";
import { findWorkspaceHint } from "../shared/hints.js";
import { resolveWorkspaceId } from "../shared/lookups.js";
import { workspaceIdParam } from "../shared/params.js";
import { sectionsIn } from "../shared/section-lookup.js";
import { myTasksList } from "./my-tasks-list.js";

export const listMyTasksSections = defineTool({
  name: "ListMyTasksSections",
  title: "List My Tasks sections",
  toolset: "tasks",
  description: 'The sections of the user\'s My Tasks (e.g. "Recently assigned", "Do today"), in order. Move a task with Asana_MoveTaskToMyTasksSection.',
  input: () => z.strictObject({ workspace_id: workspaceIdParam }),
  output: () =>
    z.object({
      my_tasks_id: z.string().describe("The user's My Tasks list in this workspace."),
      sections: z.array(namedRef),
    }),
  annotations: annotate.read,
  errorHints: {
    404: `The workspace is unknown, or the user is not a member of it. ${findWorkspaceHint}`,
  },
  async handler(input, { asana }) {
    const list = await myTasksList(asana, await resolveWorkspaceId(asana, input.workspace_id));
    const sections = await sectionsIn(asana, list.gid);
    return { my_tasks_id: list.gid, sections: sections.map((section) => refOf(section) ?? { id: section.gid }) };
  },
});
