import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import {
  addErrorNote,
  annotate,
  dateParam,
  defineTool,
  gidParam,
  mutationStatus,
  namedRef,
  nonEmptyText,
  quoted,
  ToolInputError,
  userParam,
} from "../../src/toolkit/index.js";
import { findTeamHint, findUserHint } from "../shared/hints.js";
import { carriesMarker, markedNotesFields, takeOutMarker } from "../shared/create-markers.js";
import { findInPages } from "../shared/lost-answers.js";
import { markdownOrAsGiven, markdownParam } from "../shared/markdown-text.js";
import { resolveWorkspaceId } from "../shared/lookups.js";
import { workspaceIdParam } from "../shared/params.js";
import { presentProject, projectOptFields, projectShape, type AsanaProject } from "./model.js";
import { checkProjectDates, projectColorParam, projectNameParam, projectNotesParam } from "./params.js";
import { sectionsOfProject, setUpSections } from "./project-sections.js";
import { createTasksIn, projectTasksParam, projectTasksShape } from "./project-tasks.js";

const maxSections = 50;

/** A task's section must be one the call creates, checked before anything is made. */
function checkTaskSections(tasks: ReadonlyArray<{ section?: string | undefined }>, sections: readonly string[]): void {
  const names = new Set(sections.map((name) => name.trim().toLowerCase()));
  for (const [index, task] of tasks.entries()) {
    if (task.section === undefined || names.has(task.section.trim().toLowerCase())) continue;
    throw new ToolInputError(
      `tasks[${index}].section`,
      sections.length > 0 ? `is not one of sections (${sections.map((name) => quoted(name)).join(", ")})` : "names a section, and the call creates none",
      "Name one of sections, add it to sections, or leave section out.",
    );
  }
}

/** The notes as the project is to have them (plain, or rich text made from markdown). */
function projectNotes(input: { notes?: string | undefined; markdown?: boolean | undefined }): Record<string, string | undefined> {
  return markdownOrAsGiven(input, { name: "notes", value: input.notes }, { name: "html_notes", value: undefined }, "project") ?? { notes: input.notes };
}

const tasksNotMade = (count: number, projectId: string) =>
  `None of the ${count} tasks was made: add them with Asana_CreateTasks (project ${projectId}) once the sections are there.`;

export const createProject = defineTool({
  name: "CreateProject",
  title: "Create a project",
  toolset: "projects",
  description:
    "Create a project in a team (team_id; needed in organizations) or a workspace, optionally with its sections in order. Each call makes a new project.",
  input: () =>
    z.strictObject({
      name: projectNameParam,
      team_id: gidParam("team", findTeamHint).optional(),
      workspace_id: workspaceIdParam,
      notes: projectNotesParam.optional(),
      markdown: markdownParam("notes"),
      start_date: dateParam("Needs due_date").optional(),
      due_date: dateParam("Due date").optional(),
      owner: userParam("Owner (default me)", findUserHint).optional(),
      privacy: z.enum(["public_to_workspace", "private_to_team", "private"], { error: "must be public_to_workspace, private_to_team or private" }).optional(),
      color: projectColorParam.optional(),
      default_view: z.enum(["list", "board", "calendar", "timeline"], { error: "must be list, board, calendar or timeline" }).optional(),
      sections: z
        .array(nonEmptyText("must be a section name", "Remove empty names from sections"), {
          error: 'must be a list of section names, such as ["To do", "Doing", "Done"]',
        })
        .max(maxSections, { error: `must list at most ${maxSections} sections` })
        .optional()
        .describe("Section names, created in this order."),
      tasks: projectTasksParam,
    }),
  output: () =>
    z.object({
      status: mutationStatus,
      project: projectShape,
      sections: z.array(namedRef).optional().describe("The project's sections, in order."),
      tasks: projectTasksShape.optional(),
    }),
  annotations: annotate.create,
  errorHints: {
    400: ({ input, asanaMessage }) =>
      /team/i.test(asanaMessage) && !input.team_id
        ? `In an organization every project belongs to a team: call again with team_id. ${findTeamHint}`
        : "Check the field Asana names.",
    404: `The team, workspace or owner is unknown or not visible to the user. ${findTeamHint}`,
    unknownOutcome: "Look for a project of this name with Asana_ListProjects.",
    afterWrite: ({ madeId }) =>
      `See it with Asana_GetProjectById (project_id ${madeId}) and its sections with Asana_ListSections; add missing ones with Asana_CreateSection.`,
  },
  async handler(input, ctx) {
    const { asana } = ctx;
    checkProjectDates(input, false);
    checkTaskSections(input.tasks ?? [], input.sections ?? []);
    const notes = projectNotes(input);
    const fields = {
      name: input.name,
      // The call's marker ends the project's notes until the answer is in (see CreateMarker).
      ...markedNotesFields(notes, ctx.createMarker),
      start_on: input.start_date,
      due_on: input.due_date,
      owner: input.owner,
      privacy_setting: input.privacy,
      color: input.color,
      default_view: input.default_view,
    };
    // createProjectForTeam: the team pins the workspace. Without one, the workspace takes the project.
    const raw = input.team_id
      ? await asana.post<AsanaProject>(asanaPath`/teams/${input.team_id}/projects`, fields, { optFields: projectOptFields })
      : await asana.post<AsanaProject>(
          "/projects",
          { ...fields, workspace: await resolveWorkspaceId(asana, input.workspace_id) },
          { optFields: projectOptFields },
        );
    const unmarked = await takeOutMarker<AsanaProject>(asana, asanaPath`/projects/${raw.gid}`, notes, "notes", ctx.createMarker, projectOptFields);
    const sections = await setUpSections(asana, raw.gid, input.sections ?? []).catch((error: unknown) => {
      throw input.tasks ? addErrorNote(error, tasksNotMade(input.tasks.length, raw.gid)) : error;
    });
    const made = input.tasks ? await createTasksIn(ctx, raw.gid, input.tasks) : undefined;
    return {
      status: {
        success: true,
        message: `project ${quoted(input.name)} created${sections.length > 0 ? ` with ${sections.length} sections` : ""}${made ? `${sections.length > 0 ? " and" : " with"} ${made.summary}` : ""}${unmarked?.note ? `; ${unmarked.note}` : ""}`,
      },
      project: presentProject(unmarked?.raw ?? raw),
      ...(sections.length > 0 ? { sections } : {}),
      ...(made ? { tasks: made.tasks } : {}),
    };
  },
  // An answer was lost (the project's or a section's). The project is this call's: the one whose
  // answer did arrive, else the one that carries the call's marker, else one of this name made since
  // the call started. Then say which of the asked-for sections it has.
  async reconcile(input, { asana, madeDuringCall, completedWrites, createMarker }) {
    const marker = createMarker?.placed ? createMarker : undefined;
    const answered = completedWrites.find((write) => write.method === "POST" && /^(\/teams\/\d+)?\/projects$/.test(write.path))?.data as
      | AsanaProject
      | undefined;
    let gid = answered?.gid;
    if (!gid) {
      const query = input.team_id ? { team: input.team_id } : { workspace: await resolveWorkspaceId(asana, input.workspace_id) };
      const found = await findInPages<AsanaProject & { created_at?: string; notes?: string }>(
        asana,
        "/projects",
        { query, optFields: marker ? ["notes"] : ["name", "created_at"] },
        (project) => (marker ? carriesMarker(project.notes, marker) : project.name === input.name && madeDuringCall(project)),
        10,
      );
      if (found.length !== 1) return undefined;
      gid = found[0]!.gid;
    }
    const unmarked = await takeOutMarker<AsanaProject>(asana, asanaPath`/projects/${gid}`, projectNotes(input), "notes", marker, projectOptFields);
    const raw = unmarked?.raw ?? (await asana.get<AsanaProject>(asanaPath`/projects/${gid}`, { optFields: projectOptFields }));
    const sections = (await sectionsOfProject(asana, raw.gid)).map((s) => ({ id: s.gid, ...(s.name ? { name: s.name } : {}) }));
    const missing = (input.sections ?? []).filter((name) => !sections.some((s) => s.name === name));
    return {
      status: {
        success: true,
        message:
          `project ${quoted(input.name)} created (Asana's answer was lost on the way back; ${answered ? "its sections were looked up" : `the project was found by ${marker ? "the marker this call put on it" : "name"}`})` +
          (unmarked?.note ? `; ${unmarked.note}` : "") +
          (missing.length > 0 ? `; sections ${missing.map((name) => quoted(name)).join(", ")} are missing: add them with Asana_CreateSection` : "") +
          (input.tasks ? `; its ${input.tasks.length} tasks were not made: add them with Asana_CreateTasks (project ${raw.gid})` : ""),
      },
      project: presentProject(raw),
      ...(sections.length > 0 ? { sections } : {}),
    };
  },
  marks: "the end of the project's notes",
});
