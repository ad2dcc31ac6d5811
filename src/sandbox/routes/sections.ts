import { data, mustGet, type EmulatorRoute } from "../http-kit.js";
import { paginate } from "../pagination.js";
import { compactOf, project } from "../projection.js";

export const sectionRoutes: EmulatorRoute[] = [
  {
    method: "GET",
    path: "/projects/{project_gid}/sections",
    handle: (request) => {
      const owner = mustGet(request, request.params.project_gid, "project", "project");
      const sections = request.store.all("section", (s) => s.project === owner.gid);
      return paginate(request, sections.map((s) => (request.optFields ? project(request.store, s, request.optFields) : compactOf(request.store, s))));
    },
  },
  {
    method: "GET",
    path: "/sections/{section_gid}",
    handle: (request) => data(project(request.store, mustGet(request, request.params.section_gid, "section", "section"), request.optFields)),
  },
];
