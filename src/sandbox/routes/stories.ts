import { AsanaFailure, badRequest, bodyData, data, mustGet, type EmulatorRequest, type EmulatorRoute } from "../http-kit.js";
import { listResponse } from "../pagination.js";
import { project } from "../projection.js";
import { readRichText } from "../rich-text.js";

/** Asana's answer to a change of someone else's story: the API acts as the user, who may change only their own. */
function onlyTheAuthor(request: EmulatorRequest, story: Record<string, unknown>, action: string): void {
  if (story.created_by !== request.me.gid) throw new AsanaFailure(403, `You can only ${action} stories you have created.`);
}

/**
 * updateStory: "Only comment stories can have their text updated, and only comment stories and
 * attachment stories can be pinned. Only one of `text` and `html_text` can be specified."
 */
function updateStory(request: EmulatorRequest) {
  const story = mustGet(request, request.params.story_gid, "story", "story");
  const fields = bodyData(request);
  const changes: Record<string, unknown> = {};
  if (fields.text !== undefined && fields.html_text !== undefined) throw badRequest("text: Cannot be used together with html_text.");
  if (fields.text !== undefined || fields.html_text !== undefined) {
    if (story.type !== "comment") throw badRequest("text: Only comment stories can have their text updated.");
    onlyTheAuthor(request, story, "edit");
    if (typeof fields.html_text === "string") {
      const read = readRichText(fields.html_text, "story");
      if ("problem" in read) throw badRequest(`html_text: ${read.problem}`);
      Object.assign(changes, { html_text: fields.html_text, text: read.plain });
    } else {
      if (typeof fields.text !== "string" || fields.text.trim() === "") throw badRequest("text: Must be a non-empty string.");
      Object.assign(changes, { text: fields.text, html_text: `<body>${fields.text.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</body>` });
    }
    changes.is_edited = true;
  }
  if (fields.is_pinned !== undefined) {
    if (typeof fields.is_pinned !== "boolean") throw badRequest("is_pinned: Must be true or false.");
    if (story.type !== "comment" && story.resource_subtype !== "attachment_added")
      throw badRequest("is_pinned: Only comment stories and attachment stories can be pinned.");
    changes.is_pinned = fields.is_pinned;
  }
  Object.assign(story, changes);
  return data(project(request.store, story, request.optFields));
}

/** Comments and activity on a task. */
export const storyRoutes: EmulatorRoute[] = [
  {
    method: "GET",
    path: "/tasks/{task_gid}/stories",
    handle: (request) => {
      const task = mustGet(request, request.params.task_gid, "task", "task");
      const stories = request.store.all("story", (s) => s.target === task.gid);
      return listResponse(request, stories);
    },
  },
  {
    method: "POST",
    path: "/tasks/{task_gid}/stories",
    handle: (request) => {
      const task = mustGet(request, request.params.task_gid, "task", "task");
      const fields = bodyData(request);
      const htmlText = fields.html_text;
      // StoryBase: text "Cannot be used with html_text".
      if (fields.text !== undefined && htmlText !== undefined) throw badRequest("text: Cannot be used together with html_text.");
      const read = typeof htmlText === "string" ? readRichText(htmlText, "story") : undefined;
      if (read && "problem" in read) throw badRequest(`html_text: ${read.problem}`);
      const text = typeof fields.text === "string" ? fields.text : read?.plain;
      if (!text) throw badRequest("text: Missing input");
      const story = request.store.insert({
        resource_type: "story",
        resource_subtype: "comment_added",
        type: "comment",
        text,
        html_text: typeof htmlText === "string" ? htmlText : `<body>${text.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</body>`,
        is_pinned: fields.is_pinned === true,
        created_at: request.store.now(),
        created_by: request.me.gid,
        target: task.gid,
      });
      // Asana: "a story is created on a task" is one of the changes that move a task's modified_at.
      task.modified_at = request.store.now();
      return data(project(request.store, story, request.optFields), 201);
    },
  },
  {
    method: "GET",
    path: "/stories/{story_gid}",
    handle: (request) => data(project(request.store, mustGet(request, request.params.story_gid, "story", "story"), request.optFields)),
  },
  { method: "PUT", path: "/stories/{story_gid}", handle: updateStory },
  {
    method: "DELETE",
    path: "/stories/{story_gid}",
    handle: (request) => {
      // deleteStory: "A user can only delete stories they have created."
      const story = mustGet(request, request.params.story_gid, "story", "story");
      onlyTheAuthor(request, story, "delete");
      request.store.delete(story.gid);
      return data({});
    },
  },
];
