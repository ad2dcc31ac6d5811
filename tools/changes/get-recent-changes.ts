import * as z from "zod";
import { AsanaApiError } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, nonEmptyText } from "../../src/toolkit/index.js";
import { findProjectHint, findTaskHint } from "../shared/hints.js";
import { changeShape, maxEventsPerAnswer, presentChange } from "./model.js";

/**
 * Asana's answer to a missing, unknown or expired sync token is a 412 carrying a fresh token beside
 * the errors (GET /events). For this tool that is not a failure but the start of a stream.
 */
function freshSyncToken(error: unknown): string | undefined {
  if (!(error instanceof AsanaApiError) || error.status !== 412) return undefined;
  const sync = (error.body as { sync?: unknown } | undefined)?.sync;
  return typeof sync === "string" && sync !== "" ? sync : undefined;
}

const readTheStateNow = "For the current state, read the project or task itself (Asana_GetProjectById, Asana_ListTasksInProject, Asana_GetTaskById).";

export const getRecentChanges = defineTool({
  name: "GetRecentChanges",
  title: "Get recent changes",
  toolset: "changes",
  description:
    "What changed in a project or task since the last check: who did what, to which task or field, when. The first call only starts tracking and returns a sync_token; " +
    "pass the latest sync_token on each later call. Tokens last about a day.",
  input: () =>
    z.strictObject({
      resource_id: gidParam("project or task", `${findProjectHint} ${findTaskHint}`).describe("A project or task id."),
      sync_token: nonEmptyText(
        "must be the sync_token an earlier call returned",
        "Pass the sync_token from the previous call, or leave it out to start",
        1024,
      ).optional(),
    }),
  output: () =>
    z.object({
      changes: z.array(changeShape).describe("Oldest first."),
      count: z.number().int(),
      sync_token: z.string().describe("Pass it on the next call."),
      has_more: z.boolean().describe("True when more changes are waiting: call again at once with sync_token."),
      token_expired: z.boolean().optional().describe("True when the sync_token given was too old or unknown."),
      note: z.string().optional(),
    }),
  annotations: annotate.read,
  // Asana answers the same sync token with the same changes, so a cut answer resumes inside them.
  answer: { cursor: { input: "sync_token", token: "sync_token", more: "has_more" } },
  errorHints: {
    400: "Changes can be followed on projects and tasks (and goals); check that resource_id is one of those.",
    404: `No project or task has this id, or the user cannot see it. ${findProjectHint}`,
  },
  async handler(input, { asana }) {
    let body: { data?: unknown; sync?: string; has_more?: boolean };
    try {
      body = await asana.getResponseBody("/events", { query: { resource: input.resource_id, sync: input.sync_token } });
    } catch (error) {
      const sync = freshSyncToken(error);
      if (sync === undefined) throw error;
      if (input.sync_token === undefined) {
        return {
          changes: [],
          count: 0,
          sync_token: sync,
          has_more: false,
          note: `Nothing yet: Asana tracks changes from now on. Call again later with this sync_token to get what changed in ${input.resource_id} since. ${readTheStateNow}`,
        };
      }
      return {
        changes: [],
        count: 0,
        sync_token: sync,
        has_more: false,
        token_expired: true,
        note:
          "The sync_token was too old or unknown (Asana keeps one for about a day), so the changes since it cannot be listed. " +
          `Tracking starts again from now: use this new sync_token on the next call. ${readTheStateNow}`,
      };
    }
    const events: unknown = body.data ?? [];
    if (!Array.isArray(events)) throw new AsanaApiError(200, "GET", "/events", "the answer has no list of events (data)");
    // Asana sends at most 100 events per answer; an answer that holds more is cut there, and says so.
    const changes = events.slice(0, maxEventsPerAnswer).map(presentChange);
    const hasMore = body.has_more === true;
    const cut =
      events.length > maxEventsPerAnswer
        ? `Asana sent ${events.length} changes in one answer, more than the ${maxEventsPerAnswer} it documents; only the first ${maxEventsPerAnswer} are listed. ${readTheStateNow}`
        : undefined;
    const status = hasMore
      ? "More changes are waiting: call again now with this sync_token."
      : changes.length === 0
        ? "Nothing changed since the last check."
        : undefined;
    const note = [cut, status].filter(Boolean).join(" ");
    return {
      changes,
      count: changes.length,
      sync_token: typeof body.sync === "string" ? body.sync : (input.sync_token ?? ""),
      has_more: hasMore,
      ...(note ? { note } : {}),
    };
  },
});
