import { badRequest, bodyData, data, mustGet, type EmulatorRequest, type EmulatorRoute } from "../http-kit.js";
import { listResponse } from "../pagination.js";
import { project } from "../projection.js";

/** The colors Asana's document allows on a tag (TagBase.color); null means no color. */
const tagColors = new Set(["pink", "green", "blue", "red", "teal", "brown", "orange", "purple", "warm-gray"].flatMap((hue) => [`dark-${hue}`, `light-${hue}`]));

/** updateTag: name, color (null for none) and notes; what is not sent stays. */
function updateTag(request: EmulatorRequest) {
  const tag = mustGet(request, request.params.tag_gid, "tag", "tag");
  const fields = bodyData(request);
  const changes: Record<string, unknown> = {};
  if ("name" in fields) {
    if (typeof fields.name !== "string" || fields.name.trim() === "") throw badRequest("name: Must be a non-empty string.");
    changes.name = fields.name;
  }
  if ("color" in fields) {
    if (fields.color !== null && !tagColors.has(String(fields.color))) throw badRequest(`color: Invalid value: ${String(fields.color)}`);
    changes.color = fields.color;
  }
  if ("notes" in fields) {
    if (typeof fields.notes !== "string") throw badRequest("notes: Must be a string.");
    changes.notes = fields.notes;
  }
  Object.assign(tag, changes);
  return data(project(request.store, tag, request.optFields));
}

/** deleteTag: the tag goes, and with it its place on every task that had it. */
function deleteTag(request: EmulatorRequest) {
  const tag = mustGet(request, request.params.tag_gid, "tag", "tag");
  for (const task of request.store.all("task", (t) => ((t.tags as string[] | undefined) ?? []).includes(tag.gid))) {
    task.tags = (task.tags as string[]).filter((gid) => gid !== tag.gid);
  }
  request.store.delete(tag.gid);
  return data({});
}

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
  { method: "PUT", path: "/tags/{tag_gid}", handle: updateTag },
  { method: "DELETE", path: "/tags/{tag_gid}", handle: deleteTag },
  {
    method: "GET",
    path: "/tags/{tag_gid}/tasks",
    handle: (request) => {
      const tag = mustGet(request, request.params.tag_gid, "tag", "tag");
      return listResponse(
        request,
        request.store.all("task", (t) => ((t.tags as string[] | undefined) ?? []).includes(tag.gid)),
      );
    },
  },
];
