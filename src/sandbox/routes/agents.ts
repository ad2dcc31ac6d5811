import { data, mustGet, type EmulatorRoute } from "../http-kit.js";
import { listResponse } from "../pagination.js";
import { project } from "../projection.js";

/** AI teammates (AgentResponse): read-only in the API, listed per workspace and found by typeahead. */
export const agentRoutes: EmulatorRoute[] = [
  {
    method: "GET",
    path: "/agents/{agent_gid}",
    handle: (request) => data(project(request.store, mustGet(request, request.params.agent_gid, "agent", "agent"), request.optFields)),
  },
  {
    method: "GET",
    path: "/workspaces/{workspace_gid}/agents",
    handle: (request) => {
      const workspace = mustGet(request, request.params.workspace_gid, "workspace", "workspace");
      return listResponse(
        request,
        request.store.all("agent", (agent) => agent.workspace === workspace.gid),
      );
    },
  },
];
