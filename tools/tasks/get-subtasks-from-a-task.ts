import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, nextPageTokenParam, pagedList, pagedListShape, pageLimitParam } from "../../src/toolkit/index.js";
import { findTaskHint } from "../shared/hints.js";
import { presentTaskSummary, subtaskListOptFields, taskSummaryShape, type AsanaTask } from "./model.js";

export const getSubtasksFromATask = defineTool({
  name: "GetSubtasksFromATask",
  title: "List a task's subtasks",
  toolset: "tasks",
  description: "List a task's subtasks, a page at a time. A subtask is a task: pass its id here again, or to Asana_GetTaskById.",
  input: () =>
    z.strictObject({
      task_id: gidParam("task", findTaskHint),
      limit: pageLimitParam("subtasks"),
      next_page_token: nextPageTokenParam,
    }),
  output: () => pagedListShape("subtasks", taskSummaryShape),
  annotations: annotate.read,
  errorHints: {
    400: "If Asana calls the page token invalid, start again without next_page_token.",
    404: `No task has this id, or the user cannot see it. ${findTaskHint}`,
  },
  async handler(input, { asana }) {
    const page = await asana.getPage<AsanaTask>(asanaPath`/tasks/${input.task_id}/subtasks`, {
      limit: input.limit,
      offset: input.next_page_token,
      optFields: subtaskListOptFields,
    });
    return pagedList("subtasks", page.items.map(presentTaskSummary), page.nextOffset);
  },
});
