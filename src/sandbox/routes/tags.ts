import { badRequest, bodyData, data, mustGet, type EmulatorRoute } from "../http-kit.js";
import { listResponse } from "../pagination.js";
import { project } from "../projection.js";

/** The colors Asana's document allows on a tag (TagBase.color); null means no color. */
const tagColors = new Set(["pink", "green", "blue", "red", "teal", "brown", "orange", "purple", "warm-gray"].flatMap((hue) => [`dark-${hue}`, `light-${hue}`]));

export const tagRoutes: EmulatorRoute[] = [
  {
    method: "GET",
    path: "/tags",
    handle: (request) => {
      const { workspace } = request.query;
      if (workspace) mustGet(request, workspace, "workspace", "workspace");
      const tags = request.store.all("tag", (t) => !workspace || t.workspace === workspace);
      return listResponse(request, tags);
    },
  },
  {
    method: "GET",
    path: "/tags/{tag_gid}",
    handle: (request) => data(project(request.store, mustGet(request, request.params.tag_gid, "tag", "tag"), request.optFields)),
  },
  {
    method: "POST",
    path: "/tags",
    handle: (request) => {
      const fields = bodyData(request);
      if (fields.workspace === undefined) throw badRequest("workspace: Missing input");
      const workspace = mustGet(request, String(fields.workspace), "workspace", "workspace");
      if (typeof fields.name !== "string" || fields.name.trim() === "") throw badRequest("name: Missing input");
      if (fields.color !== undefined && fields.color !== null && !tagColors.has(String(fields.color))) {
        throw badRequest(`color: Invalid value: ${String(fields.color)}`);
      }
      const tag = request.store.insert({
        resource_type: "tag",
        name: fields.name,
        notes: typeof fields.notes === "string" ? fields.notes : "",
        color: (fields.color as string | undefined) ?? null,
        workspace: workspace.gid,
        followers: [],
        created_at: request.store.now(),
        permalink_url: "",
      });
      tag.permalink_url = `https://app.asana.com/0/${tag.gid}/list`;
      return data(project(request.store, tag, request.optFields), 201);
    },
  },
];
