import { data, mustGet, type EmulatorRoute } from "../http-kit.js";
import { project } from "../projection.js";

export const userRoutes: EmulatorRoute[] = [
  {
    method: "GET",
    path: "/users/{user_gid}",
    handle: (request) => data(project(request.store, mustGet(request, request.params.user_gid, "user", "user"), request.optFields)),
  },
];
