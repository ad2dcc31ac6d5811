import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import {
  annotate,
  defineTool,
  gidParam,
  namedRef,
  nextPageTokenParam,
  pagedList,
  pagedListShape,
  pageLimitParam,
  ToolRetryableError,
  type AsanaRef,
} from "../../src/toolkit/index.js";
import { findProjectHint, findSectionHint } from "../shared/hints.js";
import { looksLikeGid, projectIdOf } from "../shared/lookups.js";
import { projectParam, workspaceIdParam } from "../shared/params.js";
import { presentTaskSummary, sayProjectOnce, taskSummaryOptFields, taskSummaryShape, type AsanaTask } from "./model.js";

interface AsanaSectionRef {
  gid: string;
  name?: string;
  project?: AsanaRef | null;
}

/** A section given with a project must belong to it; otherwise the model is confused about where it is looking. */
function checkSectionInProject(section: AsanaSectionRef, project: string): void {
  const owner = section.project;
  const belongs = looksLikeGid(project) ? owner?.gid === project : owner?.name?.trim().toLowerCase() === project.toLowerCase();
  if (belongs) return;
  const sectionName = section.name ? ` ("${section.name}")` : "";
  const ownerName = owner?.name ? ` ("${owner.name}")` : "";
  throw new ToolRetryableError(
    `Section ${section.gid}${sectionName} is in project ${owner?.gid ?? "(unknown)"}${ownerName}, not in project "${project}". ` +
      "Pass that project instead, or find the sections of the project you meant with Asana_ListSections.",
  );
}

export const listTasksInProject = defineTool({
  name: "ListTasksInProject",
  title: "List a project's tasks",
  toolset: "tasks",
  defaultProfile: true,
  description: "List a project's tasks, or one section's, in project order, a page at a time. Works on every plan, unlike search.",
  input: () =>
    z.strictObject({
      project: projectParam(),
      workspace_id: workspaceIdParam,
      section_id: gidParam("section", findSectionHint).optional(),
      completed: z.boolean({ error: "must be true or false" }).optional().describe("Omit for both."),
      limit: pageLimitParam("tasks"),
      next_page_token: nextPageTokenParam,
    }),
  output: () =>
    pagedListShape("tasks", taskSummaryShape).extend({
      project: namedRef.optional().describe("The project listed: tasks' memberships in it give only the section."),
    }),
  annotations: annotate.read,
  errorHints: {
    400: "If Asana calls the page token invalid, start again without next_page_token.",
    404: `No project or section has this id, or the user cannot see it. ${findProjectHint} ${findSectionHint}`,
  },
  async handler(input, ctx) {
    const { asana } = ctx;
    let path: string;
    let projectId: string | undefined;
    if (input.section_id) {
      const section = await asana.get<AsanaSectionRef>(asanaPath`/sections/${input.section_id}`, { optFields: ["name", "project.name"] });
      checkSectionInProject(section, input.project);
      projectId = section.project?.gid;
      path = asanaPath`/sections/${input.section_id}/tasks`;
    } else {
      projectId = await projectIdOf(ctx, input.project, input.workspace_id);
      path = asanaPath`/projects/${projectId}/tasks`;
    }
    const page = await asana.getPage<AsanaTask>(path, {
      limit: input.limit,
      offset: input.next_page_token,
      // "now" is Asana's own way to ask for incomplete tasks only; it has no way to ask for completed ones only.
      query: { completed_since: input.completed === false ? "now" : undefined },
      optFields: taskSummaryOptFields,
    });
    const listed = page.items.filter((task) => input.completed !== true || task.completed === true).map(presentTaskSummary);
    const { project, tasks } = projectId ? sayProjectOnce(listed, projectId) : { project: undefined, tasks: listed };
    return { ...(project ? { project } : {}), ...pagedList("tasks", tasks, page.nextOffset) };
  },
});
