import * as z from "zod";
import { asanaPath } from "../src/asana/index.js";
import {
  Asana,
  compact,
  type AnyToolDefinition,
  type AsanaRef,
  defineTool,
  gidParam,
  mutationStatus,
  namedRef,
  nextPageTokenParam,
  pagedList,
  pagedListShape,
  pageLimitParam,
  readOnlyAnnotations,
  refOf,
} from "../src/toolkit/index.js";
import { projectIdOf } from "./lookups.js";
import { checkInsertAnchors, insertAnchorParams, projectParam, readTaskPlacement, taskPlacementShape } from "./tasks.js";
import { findTaskHint, findProjectHint, findSectionHint, findWorkspaceHint } from "./id-hints.js";


interface AsanaSection {
  gid: string;
  name?: string;
  project?: AsanaRef | null;
}

export const sectionShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  project: namedRef.optional().describe("The project the section belongs to."),
});

function presentSection(raw: AsanaSection): z.infer<typeof sectionShape> {
  return { id: raw.gid, ...compact({ name: raw.name, project: refOf(raw.project) }) };
}

const workspaceParam = gidParam("workspace", findWorkspaceHint)
  .optional()
  .describe("The workspace to look a project name up in. Only needed for a project name when the user has several workspaces.");

export const listSections = defineTool({
  name: "ListSections",
  title: "List a project's sections",
  toolset: "sections",
  description:
    "List the sections of an Asana project (the headings of its list view, or the columns of its board, such as \"To do\" and " +
    "\"Doing\") in the project's order, with their ids. Use it to find a section_id for Asana_MoveTaskToSection, " +
    "Asana_AddTaskToProject or Asana_ListTasksInProject, or to check whether a section exists before Asana_CreateSection. " +
    `Pass the project's id or exact name. ${findProjectHint} Page on with next_page_token while next_page.has_more_pages is true.`,
  input: z.strictObject({
    project: projectParam("The project whose sections to list."),
    workspace_id: workspaceParam,
    limit: pageLimitParam("sections"),
    next_page_token: nextPageTokenParam,
  }),
  output: pagedListShape("sections", sectionShape),
  annotations: readOnlyAnnotations,
  auth: Asana({ scopes: ["default"] }),
  errorHints: {
    400: "If Asana calls the page token invalid, start again without next_page_token.",
    404: `No project has this id, or the user cannot see it. ${findProjectHint}`,
  },
  async handler(input, ctx) {
    const projectId = await projectIdOf(ctx, input.project, input.workspace_id);
    const page = await ctx.asana.getPage<AsanaSection>(asanaPath`/projects/${projectId}/sections`, {
      limit: input.limit,
      offset: input.next_page_token,
      optFields: ["name"],
    });
    return pagedList("sections", page.items.map(presentSection), page.nextOffset);
  },
});

export const createSection = defineTool({
  name: "CreateSection",
  title: "Create a section",
  toolset: "sections",
  description:
    "Add a new section (a heading in list view, a column in board view) at the end of an Asana project, by the project's id or name. " +
    "Check Asana_ListSections first: Asana allows several sections with the same name, so calling this twice makes two. Then move " +
    `tasks into it with Asana_MoveTaskToSection. ${findProjectHint}`,
  input: z.strictObject({
    project: projectParam("The project to add the section to."),
    workspace_id: workspaceParam,
    name: z
      .string({ error: "must be the section's name as text" })
      .trim()
      .min(1, { error: "must not be empty. Asana refuses a section without a name" })
      .describe("The section's name, e.g. \"In review\"."),
  }),
  output: z.object({ status: mutationStatus, section: sectionShape }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  auth: Asana({ scopes: ["default"] }),
  errorHints: { 404: `No project has this id, or the user cannot see it. ${findProjectHint}` },
  async handler(input, ctx) {
    const projectId = await projectIdOf(ctx, input.project, input.workspace_id);
    const raw = await ctx.asana.post<AsanaSection>(asanaPath`/projects/${projectId}/sections`, { name: input.name }, { optFields: ["name", "project.name"] });
    return { status: { success: true, message: `section "${input.name}" created in project ${projectId}` }, section: presentSection(raw) };
  },
});

export const moveTaskToSection = defineTool({
  name: "MoveTaskToSection",
  title: "Move a task to a section",
  toolset: "sections",
  description:
    "Move an Asana task into a section of a project, e.g. to another board column such as \"Doing\" or \"Done\". The task leaves its " +
    "previous section in that project; its other projects are untouched. If the task is not in the section's project yet, it is added " +
    "to it. Without insert_before or insert_after the task goes to the top of the section, as Asana does. Moving a task where it " +
    `already is changes nothing. ${findSectionHint} ${findTaskHint}`,
  input: z.strictObject({
    task_id: gidParam("task", findTaskHint),
    section_id: gidParam("section", findSectionHint).describe(`The section to move the task into; its id. ${findSectionHint}`),
    ...insertAnchorParams({ resource: "task", among: "the section", howToFind: "Asana_ListTasksInProject with section_id lists the section's tasks." }),
  }),
  output: z.object({ status: mutationStatus, task: taskPlacementShape }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  auth: Asana({ scopes: ["default"] }),
  errorHints: {
    400: "The task and the section must be in the same workspace, and insert_before/insert_after must be a task already in that section (Asana_ListTasksInProject with section_id lists them).",
    404: `The task or section is unknown, or the user cannot see it. ${findSectionHint} ${findTaskHint}`,
  },
  async handler(input, { asana }) {
    checkInsertAnchors(input, "tasks already in the section");
    await asana.post(asanaPath`/sections/${input.section_id}/addTask`, {
      task: input.task_id,
      insert_before: input.insert_before,
      insert_after: input.insert_after,
    });
    return {
      status: { success: true, message: `task ${input.task_id} is in section ${input.section_id}` },
      task: await readTaskPlacement(asana, input.task_id),
    };
  },
});

/** Section tools: finding and making the headings (or board columns) of a project, and moving tasks between them. */
export const sectionTools: AnyToolDefinition[] = [listSections, createSection, moveTaskToSection];
