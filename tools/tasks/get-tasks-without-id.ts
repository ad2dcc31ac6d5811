import * as z from "zod";
import { asanaPath, type AsanaSession } from "../../src/asana/index.js";
import {
  annotate,
  dateParam,
  defineTool,
  gidParam,
  namedRef,
  nonEmptyText,
  pageLimitParam,
  ToolInputError,
  userParam,
  type AsanaRef,
} from "../../src/toolkit/index.js";
import { readTasksByIds } from "./get-tasks-by-ids.js";
import { customFieldSearchQuery, customFieldFiltersParam, workspaceFieldSource } from "../shared/custom-field-filters.js";
import { projectFieldSource } from "../shared/custom-field-writes.js";
import { findTeamHint, findUserHint } from "../shared/hints.js";
import { looksLikeGid, resolveProject, resolveTagIds, resolveWorkspaceId, unknownTagsError } from "../shared/lookups.js";
import { projectParam, workspaceIdParam } from "../shared/params.js";
import { pickSection, sectionsIn } from "../shared/section-lookup.js";
import { presentTaskSummary, sayProjectOnce, taskSummaryOptFields, taskSummaryShape, type AsanaTask } from "./model.js";
import { dateOrTimeParam, isDateTime, tagsParam, taskTypeParam, taskTypes } from "./params.js";

const searchSortKeys = ["due_date", "created_at", "completed_at", "modified_at", "likes"] as const;

const searchPremiumHint =
  "Task search only works in workspaces on a paid Asana plan, or for members of a premium team. " +
  "On this workspace, find a task by name with Asana_SearchByName, a user's open tasks with Asana_ListMyTasks, or a project's tasks " +
  "with Asana_ListTasksInProject (optionally one section, or only incomplete tasks): all three work on free plans. " +
  "The other task tools also still work: Asana_GetTaskById and Asana_GetSubtasksFromATask (with a task id, e.g. from an Asana link " +
  "the user shares), Asana_CreateTask and Asana_UpdateTask; Asana_ListProjects, Asana_GetProjectById, " +
  "Asana_ListTags and Asana_ListUsers browse the rest. Tell the user search needs a paid plan rather than retrying.";

/** A bound on when something happened: a day (`*_on.after`) or a moment (`*_at.after`), as Asana's search takes either. */
function dayOrMoment(field: "modified" | "completed", bound: "after" | "before", value: string | undefined): Record<string, string> {
  if (value === undefined) return {};
  return isDateTime(value) ? { [`${field}_at.${bound}`]: new Date(value).toISOString() } : { [`${field}_on.${bound}`]: value };
}

/** Section ids pass through; names are looked up in the project, which then must be given. */
async function sectionIds(asana: AsanaSession, sections: readonly string[], projectId: string | undefined): Promise<string[]> {
  if (sections.every(looksLikeGid)) return sections.map((section) => section.trim());
  if (!projectId) {
    throw new ToolInputError(
      "sections",
      "names a section, which needs project: a section name is looked up in one project",
      "Pass project too, or section ids.",
    );
  }
  const known = await sectionsIn(asana, projectId);
  return sections.map((section, index) => pickSection(known, section, `project ${projectId}`, `sections[${index}]`).gid);
}

async function workspaceOfTeam(asana: AsanaSession, teamId: string): Promise<string | undefined> {
  const team = await asana.get<{ organization?: AsanaRef | null }>(asanaPath`/teams/${teamId}`, { optFields: ["organization"] });
  return team.organization?.gid;
}

export const getTasksWithoutId = defineTool({
  name: "GetTasksWithoutId",
  title: "Search tasks",
  toolset: "tasks",
  defaultProfile: true,
  description:
    "Search tasks by keywords and filters, all combined (dates YYYY-MM-DD; since/before also take date-times). Paid plans only; on free plans use " +
    "Asana_ListTasksInProject, Asana_ListMyTasks or Asana_SearchByName. Up to limit tasks, no paging: if limit_reached, narrow the filters.",
  input: () =>
    z.strictObject({
      keywords: nonEmptyText("must be text to search for", "Leave keywords out to search by filters only", 1000)
        .optional()
        .describe("Words in names and notes."),
      workspace_id: workspaceIdParam,
      assignee_id: userParam("Assignee", findUserHint).optional(),
      project: projectParam().optional(),
      team_id: gidParam("team", findTeamHint).optional(),
      tags: tagsParam().optional().describe("Tag ids or names; any of them."),
      due_on: dateParam().optional(),
      due_on_or_after: dateParam().optional(),
      due_on_or_before: dateParam().optional(),
      start_on: dateParam().optional(),
      start_on_or_after: dateParam().optional(),
      start_on_or_before: dateParam().optional(),
      completed: z.boolean({ error: "must be true or false" }).optional().describe("Omit for both."),
      // Lengths as refinements: they stay out of the schema every chat pays for.
      sections: z
        .array(nonEmptyText("must be a section id or name", "Remove empty entries from sections"), {
          error: 'must be a list of section ids or names, such as ["Doing"]',
        })
        .refine((sections) => sections.length > 0 && sections.length <= 20, { error: "must list 1-20 sections" })
        .optional()
        .describe("Ids, or names in project; any of them."),
      follower: userParam("Followed by", findUserHint).optional(),
      created_by: userParam("Created by", findUserHint).optional(),
      modified_since: dateOrTimeParam().optional(),
      completed_since: dateOrTimeParam().optional(),
      completed_before: dateOrTimeParam().optional(),
      is_subtask: z.boolean({ error: "must be true or false" }).optional(),
      task_type: taskTypeParam().optional(),
      custom_fields: customFieldFiltersParam().optional(),
      limit: pageLimitParam("tasks"),
      sort_by: z.enum(searchSortKeys, { error: `must be one of ${searchSortKeys.join(", ")}` }).default("modified_at"),
      sort_order: z.enum(["ascending", "descending"], { error: "must be ascending or descending" }).default("descending"),
    }),
  output: () =>
    z.object({
      project: namedRef.optional().describe("The project searched: tasks' memberships in it give only the section."),
      tasks: z.array(taskSummaryShape),
      count: z.number().int(),
      limit_reached: z.boolean().describe("True when Asana returned as many tasks as the limit allows, so more may match."),
      note: z.string().optional().describe("What to do when the limit was reached."),
    }),
  annotations: annotate.read,
  answer: {
    list: "tasks",
    // Search results cannot be paged, but the tasks an answer had no room for can be read by id.
    rest: ({ full, shownWhole }) => {
      const shown = new Set(shownWhole("tasks").map((task) => (task as { id: string }).id));
      return readTasksByIds((full.tasks as Array<{ id: string }>).map((task) => task.id).filter((id) => !shown.has(id)));
    },
  },
  errorHints: {
    400: "Check the filter Asana names; ids must be digits and dates YYYY-MM-DD.",
    402: searchPremiumHint,
    404: "The workspace, project, team or tag id is unknown or not visible to the user. Asana_ListWorkspaces, Asana_ListProjects, Asana_ListTeams and Asana_ListTags list valid ids.",
  },
  async handler(input, ctx) {
    const { asana } = ctx;
    // The workspace: given; else the project's (an id says where it lives); else the team's organization;
    // else the user's only one. A project *name* is then looked up inside that workspace.
    let workspaceId = input.workspace_id;
    let projectId = input.project && looksLikeGid(input.project) && workspaceId ? input.project : undefined;
    if (!workspaceId && input.project && looksLikeGid(input.project)) {
      const found = await resolveProject(ctx, input.project, undefined);
      projectId = found.id;
      workspaceId = found.workspaceId;
    }
    if (!workspaceId && input.team_id) workspaceId = await workspaceOfTeam(asana, input.team_id);
    workspaceId = await resolveWorkspaceId(asana, workspaceId);
    if (input.project && !projectId) projectId = (await resolveProject(ctx, input.project, workspaceId)).id;

    let tagIds: string[] | undefined;
    if (input.tags) {
      const resolved = await resolveTagIds(ctx, input.tags, workspaceId);
      if (resolved.missing.length > 0) {
        throw unknownTagsError(resolved.missing, workspaceId, resolved.available, {
          fix: "Pass tag ids, or the names of existing tags listed below (Asana_ListTags lists them too).",
        });
      }
      tagIds = resolved.ids;
    }
    const sections = input.sections ? await sectionIds(asana, input.sections, projectId) : undefined;
    const customFields = input.custom_fields
      ? customFieldSearchQuery(
          input.custom_fields,
          projectId ? await projectFieldSource(asana, projectId) : await workspaceFieldSource(asana, workspaceId),
          "custom_fields",
        )
      : {};

    const raw = await asana.get<AsanaTask[]>(asanaPath`/workspaces/${workspaceId}/tasks/search`, {
      optFields: taskSummaryOptFields,
      query: {
        text: input.keywords,
        "assignee.any": input.assignee_id,
        // Asana answers projects.any with sections.any as the union of both; the sections are in the project.
        "projects.any": sections ? undefined : projectId,
        "sections.any": sections,
        "followers.any": input.follower,
        "created_by.any": input.created_by,
        "teams.any": input.team_id,
        "tags.any": tagIds,
        due_on: input.due_on,
        "due_on.after": input.due_on_or_after,
        "due_on.before": input.due_on_or_before,
        start_on: input.start_on,
        "start_on.after": input.start_on_or_after,
        "start_on.before": input.start_on_or_before,
        completed: input.completed,
        ...dayOrMoment("modified", "after", input.modified_since),
        ...dayOrMoment("completed", "after", input.completed_since),
        ...dayOrMoment("completed", "before", input.completed_before),
        is_subtask: input.is_subtask,
        resource_subtype: input.task_type === undefined ? undefined : taskTypes[input.task_type],
        ...customFields,
        sort_by: input.sort_by,
        sort_ascending: input.sort_order === "ascending",
        limit: input.limit,
      },
    });
    const seen = new Set<string>();
    const found = raw.filter((task) => !seen.has(task.gid) && seen.add(task.gid)).map(presentTaskSummary);
    const { project, tasks } = projectId ? sayProjectOnce(found, projectId) : { project: undefined, tasks: found };
    // Asana's search has no next page: a full result means there may be more, and only different filters find them.
    const limitReached = raw.length >= input.limit;
    return {
      ...(project ? { project } : {}),
      tasks,
      count: tasks.length,
      limit_reached: limitReached,
      ...(limitReached
        ? {
            note:
              `Asana returned the maximum of ${input.limit} tasks, so more tasks may match. Search results cannot be paged: ` +
              "narrow the search (keywords, project, assignee_id, tags, a date range, completed) or sort differently " +
              "(e.g. sort_by created_at with due_on_or_after) to reach the others.",
          }
        : {}),
    };
  },
});
