import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, boundedText, dateParam, defineTool, gidParam, mutationStatus } from "../../src/toolkit/index.js";
import { findProjectHint, findTaskHint } from "../shared/hints.js";
import { carriesMarker, markedNotes, takeOutMarker } from "../shared/create-markers.js";
import { currentUserId, findInPages } from "../shared/lost-answers.js";
import { presentTimeEntry, timeAccessHint, timeEntryListOptFields, timeEntryOptFields, timeEntryShape, timePlanHint, type AsanaTimeEntry } from "./model.js";

/** A week of minutes: more in one entry is a typo (hours given as minutes, say), not a day's work. */
const maxMinutes = 7 * 24 * 60;
const minutesRule = `must be a whole number of minutes from 1 to ${maxMinutes}`;

export const addTimeTrackingEntry = defineTool({
  name: "AddTimeTrackingEntry",
  title: "Log time on a task",
  toolset: "time",
  description: "Log time the user spent on a task. Asana Advanced plans and up. Each call adds a new entry.",
  input: () =>
    z.strictObject({
      task_id: gidParam("task", findTaskHint),
      minutes: z
        .number({ error: minutesRule })
        .int({ error: minutesRule })
        .min(1, { error: minutesRule })
        .max(maxMinutes, { error: `${minutesRule}. Split longer work into several entries` }),
      entered_on: dateParam("Day it counts for (default today)").optional(),
      description: boundedText("what the time was spent on", 65_536).optional(),
      project_id: gidParam("project", findProjectHint).optional().describe("One of the task's projects to count it toward (default its first)."),
    }),
  output: () => z.object({ status: mutationStatus, entry: timeEntryShape }),
  annotations: annotate.create,
  errorHints: {
    400: "project_id must be one of the task's own projects (Asana_GetTaskById lists them).",
    402: timePlanHint,
    403: timeAccessHint,
    404: `No task (or project) has this id, or the user cannot see it. ${findTaskHint}`,
    unknownOutcome: "Look at the task's entries with Asana_ListTimeTrackingEntries.",
  },
  async handler(input, { asana, createMarker: marker }) {
    // The call's marker ends the entry's description until the answer is in (see CreateMarker).
    const raw = await asana.post<AsanaTimeEntry>(
      asanaPath`/tasks/${input.task_id}/time_tracking_entries`,
      { duration_minutes: input.minutes, entered_on: input.entered_on, description: markedNotes(input.description, marker), attributable_to: input.project_id },
      { optFields: timeEntryOptFields },
    );
    const unmarked = await takeOutMarker<AsanaTimeEntry>(
      asana,
      asanaPath`/time_tracking_entries/${raw.gid}`,
      { description: input.description },
      "description",
      marker,
      timeEntryOptFields,
    );
    return {
      status: { success: true, message: `${input.minutes} minutes logged on task ${input.task_id}${unmarked?.note ? `; ${unmarked.note}` : ""}` },
      entry: presentTimeEntry(unmarked?.raw ?? raw),
    };
  },
  // Asana's answer was lost: the task's entry that carries this call's marker is this call's; without
  // one, this user's entry of these minutes made since the call started.
  async reconcile(input, ctx) {
    const { asana, madeDuringCall } = ctx;
    const marker = ctx.createMarker?.placed ? ctx.createMarker : undefined;
    if (marker) {
      // The task's list has no descriptions: this user's entries of these minutes are read one by one.
      const me = await currentUserId(asana);
      const mine = await findInPages<AsanaTimeEntry>(
        asana,
        asanaPath`/tasks/${input.task_id}/time_tracking_entries`,
        { optFields: timeEntryListOptFields },
        (entry) => entry.created_by?.gid === me && entry.duration_minutes === input.minutes,
      );
      const read = await Promise.all(
        mine
          .slice(-10)
          .map((entry) =>
            asana.get<AsanaTimeEntry & { description?: string }>(asanaPath`/time_tracking_entries/${entry.gid}`, { optFields: timeEntryOptFields }),
          ),
      );
      const marked = read.filter((entry) => carriesMarker(entry.description, marker));
      if (marked.length !== 1) return undefined;
      const unmarked = await takeOutMarker<AsanaTimeEntry>(
        asana,
        asanaPath`/time_tracking_entries/${marked[0]!.gid}`,
        { description: input.description },
        "description",
        marker,
        timeEntryOptFields,
      );
      const raw = unmarked?.raw ?? marked[0]!;
      return {
        status: {
          success: true,
          message: `${input.minutes} minutes logged (Asana's answer was lost on the way back; the entry was found by the marker this call put on it)${unmarked?.note ? `; ${unmarked.note}` : ""}`,
        },
        entry: presentTimeEntry(raw),
      };
    }
    const me = await currentUserId(asana);
    const candidates = await findInPages<AsanaTimeEntry>(
      asana,
      asanaPath`/tasks/${input.task_id}/time_tracking_entries`,
      { optFields: timeEntryListOptFields },
      (entry) =>
        entry.created_by?.gid === me && entry.duration_minutes === input.minutes && (input.entered_on === undefined || entry.entered_on === input.entered_on),
    );
    // The list has no creation times; a handful of look-alikes are read one by one for theirs.
    if (candidates.length === 0 || candidates.length > 5) return undefined;
    const entries = await Promise.all(
      candidates.map((entry) =>
        asana.get<AsanaTimeEntry>(asanaPath`/time_tracking_entries/${entry.gid}`, { optFields: [...timeEntryOptFields, "created_at"] }),
      ),
    );
    const found = entries.filter((entry) => madeDuringCall(entry));
    if (found.length !== 1) return undefined;
    return {
      status: { success: true, message: `${input.minutes} minutes logged (Asana's answer was lost on the way back; the entry was found)` },
      entry: presentTimeEntry(found[0]!),
    };
  },
  marks: "the end of the entry's description",
});
