import { CallToolResultSchema, type CallToolResult, type Progress } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoIds } from "../../src/sandbox/index.js";
import { connectStdio, type Connected } from "../support/spawn-server.js";
import { call, textOf } from "./scenarios.js";

/**
 * The planning layer's six requests, end to end: the built server in --sandbox over stdio, driven by
 * the SDK's own client, against the demo world's well-known objects.
 */
let connection: Connected;
beforeAll(async () => {
  connection = await connectStdio({}, { args: ["--sandbox", "--toolsets", "all"] });
});
afterAll(async () => {
  await connection.close();
});

async function succeed<T>(name: string, args: Record<string, unknown>): Promise<T> {
  const result = await call(connection.client, name, args);
  expect(result.isError, textOf(result)).toBeFalsy();
  return result.structuredContent as T;
}

describe("the planning layer, end to end in the sandbox", () => {
  test('"set up a launch project with the sections To do, Doing, Done"', async () => {
    const created = await succeed<{ project: { id: string; name: string; team: { id: string } }; sections: Array<{ id: string; name: string }> }>(
      "Asana_CreateProject",
      {
        name: "Launch v2.1",
        team_id: demoIds.team,
        due_date: "2027-03-31",
        sections: ["To do", "Doing", "Done"],
      },
    );
    expect(created.project).toMatchObject({ name: "Launch v2.1", team: { id: demoIds.team } });
    expect(created.sections.map((s) => s.name)).toEqual(["To do", "Doing", "Done"]);
    const listed = await succeed<{ sections: Array<{ name: string }> }>("Asana_ListSections", { project: created.project.id });
    expect(listed.sections.map((s) => s.name)).toEqual(["To do", "Doing", "Done"]);
  });

  test('"post an at-risk status on the Website project"', async () => {
    const posted = await succeed<{ status_update: { id: string; status_type: string; parent: { id: string; name: string } } }>("Asana_CreateStatusUpdate", {
      parent_id: demoIds.websiteProject,
      status_type: "at_risk",
      title: "Pricing page slips a week",
      html_text: "<body>Copy review moved to <strong>Friday</strong>; the build waits for it.</body>",
    });
    expect(posted.status_update).toMatchObject({ status_type: "at_risk", parent: { id: demoIds.websiteProject, name: "Website Refresh" } });
    const project = await succeed<{ project: { current_status: string } }>("Asana_GetProjectById", { project_id: demoIds.websiteProject });
    expect(project.project.current_status).toBe("Pricing page slips a week");
    const updates = await succeed<{ status_updates: Array<{ id: string; status_type: string }> }>("Asana_ListStatusUpdates", {
      parent_id: demoIds.websiteProject,
    });
    expect(updates.status_updates[0]).toMatchObject({ id: posted.status_update.id, status_type: "at_risk" });
  });

  test('"duplicate the onboarding template task for the new hire", with progress while Asana\'s job runs', async () => {
    const progress: Progress[] = [];
    const result = (await connection.client.callTool(
      {
        name: "Asana_DuplicateTask",
        arguments: { task_id: demoIds.onboardingTemplateTask, name: "Onboarding: Alex Rivera", include: ["notes", "subtasks", "projects", "followers"] },
      },
      CallToolResultSchema,
      { onprogress: (update) => void progress.push(update) },
    )) as CallToolResult;
    expect(result.isError, textOf(result)).toBeFalsy();
    const { job } = result.structuredContent as { job: { status: string; new_task: { id: string; name: string } } };
    expect(job).toMatchObject({ status: "succeeded", new_task: { name: "Onboarding: Alex Rivera" } });
    // The SDK client may drop a notification that arrives together with the result, so only the first is asserted.
    expect(progress[0]?.message).toMatch(/^Asana started job \d+/);
    const copy = await succeed<{ task: { subtasks: Array<{ name: string }>; memberships: Array<{ project: { id: string } }> } }>("Asana_GetTaskById", {
      task_id: job.new_task.id,
    });
    expect(copy.task.subtasks.map((s) => s.name)).toEqual(["Set up the laptop and accounts", "Meet your onboarding buddy", "Ship a first small change"]);
    expect(copy.task.memberships[0]?.project.id).toBe(demoIds.onboardingProject);
  });

  test('"fetch these 25 tasks"', async () => {
    const ids: string[] = [];
    for (const project of [demoIds.mobileProject, demoIds.websiteProject, demoIds.onboardingProject]) {
      const page = await succeed<{ tasks: Array<{ id: string }> }>("Asana_ListTasksInProject", { project });
      ids.push(...page.tasks.map((t) => t.id));
    }
    for (const parent of [demoIds.launchTask, demoIds.onboardingTemplateTask]) {
      const page = await succeed<{ subtasks: Array<{ id: string }> }>("Asana_GetSubtasksFromATask", { task_id: parent });
      ids.push(...page.subtasks.map((t) => t.id));
    }
    while (ids.length < 25) {
      const made = await succeed<{ task: { id: string } }>("Asana_CreateTask", {
        name: `Launch checklist item ${ids.length + 1}`,
        project: demoIds.mobileProject,
      });
      ids.push(made.task.id);
    }
    const wanted = [...new Set(ids)].slice(0, 25);
    expect(wanted).toHaveLength(25);
    type Fetched = {
      tasks: Array<{ id: string; name: string }>;
      count: number;
      missing?: unknown;
      truncated?: { rest: Array<{ tool: string; arguments: Record<string, unknown> }> };
    };
    const fetched = await succeed<Fetched>("Asana_GetTasksByIds", { task_ids: wanted });
    // 25 tasks may not fit one answer's budget (about 8 KB): the answer then names the call for the rest.
    const tasks = [...fetched.tasks];
    for (const call of fetched.truncated?.rest ?? []) {
      expect(call.tool).toBe("Asana_GetTasksByIds");
      const rest = await succeed<Fetched>(call.tool, call.arguments);
      expect(rest).not.toHaveProperty("truncated");
      tasks.push(...rest.tasks);
    }
    expect(fetched.count).toBe(fetched.tasks.length);
    expect(tasks.map((t) => t.id)).toEqual(wanted);
    expect(fetched).not.toHaveProperty("missing");
  });

  test('"what changed in the Mobile project since my last check"', async () => {
    const first = await succeed<{ sync_token: string; changes: unknown[]; note: string }>("Asana_GetRecentChanges", { resource_id: demoIds.mobileProject });
    expect(first.changes).toEqual([]);
    expect(first.note).toContain("Nothing yet");
    await succeed("Asana_MarkTaskAsCompleted", { task_id: demoIds.buildTask });
    await succeed("Asana_UpdateTask", { task_id: demoIds.launchTask, name: "Launch v2.0 of the mobile app (both stores)" });
    const since = await succeed<{ sync_token: string; changes: Array<{ action: string; field?: string; resource: { id: string }; user: { name: string } }> }>(
      "Asana_GetRecentChanges",
      {
        resource_id: demoIds.mobileProject,
        sync_token: first.sync_token,
      },
    );
    expect(since.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: "changed",
          field: "completed",
          resource: expect.objectContaining({ id: demoIds.buildTask }),
          user: expect.objectContaining({ name: "Sam Sandbox (you)" }),
        }),
        expect.objectContaining({
          action: "changed",
          field: "name",
          resource: expect.objectContaining({ id: demoIds.launchTask, name: "Launch v2.0 of the mobile app (both stores)" }),
        }),
      ]),
    );
    expect(since.sync_token).not.toBe(first.sync_token);
  });

  test('"what is on Dana\'s plate this week"', async () => {
    // This week: from today through Sunday.
    const days = ((7 - new Date().getUTCDay()) % 7) + 1;
    const plate = await succeed<{
      user: { id: string; name: string };
      due_in_window: { tasks: Array<{ name: string }> };
      due_later: number;
      complete: boolean;
      by_project: Array<{ project?: { id: string } }>;
    }>("Asana_SummarizeWorkload", { user: "dana@sandbox.example", days });
    expect(plate.user).toEqual({ id: demoIds.dana, name: "Dana Kim" });
    const names = plate.due_in_window.tasks.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(["QA the v2.0 release candidate", "Update store screenshots"]));
    expect(names).not.toContain("Review the new navigation with customers");
    expect(plate.due_later).toBeGreaterThanOrEqual(1);
    expect(plate.complete).toBe(true);
    expect(plate.by_project.map((entry) => entry.project?.id)).toEqual(expect.arrayContaining([demoIds.mobileProject, demoIds.websiteProject]));
  });
});
