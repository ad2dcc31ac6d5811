import { badRequest, bodyData, data, mustGet, type EmulatorRoute } from "../http-kit.js";
import { listResponse } from "../pagination.js";
import { project } from "../projection.js";
import { readRichText } from "../rich-text.js";

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
      return data(project(request.store, story, request.optFields), 201);
    },
  },
];
