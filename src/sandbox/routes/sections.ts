import { badRequest, bodyData, data, mustGet, type EmulatorRequest, type EmulatorRoute } from "../http-kit.js";
import { checkPlacement, placeInOrder } from "../manual-order.js";
import { myTasksSections } from "../my-tasks.js";
import { listResponse } from "../pagination.js";
import { project } from "../projection.js";
import { fileTask, sectionsOf, tasksInSection } from "../task-placement.js";
import type { StoredObject } from "../store.js";
import { completedSinceFilter } from "./tasks.js";

/** The sections a section sits among: its project's, or (for a My Tasks section) its task list's. */
function siblingsOf(request: EmulatorRequest, section: StoredObject) {
  const container = request.store.get(String(section.project));
  if (!container) return [];
  return container.resource_type === "project" ? sectionsOf(request.store, container) : request.store.all("section", (s) => s.project === container.gid);
}

/** insertSectionForProject: exactly one of before_section and after_section, both sections of the project. */
function insertSection(request: EmulatorRequest) {
  const owner = mustGet(request, request.params.project_gid, "project", "project");
  const fields = bodyData(request);
  if (fields.section === undefined || fields.section === null) throw badRequest("section: Missing input");
  const section = mustGet(request, String(fields.section), "section", "section");
  const before = fields.before_section ?? undefined;
  const after = fields.after_section ?? undefined;
  if ((before === undefined) === (after === undefined)) throw badRequest("before_section: Provide exactly one of before_section and after_section.");
  const anchorField = before !== undefined ? "before_section" : "after_section";
  const anchor = mustGet(request, String(before ?? after), "section", anchorField);
  const siblings = sectionsOf(request.store, owner);
  for (const [field, candidate] of [
    ["section", section],
    [anchorField, anchor],
  ] as const) {
    if (candidate.project !== owner.gid) throw badRequest(`${field}: Section ${candidate.gid} is not in project ${owner.gid}.`);
  }
  if (anchor.gid === section.gid) throw badRequest(`${anchorField}: A section cannot be placed relative to itself.`);
  placeInOrder(owner, "_section_order", siblings, section.gid, before !== undefined ? { insert_before: anchor.gid } : { insert_after: anchor.gid }, "end");
  return data({});
}

export const sectionRoutes: EmulatorRoute[] = [
  {
    method: "PUT",
    path: "/sections/{section_gid}",
    handle: (request) => {
      const section = mustGet(request, request.params.section_gid, "section", "section");
      const fields = bodyData(request);
      // SectionRequest: name is required and "cannot be an empty string".
      if (typeof fields.name !== "string" || fields.name.trim() === "") throw badRequest("name: Missing input");
      section.name = fields.name;
      return data(project(request.store, section, request.optFields));
    },
  },
  {
    method: "DELETE",
    path: "/sections/{section_gid}",
    handle: (request) => {
      const section = mustGet(request, request.params.section_gid, "section", "section");
      // deleteSection: "Note that sections must be empty to be deleted. The last remaining section cannot be deleted."
      const holding = request.store.all("task", (t) => t.assignee_section === section.gid).length + tasksInSection(request.store, section).length;
      if (holding > 0)
        throw badRequest(
          `section: Section ${section.gid} still holds ${holding} task${holding === 1 ? "" : "s"}; sections must be empty to be deleted. Move the tasks with POST /sections/{section_gid}/addTask first.`,
        );
      if (siblingsOf(request, section).length <= 1)
        throw badRequest(`section: Section ${section.gid} is the last section of its project; the last remaining section cannot be deleted.`);
      request.store.delete(section.gid);
      return data({});
    },
  },
  {
    method: "POST",
    path: "/projects/{project_gid}/sections/insert",
    handle: insertSection,
  },
  {
    method: "GET",
    path: "/projects/{project_gid}/sections",
    handle: (request) => {
      // The Projects tag: "certain project endpoints" take a user task list's gid in place of a project's.
      const myTasks = request.store.get(request.params.project_gid ?? "", "user_task_list");
      if (myTasks) return listResponse(request, myTasksSections(request.store, myTasks));
      const owner = mustGet(request, request.params.project_gid, "project", "project");
      const sections = sectionsOf(request.store, owner);
      return listResponse(request, sections);
    },
  },
  {
    method: "POST",
    path: "/projects/{project_gid}/sections",
    handle: (request) => {
      const owner = mustGet(request, request.params.project_gid, "project", "project");
      const fields = bodyData(request);
      // SectionRequest: "This cannot be an empty string."
      if (typeof fields.name !== "string" || fields.name.trim() === "") throw badRequest("name: Missing input");
      const placement = { insert_before: fields.insert_before, insert_after: fields.insert_after };
      const siblings = sectionsOf(request.store, owner);
      checkPlacement(placement, siblings, "", `sections of project ${owner.gid}`);
      const section = request.store.insert({ resource_type: "section", name: fields.name, project: owner.gid, created_at: request.store.now() });
      placeInOrder(owner, "_section_order", siblings, section.gid, placement, "end");
      return data(project(request.store, section, request.optFields), 201);
    },
  },
  {
    method: "GET",
    path: "/sections/{section_gid}",
    handle: (request) => data(project(request.store, mustGet(request, request.params.section_gid, "section", "section"), request.optFields)),
  },
  {
    method: "GET",
    path: "/sections/{section_gid}/tasks",
    handle: (request) => {
      const section = mustGet(request, request.params.section_gid, "section", "section");
      return listResponse(request, tasksInSection(request.store, section).filter(completedSinceFilter(request)));
    },
  },
  {
    method: "POST",
    path: "/sections/{section_gid}/addTask",
    handle: (request) => {
      const section = mustGet(request, request.params.section_gid, "section", "section");
      const fields = bodyData(request);
      if (fields.task === undefined || fields.task === null) throw badRequest("task: Missing input");
      const task = mustGet(request, String(fields.task), "task", "task");
      if (task.resource_subtype === "section") throw badRequest("task: Separators (tasks with resource_subtype section) cannot be added to a section.");
      const owner = mustGet(request, section.project as string, "project", "project");
      // addTaskForSection: "inserted at the top of a section unless an insert_before or insert_after parameter is declared".
      fileTask(request, task, owner, { section, placement: { insert_before: fields.insert_before, insert_after: fields.insert_after }, where: "start" });
      return data({});
    },
  },
];
