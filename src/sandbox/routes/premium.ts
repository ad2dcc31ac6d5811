import { badRequest, mustGet, paymentRequired, type EmulatorRoute } from "../http-kit.js";
import { listResponse } from "../pagination.js";
import type { StoredObject } from "../store.js";

/**
 * Features Asana keeps for paid plans. On a free workspace Asana answers 402 Payment Required,
 * for reads as well as writes (since 2018).
 */
export function requirePremium(workspace: StoredObject, feature: string): void {
  if (workspace._premium !== true) throw paymentRequired(feature);
}


export const premiumRoutes: EmulatorRoute[] = [
  {
    method: "GET",
    path: "/workspaces/{workspace_gid}/custom_fields",
    handle: (request) => {
      const workspace = mustGet(request, request.params.workspace_gid, "workspace", "workspace");
      requirePremium(workspace, "Custom fields");
      return listResponse(request, request.store.all("custom_field", (f) => f.workspace === workspace.gid));
    },
  },
  {
    method: "GET",
    path: "/tasks/{task_gid}/dependencies",
    handle: (request) => {
      const task = mustGet(request, request.params.task_gid, "task", "task");
      requirePremium(mustGet(request, task.workspace as string, "workspace", "workspace"), "Task dependencies");
      const dependencies = ((task.dependencies as string[] | undefined) ?? []).map((gid) => request.store.get(gid, "task")).filter((t): t is StoredObject => !!t);
      return listResponse(request, dependencies);
    },
  },
  {
    method: "GET",
    path: "/goals",
    handle: (request) => {
      const { workspace } = request.query;
      if (!workspace && !request.query.team && !request.query.project && !request.query.portfolio) {
        throw badRequest("workspace: Missing input. Provide a workspace, team, project or portfolio.");
      }
      if (workspace) requirePremium(mustGet(request, workspace, "workspace", "workspace"), "Goals");
      return listResponse(request, []);
    },
  },
];

