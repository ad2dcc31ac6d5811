import { badRequest, mustGet, type EmulatorRoute } from "../http-kit.js";
import { listResponse } from "../pagination.js";
import { requirePremium } from "../plans.js";

export const premiumRoutes: EmulatorRoute[] = [
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
