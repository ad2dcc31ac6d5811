import * as z from "zod";
import { annotate, boundedText, defineTool, mutationStatus, nonEmptyText, richTextProblem, ToolInputError } from "../../src/toolkit/index.js";
import { projectIdInAnyWorkspace } from "../shared/lookups.js";
import { currentUserId, findInPages } from "../shared/lost-answers.js";
import { markdownOrAsGiven, markdownParam } from "../shared/markdown-text.js";
import {
  findStatusParentHint,
  presentStatusUpdate,
  statusPlanHint,
  statusRichTextFix,
  statusTypes,
  statusUpdateOptFields,
  statusUpdateShape,
  type AsanaStatusUpdate,
} from "./model.js";

/** Asana documents no limit on a status update's text; this keeps a runaway argument from becoming a 10 MB body. */
const maxTextLength = 65_536;

export const createStatusUpdate = defineTool({
  name: "CreateStatusUpdate",
  title: "Post a status update",
  toolset: "status",
  description:
    "Post a status update on a project, portfolio or goal; it becomes the current status. Give text, or html_text (Asana rich text, as in comments). Each call posts a new one.",
  input: () =>
    z.strictObject({
      // A project is the usual parent and people name it; portfolios and goals are given by id.
      parent_id: nonEmptyText("must be a project, portfolio or goal id, or a project's exact name", findStatusParentHint).describe(
        "Id, or a project's exact name.",
      ),
      status_type: z
        .enum(statusTypes, { error: `must be one of: ${statusTypes.join(", ")}` })
        .describe("Goals: achieved, partial, missed instead of on_hold, complete."),
      title: boundedText("the update's title", 1024).optional(),
      text: boundedText("the update as plain text", maxTextLength).optional(),
      html_text: boundedText("the update as Asana rich text, <body>...</body>", maxTextLength).optional(),
      markdown: markdownParam("text"),
    }),
  output: () => z.object({ status: mutationStatus, status_update: statusUpdateShape }),
  annotations: annotate.create,
  errorHints: {
    400: ({ asanaMessage }) =>
      /status_type/.test(asanaMessage)
        ? "Projects and portfolios take on_track, at_risk, off_track, on_hold, complete or dropped; goals take on_track, at_risk, off_track, achieved, partial, missed or dropped."
        : /html_text/.test(asanaMessage)
          ? statusRichTextFix
          : undefined,
    402: statusPlanHint,
    404: `No project, portfolio or goal has this id, or the user cannot see it. ${findStatusParentHint}`,
    unknownOutcome: "Look at the latest status updates with Asana_ListStatusUpdates.",
  },
  async handler(input, ctx) {
    const { asana } = ctx;
    if ((input.text === undefined) === (input.html_text === undefined)) {
      throw new ToolInputError(
        input.text === undefined ? "text" : "text, html_text",
        input.text === undefined ? "is missing: a status update needs text or html_text" : "are both given; Asana takes exactly one of them",
        input.text === undefined ? "Pass the update as text (plain) or html_text (rich text)." : "Keep text for plain text, or html_text for rich text.",
      );
    }
    if ((input.text ?? input.html_text!).trim() === "") {
      throw new ToolInputError(input.text !== undefined ? "text" : "html_text", "is empty, so there is nothing to post", "Write what the status is and why.");
    }
    if (input.html_text !== undefined) {
      const problem = richTextProblem(input.html_text, "story");
      if (problem) throw new ToolInputError("html_text", problem, statusRichTextFix);
    }
    const parent = await projectIdInAnyWorkspace(ctx, input.parent_id, "parent_id");
    const raw = await asana.post<AsanaStatusUpdate>(
      "/status_updates",
      {
        parent,
        status_type: input.status_type,
        title: input.title,
        ...(markdownOrAsGiven(input, { name: "text", value: input.text }, { name: "html_text", value: input.html_text }, "story") ?? {
          text: input.text,
          html_text: input.html_text,
        }),
      },
      { optFields: statusUpdateOptFields },
    );
    return { status: { success: true, message: `${input.status_type} status update posted` }, status_update: presentStatusUpdate(raw) };
  },
  // Asana's answer was lost: look for this user's update of this type and title, posted since the call started.
  // A status update cannot be edited through the API, so a marker in it could never be taken out: none is put there.
  async reconcile(input, ctx) {
    const { asana, madeDuringCall } = ctx;
    const [me, parent] = await Promise.all([currentUserId(asana), projectIdInAnyWorkspace(ctx, input.parent_id, "parent_id")]);
    const found = await findInPages<AsanaStatusUpdate>(
      asana,
      "/status_updates",
      { query: { parent }, optFields: statusUpdateOptFields },
      (update) =>
        update.author?.gid === me && update.status_type === input.status_type && (update.title ?? "") === (input.title ?? "") && madeDuringCall(update),
      2,
    );
    if (found.length !== 1) return undefined;
    return {
      status: { success: true, message: `${input.status_type} status update posted (Asana's answer was lost on the way back; the update was found)` },
      status_update: presentStatusUpdate(found[0]!),
    };
  },
});
