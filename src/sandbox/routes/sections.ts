import { badRequest, bodyData, data, mustGet, type EmulatorRoute } from "../http-kit.js";
import { checkPlacement, placeInOrder } from "../manual-order.js";
import { listResponse } from "../pagination.js";
import { project } from "../projection.js";
import { fileTask, sectionsOf, tasksInSection } from "../task-placement.js";
import { completedSinceFilter } from "./tasks.js";

export const sectionRoutes: EmulatorRoute[] = [
  {
    method: "GET",
    path: "/projects/{project_gid}/sections",
    handle: (request) => {
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
