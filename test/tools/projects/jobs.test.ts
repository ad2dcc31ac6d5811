import { afterEach, describe, expect, test } from "vitest";
import { PersonalAccessTokenResolver } from "../../../src/auth/index.js";
import { invokeTool, type AnyToolDefinition, type ProgressUpdate } from "../../../src/toolkit/index.js";
import { duplicateProject } from "../../../tools/projects/duplicate-project.js";
import { getJob } from "../../../tools/projects/get-job.js";
import { duplicateTask } from "../../../tools/tasks/duplicate-task.js";
import { startAsanaFake, type AsanaFake } from "../../support/asana-fake.js";
import { callTool, clientFor, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";

afterEach(closeClients);

/** A call as a front door makes it for a client that asked for progress notifications. */
async function callWithProgress(fake: AsanaFake, tool: AnyToolDefinition, args: Record<string, unknown>, signal = new AbortController().signal) {
  const updates: ProgressUpdate[] = [];
  const outcome = await invokeTool(
    { asana: clientFor(fake), tokens: new PersonalAccessTokenResolver(fake.token) },
    { tool, displayName: `Asana_${tool.name}`, arguments: args, signal, reportProgress: async (update) => void updates.push(update) },
  );
  return { outcome, updates };
}

describe("DuplicateProject", () => {
  test("starts Asana's job, polls it with progress until it succeeds, and names the new project", async () => {
    const fake = await startAsanaFake();
    const { launch } = fake.world;
    const { outcome, updates } = await callWithProgress(fake, duplicateProject, {
      project_id: launch.gid,
      name: "Q1 Launch",
      include: ["members", "task_notes", "task_subtasks", "members"],
    });
    const output = outputOf(outcome) as {
      status: { message: string };
      job: { id: string; status: string; type: string; new_project: { id: string; name: string } };
    };
    expect(fake.requestsTo("POST", `/projects/${launch.gid}/duplicate`)[0]?.body).toEqual({
      data: { name: "Q1 Launch", include: "members,task_notes,task_subtasks" },
    });
    expect(output.job).toMatchObject({ type: "duplicate_project", status: "succeeded", new_project: { id: expect.any(String), name: "Q1 Launch" } });
    expect(output.status.message).toBe(`project duplicated as "Q1 Launch" (id ${output.job.new_project.id})`);
    expect(fake.store.get(output.job.new_project.id)).toMatchObject({ name: "Q1 Launch" });
    const polls = fake.requestsTo("GET", `/jobs/${output.job.id}`);
    expect(polls.length).toBeGreaterThanOrEqual(1);
    // One as the job starts, then one after each look at it.
    expect(updates).toHaveLength(polls.length + 1);
    expect(updates[0]).toEqual({ progress: 0, total: 30, message: `Asana started job ${output.job.id} (not_started); waiting up to 30 s for it` });
    expect(updates.at(-1)?.message).toContain("is succeeded");
    expect(updates.every((update) => update.total === 30)).toBe(true);
  });

  test("a job still running when the wait ends is not an error: the job id comes back, and GetJob finishes the wait", async () => {
    const fake = await startAsanaFake();
    fake.jobs.setDurationMs(10 * 60_000);
    const started = outputOf(await callTool(fake, duplicateProject, { project_id: fake.world.launch.gid, name: "Slow copy", wait_seconds: 1 }));
    expect(started.job).toMatchObject({ status: "in_progress" });
    expect(started.job).not.toHaveProperty("new_project");
    expect(started.status).toEqual({
      success: true,
      message: `Asana accepted the duplication. Asana is still working on it (job ${started.job.id} is in_progress); call Asana_GetJob with job_id ${started.job.id} to wait for the result.`,
    });

    const stillRunning = outputOf(await callTool(fake, getJob, { job_id: started.job.id, wait_seconds: 0 }));
    expect(stillRunning.note).toContain("still working on it");
    expect(fake.requestsTo("GET", `/jobs/${started.job.id}`).length).toBeGreaterThanOrEqual(2);

    fake.jobs.finishAll();
    const done = outputOf(await callTool(fake, getJob, { job_id: started.job.id }));
    expect(done).toEqual({
      job: { id: started.job.id, type: "duplicate_project", status: "succeeded", new_project: { id: expect.any(String), name: "Slow copy" } },
    });
  });

  test("wait_seconds 0 answers with the job as Asana first gave it, without polling", async () => {
    const fake = await startAsanaFake();
    const output = outputOf(await callTool(fake, duplicateProject, { project_id: fake.world.launch.gid, name: "Later", wait_seconds: 0 }));
    expect(output.job.status).toBe("not_started");
    expect(fake.requestsTo("GET", /^\/jobs\//)).toHaveLength(0);
  });

  test("the caller's cancellation ends the wait at once", async () => {
    const fake = await startAsanaFake();
    fake.jobs.setDurationMs(10 * 60_000);
    const controller = new AbortController();
    const pending = callWithProgress(fake, duplicateProject, { project_id: fake.world.launch.gid, name: "Cancelled" }, controller.signal);
    await expect.poll(() => fake.requestsTo("GET", /^\/jobs\//).length).toBeGreaterThanOrEqual(1);
    controller.abort();
    const error = errorOf((await pending).outcome);
    // The copy was already started: the model hears which job, and that it was cancelled while waiting.
    const [job] = fake.store.all("job");
    expect(error.message).toContain(`Asana made job ${job!.gid} (duplicate_project)`);
    expect(error.message).toContain(`Asana_GetJob (job_id ${job!.gid})`);
    expect(error.message).toContain("the call was cancelled");
    expect(error.canRetry).toBe(false);
  });

  test("an unknown project is a 404 that points to ListProjects, and no job starts", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, duplicateProject, { project_id: "404404", name: "Copy" }));
    expect(error).toMatchObject({ kind: "UPSTREAM_RUNTIME_NOT_FOUND", statusCode: 404 });
    expect(error.message).toContain("Asana_ListProjects");
    expect(fake.store.all("job")).toHaveLength(0);
  });

  test("an option Asana does not know is refused before any request", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, duplicateProject, { project_id: fake.world.launch.gid, name: "Copy", include: ["tasks" as "members"] }));
    expect(error.message).toContain("`include[0]`: must be one of: members, notes");
    expect(fake.exchanges).toHaveLength(0);
  });
});

describe("DuplicateTask", () => {
  test("copies a task with what include lists, waiting for the job", async () => {
    const fake = await startAsanaFake();
    const { task, launch } = fake.world;
    const output = outputOf(
      await callTool(fake, duplicateTask, { task_id: task.gid, name: "Prepare the Q1 report", include: ["notes", "subtasks", "projects"] }),
    );
    expect(fake.requestsTo("POST", `/tasks/${task.gid}/duplicate`)[0]?.body).toEqual({
      data: { name: "Prepare the Q1 report", include: "notes,subtasks,projects" },
    });
    expect(output.job).toMatchObject({ type: "duplicate_task", status: "succeeded", new_task: { name: "Prepare the Q1 report" } });
    const copy = fake.store.get(output.job.new_task!.id)!;
    expect(copy).toMatchObject({ notes: "Numbers from finance, charts from design.", projects: [launch.gid] });
    expect(fake.store.all("task", (t) => t.parent === copy.gid)).toHaveLength(3);
  });

  test("a job Asana reports failed is an error that names the job and says to look before retrying", async () => {
    const fake = await startAsanaFake();
    fake.jobs.failNext();
    const error = errorOf(await callTool(fake, duplicateTask, { task_id: fake.world.task.gid, name: "Doomed copy" }));
    const [job] = fake.store.all("job");
    expect(error).toMatchObject({ kind: "TOOL_RUNTIME_FATAL", canRetry: false });
    expect(error.message).toBe(
      `Asana's job ${job!.gid} (duplicate_task) failed, and Asana gives no reason. Check whether a task named "Doomed copy" was made (Asana_ListTasksInProject) before trying again.`,
    );
    const seen = outputOf(await callTool(fake, getJob, { job_id: job!.gid }));
    expect(seen.job.status).toBe("failed");
    expect(seen.note).toContain("The job failed");
  });

  test("an unknown task is a 404 that says where task ids come from", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, duplicateTask, { task_id: "404404", name: "Copy" }));
    expect(error).toMatchObject({ kind: "UPSTREAM_RUNTIME_NOT_FOUND", statusCode: 404 });
    expect(error.message).toContain("Asana_ListTasksInProject");
  });
});

describe("GetJob", () => {
  test("an unknown job is a 404 that says where job ids come from", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, getJob, { job_id: "404404" }));
    expect(error).toMatchObject({ kind: "UPSTREAM_RUNTIME_NOT_FOUND", statusCode: 404 });
    expect(error.message).toContain(
      "Job ids come from Asana_DuplicateProject, Asana_DuplicateTask, Asana_CreateProjectFromTemplate, Asana_CreateTaskFromTemplate and Asana_SaveProjectAsTemplate.",
    );
  });
});
