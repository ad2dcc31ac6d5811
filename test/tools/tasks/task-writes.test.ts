import { afterEach, describe, expect, test } from "vitest";
import { createTask } from "../../../tools/tasks/create-task.js";
import { markTaskAsCompleted } from "../../../tools/tasks/mark-task-as-completed.js";
import { taskOptFields } from "../../../tools/tasks/model.js";
import { updateTask } from "../../../tools/tasks/update-task.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { insertTask } from "../../support/world.js";
import { callTool, callToolWithRawArguments, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";
import { markedText } from "../../support/create-marker.js";

afterEach(closeClients);

const taskFields = taskOptFields.join(",");

describe("UpdateTask", () => {
  test("sends only the fields given and returns the updated task", async () => {
    const fake = await startAsanaFake();
    const { task, colleague } = fake.world;
    const output = outputOf(
      await callTool(fake, updateTask, { task_id: task.gid, name: "Prepare the Q4 report", due_date: "2026-12-20", assignee_id: colleague.gid }),
    );
    expect(output.status).toEqual({ success: true, message: "task updated successfully" });
    expect(output.task).toMatchObject({
      id: task.gid,
      name: "Prepare the Q4 report",
      due_on: "2026-12-20",
      assignee: { id: colleague.gid, name: "Grace Hopper" },
      notes: "Numbers from finance, charts from design.",
    });
    expect(output.task).not.toHaveProperty("subtasks");
    const [put] = fake.requestsTo("PUT", `/tasks/${task.gid}`);
    expect(put?.body).toEqual({ data: { name: "Prepare the Q4 report", due_on: "2026-12-20", assignee: colleague.gid } });
    expect(put?.query).toEqual({ opt_fields: taskFields });
    expect(fake.store.get(task.gid)?.name).toBe("Prepare the Q4 report");
  });

  test("an empty description clears it, and a user may be named by email", async () => {
    const fake = await startAsanaFake();
    const { task, colleague } = fake.world;
    const output = outputOf(await callTool(fake, updateTask, { task_id: task.gid, description: "", assignee_id: "grace@acme.test" }));
    expect(output.task).not.toHaveProperty("notes");
    expect(output.task.assignee).toEqual({ id: colleague.gid, name: "Grace Hopper" });
    expect(fake.requestsTo("PUT", `/tasks/${task.gid}`)[0]?.body).toEqual({ data: { notes: "", assignee: "grace@acme.test" } });
  });

  test("an assignee may be named as people say it: a full name, or a first name one person has", async () => {
    const fake = await startAsanaFake();
    const { task, colleague, premium } = fake.world;
    const byFirst = outputOf(await callTool(fake, updateTask, { task_id: task.gid, assignee_id: "grace", due_date: "2026-12-18" }));
    expect(byFirst.task.assignee).toEqual({ id: colleague.gid, name: "Grace Hopper" });
    expect(fake.requestsTo("PUT", `/tasks/${task.gid}`)[0]?.body).toEqual({ data: { assignee: colleague.gid, due_on: "2026-12-18" } });
    expect(fake.requestsTo("GET", `/workspaces/${premium.gid}/typeahead`)[0]?.query).toMatchObject({ resource_type: "user", query: "grace" });
    fake.store.insert({ resource_type: "user", name: "Grace Kelly", email: "kelly@acme.test", photo: null, workspaces: [premium.gid] });
    const byFull = outputOf(await callTool(fake, updateTask, { task_id: task.gid, assignee_id: "Grace Hopper" }));
    expect(byFull.task.assignee).toEqual({ id: colleague.gid, name: "Grace Hopper" });
  });

  test("a name no one has, or two people share, is refused naming assignee_id, and the task is not written", async () => {
    const fake = await startAsanaFake();
    const { task, premium } = fake.world;
    const nobody = errorOf(await callTool(fake, updateTask, { task_id: task.gid, assignee_id: "Linus" }));
    expect(nobody.message).toContain('No one named "Linus" is in the user\'s workspaces (assignee_id). Pass their email, id, or full name.');
    const kelly = fake.store.insert({ resource_type: "user", name: "Grace Kelly", email: "kelly@acme.test", photo: null, workspaces: [premium.gid] });
    const two = errorOf(await callTool(fake, updateTask, { task_id: task.gid, assignee_id: "Grace", due_date: "2026-12-18" }));
    expect(two.message).toContain('2 people are named "Grace" (assignee_id); pass the email or id of the one meant.');
    expect(two.additionalPromptContent).toContain(`"id":"${kelly.gid}"`);
    expect(fake.requestsTo("PUT", `/tasks/${task.gid}`)).toHaveLength(0);
  });

  test("an update with nothing to change is refused without a request, naming the fields that can change", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, updateTask, { task_id: fake.world.task.gid }));
    expect(error.kind).toBe("TOOL_RUNTIME_BAD_INPUT_VALUE");
    expect(error.message).toContain(
      "`name, completed, start_date, due_date, description, html_notes, assignee_id, task_type, approval_status, custom_fields, clear`: must change at least one field: none of these was given. " +
        'Pass the fields to change (clear ["due_date"] empties one)',
    );
    expect(error.message).not.toContain("(arguments)");
    expect(fake.exchanges).toHaveLength(0);
  });

  test("clear unassigns the task and empties its due and start dates", async () => {
    const fake = await startAsanaFake();
    const { task } = fake.world;
    fake.store.get(task.gid)!.start_on = "2026-12-01";
    const output = outputOf(await callTool(fake, updateTask, { task_id: task.gid, clear: ["assignee_id", "due_date", "start_date"] }));
    expect(output.task).not.toHaveProperty("assignee");
    expect(output.task).not.toHaveProperty("due_on");
    expect(output.task).not.toHaveProperty("start_on");
    expect(output.task.name).toBe("Prepare the quarterly report");
    expect(fake.requestsTo("PUT", `/tasks/${task.gid}`)[0]?.body).toEqual({ data: { due_on: null, start_on: null, assignee: null } });
    expect(fake.store.get(task.gid)).toMatchObject({ assignee: null, due_on: null, start_on: null });
  });

  test("clearing the due date also clears a due time", async () => {
    const fake = await startAsanaFake();
    const timed = insertTask(fake.store, fake.world, { name: "Call the venue", due_on: "2026-12-10", due_at: "2026-12-10T15:00:00.000Z" });
    const output = outputOf(await callTool(fake, updateTask, { task_id: timed.gid, clear: ["due_date"] }));
    expect(output.task).not.toHaveProperty("due_on");
    expect(output.task).not.toHaveProperty("due_at");
  });

  test("the description says how to empty a field, and null (what strict-mode clients send for what they leave out) changes nothing", async () => {
    expect(updateTask.description).toContain('clear empties fields, e.g. ["due_date"]');
    const fake = await startAsanaFake();
    const { task } = fake.world;
    const before = { ...fake.store.get(task.gid) };
    outputOf(
      await callToolWithRawArguments(fake, updateTask, {
        task_id: task.gid,
        name: "Renamed",
        due_date: null,
        assignee_id: null,
        start_date: null,
        clear: null,
      }),
    );
    expect(fake.requestsTo("PUT", `/tasks/${task.gid}`)[0]?.body).toEqual({ data: { name: "Renamed" } });
    expect(fake.store.get(task.gid)).toMatchObject({ ...before, name: "Renamed", modified_at: expect.any(String) });
  });

  test("a field both given and cleared is refused naming both, without a request", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, updateTask, { task_id: fake.world.task.gid, due_date: "2026-12-20", clear: ["due_date"] }));
    expect(error.kind).toBe("TOOL_RUNTIME_BAD_INPUT_VALUE");
    expect(error.message).toContain("`due_date, clear`: set due_date and clear it in the same call");
    expect(fake.exchanges).toHaveLength(0);
  });

  test("a start date while the due date is cleared is refused without a request", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, updateTask, { task_id: fake.world.task.gid, start_date: "2026-12-01", clear: ["due_date"] }));
    expect(error.kind).toBe("TOOL_RUNTIME_BAD_INPUT_VALUE");
    expect(error.message).toContain("`start_date`: cannot be set while due_date is cleared");
    expect(error.message).toContain('Pass clear ["start_date", "due_date"] to empty both dates');
    expect(fake.exchanges).toHaveLength(0);
  });

  test("clearing the due date of a task that keeps a start date gets Asana's 400, explained: clear both", async () => {
    const fake = await startAsanaFake();
    const { task } = fake.world;
    fake.store.get(task.gid)!.start_on = "2026-12-01";
    const error = errorOf(await callTool(fake, updateTask, { task_id: task.gid, clear: ["due_date"] }));
    // Asana's error keeps its kind and status; the tool's hint explains it in the tool's terms.
    expect(error).toMatchObject({ kind: "UPSTREAM_RUNTIME_BAD_REQUEST", statusCode: 400 });
    expect(error.message).toContain("start_on: A task with a start date must also have a due date");
    expect(error.message).toContain('call Asana_UpdateTask again with clear ["start_date", "due_date"] to empty both');
    expect(fake.store.get(task.gid)?.due_on).toBe("2026-12-15");
  });

  test("a blank assignee is refused before any request, naming the field and what it takes", async () => {
    const fake = await startAsanaFake();
    const update = errorOf(await callTool(fake, updateTask, { task_id: fake.world.task.gid, assignee_id: "  " }));
    expect(update.message).toContain('`assignee_id`: must not be empty (got "").');
    expect(update.message).toContain("Find user ids");
    expect(fake.exchanges).toHaveLength(0);
  });

  test("bad dates, and a start after the due date, are refused without a request", async () => {
    const fake = await startAsanaFake();
    const { task } = fake.world;
    const badDate = errorOf(await callTool(fake, updateTask, { task_id: task.gid, due_date: "15/12/2026" }));
    expect(badDate.message).toContain("`due_date`: must be a date written YYYY-MM-DD, or a date and time with a zone");
    const reversed = errorOf(await callTool(fake, updateTask, { task_id: task.gid, start_date: "2026-12-20", due_date: "2026-12-10" }));
    expect(reversed.message).toContain("`start_date`: must not be after due_date (got start_date 2026-12-20, due_date 2026-12-10)");
    expect(fake.exchanges).toHaveLength(0);
  });

  test("a start date alone works on a task that has a due date", async () => {
    const fake = await startAsanaFake();
    const { task } = fake.world;
    const output = outputOf(await callTool(fake, updateTask, { task_id: task.gid, start_date: "2026-12-01" }));
    expect(output.task).toMatchObject({ start_on: "2026-12-01", due_on: "2026-12-15" });
  });

  test("a start date alone on a task without a due date gets Asana's 400, explained with the fix", async () => {
    const fake = await startAsanaFake();
    const subtask = fake.world.subtasks[0]!;
    const error = errorOf(await callTool(fake, updateTask, { task_id: subtask.gid, start_date: "2026-12-01" }));
    expect(error).toMatchObject({ kind: "UPSTREAM_RUNTIME_BAD_REQUEST", statusCode: 400 });
    expect(error.message).toContain("start_on: A task with a start date must also have a due date");
    expect(error.message).toContain("call Asana_UpdateTask again with due_date as well (on or after 2026-12-01)");
    expect(fake.requestsTo("PUT", `/tasks/${subtask.gid}`)[0]?.response.status).toBe(400);
    expect(fake.store.get(subtask.gid)?.start_on).toBeNull();
  });

  test("an unknown task is a 404 that says how to find task ids", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, updateTask, { task_id: "4242", completed: true }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("Asana_GetTasksWithoutId");
  });
});

describe("MarkTaskAsCompleted", () => {
  test("completes the task, and doing it again changes nothing", async () => {
    const fake = await startAsanaFake();
    const { task, me } = fake.world;
    const first = outputOf(await callTool(fake, markTaskAsCompleted, { task_id: task.gid }));
    expect(first.status).toEqual({ success: true, message: "task updated successfully" });
    expect(first.task).toMatchObject({ id: task.gid, completed: true, completed_by: { id: me.gid, name: "Ada Lovelace" } });
    expect(typeof first.task.completed_at).toBe("string");
    expect(fake.requestsTo("PUT", `/tasks/${task.gid}`)[0]?.body).toEqual({ data: { completed: true } });

    const second = outputOf(await callTool(fake, markTaskAsCompleted, { task_id: task.gid }));
    expect(second.task.completed_at).toBe(first.task.completed_at);
  });

  test("refuses a task id that is not digits", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, markTaskAsCompleted, { task_id: "the report" }));
    expect(error.message).toContain("`task_id`: must be the task's Asana id");
    expect(fake.exchanges).toHaveLength(0);
  });
});

describe("CreateTask", () => {
  test("creates a task in a project named in the workspace, creating the tag names that are missing", async () => {
    const fake = await startAsanaFake();
    const { premium, free, launch, urgent, me } = fake.world;
    fake.store.insert({ resource_type: "tag", name: "launch-day", workspace: free.gid });
    const output = outputOf(
      await callTool(fake, createTask, {
        name: "Book the venue",
        description: "Room for 40",
        due_date: "2026-12-10",
        start_date: "2026-12-01",
        workspace_id: premium.gid,
        project: "Q4 Launch",
        tags: ["urgent", "launch-day"],
      }),
    );

    // "launch-day" exists only in the other workspace, so it is created here.
    const [tagPost] = fake.requestsTo("POST", "/tags");
    expect(tagPost?.body).toEqual({ data: { name: "launch-day", workspace: premium.gid } });
    const createdTagId = (tagPost!.response.body as { data: { gid: string } }).data.gid;
    expect(output.created_tags).toEqual([{ id: createdTagId, name: "launch-day" }]);

    const [post] = fake.requestsTo("POST", "/tasks");
    expect(post?.body).toEqual({
      data: {
        name: "Book the venue",
        notes: markedText("Room for 40"),
        due_on: "2026-12-10",
        start_on: "2026-12-01",
        projects: [launch.gid],
        workspace: premium.gid,
        assignee: "me",
        tags: [urgent.gid, createdTagId],
      },
    });
    expect(post?.response.status).toBe(201);
    expect(output.status).toEqual({ success: true, message: "task successfully created" });
    expect(output.task).toMatchObject({
      name: "Book the venue",
      notes: "Room for 40",
      due_on: "2026-12-10",
      start_on: "2026-12-01",
      assignee: { id: me.gid, name: "Ada Lovelace" },
      memberships: [{ project: { id: launch.gid, name: "Q4 Launch" }, section: { id: fake.world.backlog.gid, name: "Backlog" } }],
      tags: [
        { id: urgent.gid, name: "urgent" },
        { id: createdTagId, name: "launch-day" },
      ],
      workspace: { id: premium.gid, name: "Acme Corp" },
    });
    expect(fake.store.get(output.task.id, "task")?.workspace).toBe(premium.gid);
  });

  test("tag names that differ only in case create one tag", async () => {
    const fake = await startAsanaFake();
    const { premium } = fake.world;
    const output = outputOf(
      await callTool(fake, createTask, { name: "Plan the offsite", workspace_id: premium.gid, tags: ["Offsite", "offsite", " OFFSITE "] }),
    );
    const tagPosts = fake.requestsTo("POST", "/tags");
    expect(tagPosts).toHaveLength(1);
    expect(tagPosts[0]?.body).toEqual({ data: { name: "Offsite", workspace: premium.gid } });
    expect(output.created_tags).toEqual([{ id: expect.any(String), name: "Offsite" }]);
    expect(output.task.tags).toEqual([{ id: output.created_tags![0]!.id, name: "Offsite" }]);
    expect(fake.store.all("tag", (tag) => String(tag.name).toLowerCase() === "offsite")).toHaveLength(1);
  });

  test("when Asana refuses the task after tags were created, the error names those tags and Asana's reason", async () => {
    const fake = await startAsanaFake();
    const { premium } = fake.world;
    const error = errorOf(
      await callTool(fake, createTask, { name: "Plan the offsite", workspace_id: premium.gid, assignee_id: "4040404", tags: ["urgent", "Offsite"] }),
    );
    const [tagPost] = fake.requestsTo("POST", "/tags");
    const tagId = (tagPost!.response.body as { data: { gid: string } }).data.gid;
    expect(fake.requestsTo("POST", "/tasks")[0]?.response.status).toBe(404);
    // Asana's 404 keeps its kind and status; the note about the created tag is added to it.
    expect(error).toMatchObject({ kind: "UPSTREAM_RUNTIME_NOT_FOUND", statusCode: 404 });
    expect(error.message).toContain("assignee: Unknown object: 4040404");
    expect(error.message).toContain(`Before that, tag "Offsite" (id ${tagId}) was created in workspace ${premium.gid} and stays there`);
    expect(error.message).toContain("the same tag names uses them instead of creating new ones");
    expect(fake.store.get(tagId, "tag")?.name).toBe("Offsite");

    // The retry the message suggests reuses the tag rather than making a second one.
    const retried = outputOf(await callTool(fake, createTask, { name: "Plan the offsite", workspace_id: premium.gid, tags: ["urgent", "Offsite"] }));
    expect(retried).not.toHaveProperty("created_tags");
    expect(fake.requestsTo("POST", "/tags")).toHaveLength(1);
  });

  test("a server error on the task after tags were created says the task may exist, and names the tags", async () => {
    const fake = await startAsanaFake();
    const { premium } = fake.world;
    fake.faults.inject({ method: "POST", path: "/tasks", status: 500, message: "Server Error" });
    const error = errorOf(await callTool(fake, createTask, { name: "Plan the offsite", workspace_id: premium.gid, tags: ["Offsite", "Catering"] }));
    // Asana may have made the task before its 500: the model hears "check first", never "retry".
    expect(error).toMatchObject({ kind: "UPSTREAM_RUNTIME_SERVER_ERROR", statusCode: 500, canRetry: false });
    expect(error.message).toContain("Asana_CreateTask may have taken effect: Asana answered with a server error (500");
    expect(error.message).toContain("Check whether it happened before calling Asana_CreateTask again");
    expect(error.message).toMatch(/tags "Offsite" \(id \d+\), "Catering" \(id \d+\) were created in workspace/);
  });

  test.each([
    ["lost with the connection", { afterWork: "reset" as const }],
    ["answered with a 500 after the work", { afterWork: "error" as const, status: 500 }],
  ])("a tag create whose answer is %s: the message is about the tag, the task was not made, and the retry uses the tag", async (_name, fault) => {
    const fake = await startAsanaFake();
    const { premium, launch } = fake.world;
    fake.faults.inject({ method: "POST", path: "/tags", ...fault });
    const input = { name: "Plan the offsite", project: launch.gid, tags: ["Offsite"] };
    const error = errorOf(await callTool(fake, createTask, input));
    expect(fake.requestsTo("POST", "/tasks")).toHaveLength(0);
    expect(error.message).toContain('tag "Offsite"');
    expect(error.message).toContain(`workspace ${premium.gid}`);
    expect(error.message).toContain("The task was not created");
    expect(error.message).not.toMatch(/Look for a task|may have taken effect/);
    expect(error.canRetry).toBe(true);
    // The tag was made; the retry finds it instead of making a second one.
    const retried = outputOf(await callTool(fake, createTask, input));
    expect(retried).not.toHaveProperty("created_tags");
    expect(fake.store.all("tag", (tag) => tag.name === "Offsite")).toHaveLength(1);
  });

  test("without created tags, Asana's error on the task comes through as it is", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, createTask, { name: "Plan", workspace_id: fake.world.premium.gid, assignee_id: "4040404", tags: ["urgent"] }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.statusCode).toBe(404);
    expect(error.message).not.toContain("Before that");
  });

  test('a subtask takes its parent\'s workspace, and assignee "none" leaves it unassigned', async () => {
    const fake = await startAsanaFake();
    const { task, premium } = fake.world;
    const output = outputOf(await callTool(fake, createTask, { name: "Check the totals", parent_task_id: task.gid, assignee_id: "none" }));
    expect(fake.requestsTo("GET", `/tasks/${task.gid}`)[0]?.query).toEqual({ opt_fields: "workspace" });
    expect(fake.requestsTo("POST", "/tasks")[0]?.body).toEqual({
      data: { name: "Check the totals", notes: markedText(), parent: task.gid, workspace: premium.gid },
    });
    expect(output.task).toMatchObject({ parent: { id: task.gid, name: "Prepare the quarterly report" } });
    expect(output.task).not.toHaveProperty("assignee");
    expect(output).not.toHaveProperty("created_tags");
  });

  test("with no project, parent or workspace and several workspaces, it asks which one and creates nothing", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, createTask, { name: "Buy milk" }));
    expect(error.kind).toBe("TOOL_RUNTIME_RETRY");
    expect(error.additionalPromptContent).toContain("Personal Projects");
    expect(fake.requestsTo("POST", "/tasks")).toHaveLength(0);
  });

  test("a project id from another workspace than workspace_id is refused before creating", async () => {
    const fake = await startAsanaFake();
    const { home, premium, free } = fake.world;
    const error = errorOf(await callTool(fake, createTask, { name: "Fix the fence", project: home.gid, workspace_id: premium.gid }));
    expect(error.message).toContain(`Project ${home.gid} ("Home") is in workspace ${free.gid}, not in workspace_id ${premium.gid}`);
    expect(fake.requestsTo("POST", "/tasks")).toHaveLength(0);
  });

  test("a start date without a due date is refused before any request", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, createTask, { name: "Plan", start_date: "2026-12-01", workspace_id: fake.world.premium.gid }));
    expect(error.kind).toBe("TOOL_RUNTIME_BAD_INPUT_VALUE");
    expect(error.message).toContain("`start_date`: needs a due date");
    expect(error.message).toContain("Pass due_date too");
    expect(fake.exchanges).toHaveLength(0);
  });

  test("an empty name is refused before any request", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, createTask, { name: "   " }));
    expect(error.message).toContain("`name`: must not be empty");
    expect(fake.exchanges).toHaveLength(0);
  });
});
