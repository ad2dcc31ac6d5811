import { badRequest, data, mustGet, type EmulatorRoute } from "../http-kit.js";
import { myTasksOf, tasksInMyTasks } from "../my-tasks.js";
import { listResponse } from "../pagination.js";
import { project } from "../projection.js";
import { completedSinceFilter } from "./tasks.js";
import { userFromPath } from "./users.js";

/** My Tasks: a user's task list per workspace, and the tasks in it section by section. */
export const myTasksRoutes: EmulatorRoute[] = [
  {
    method: "GET",
    path: "/users/{user_gid}/user_task_list",
    handle: (request) => {
      const user = userFromPath(request, request.params.user_gid);
      if (!request.query.workspace) throw badRequest("workspace: Missing input");
      const workspace = mustGet(request, request.query.workspace, "workspace", "workspace");
      if (!((user.workspaces as string[] | undefined) ?? []).includes(workspace.gid)) {
        throw badRequest(`workspace: User ${user.gid} is not a member of workspace ${workspace.gid}, so has no My Tasks there.`);
      }
      return data(project(request.store, myTasksOf(request.store, user.gid, workspace.gid), request.optFields));
    },
  },
  {
    method: "GET",
    path: "/user_task_lists/{user_task_list_gid}",
    handle: (request) =>
      data(project(request.store, mustGet(request, request.params.user_task_list_gid, "user_task_list", "user_task_list"), request.optFields)),
  },
  {
    method: "GET",
    path: "/user_task_lists/{user_task_list_gid}/tasks",
    handle: (request) => {
      const list = mustGet(request, request.params.user_task_list_gid, "user_task_list", "user_task_list");
      return listResponse(request, tasksInMyTasks(request.store, list).filter(completedSinceFilter(request)));
    },
  },
];
