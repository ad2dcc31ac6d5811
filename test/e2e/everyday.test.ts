import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoIds } from "../../src/sandbox/index.js";
import { connectStdio, type Connected } from "../support/spawn-server.js";
import { call, textOf } from "./scenarios.js";

/**
 * Everyday requests, asked the way a user would, answered through the built server over stdio with
 * the SDK's client, against the sandbox's demo world (whose dates are relative to today).
 */
let connection: Connected;
beforeAll(async () => {
  connection = await connectStdio({}, { args: ["--sandbox", "--toolsets", "all"] });
});
afterAll(async () => {
  await connection?.close();
});

/** Calls a tool and returns its structured result, failing with the error text if it failed. */
async function use<T>(name: string, args: Record<string, unknown>): Promise<T> {
  const result = await call(connection.client, name, args);
  expect(result.isError, textOf(result)).toBeFalsy();
  return result.structuredContent as T;
}

interface Found {
  items: Array<{ id: string; name: string; type: string; completed?: boolean; assignee?: { name?: string } }>;
}

/** This week's Sunday, the last day the demo world counts as "this week" (UTC, as the sandbox does). */
function endOfThisWeek(): string {
  const today = new Date();
  const sunday = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + ((7 - today.getUTCDay()) % 7)));
  return sunday.toISOString().slice(0, 10);
}

describe("everyday Asana work, end to end in the sandbox", () => {
  test('"what is on my plate this week"', async () => {
    const mine = await use<{
      tasks: Array<{ id: string; name: string; due_on?: string; my_tasks_section?: { name?: string }; projects?: Array<{ name?: string }> }>;
    }>("Asana_ListMyTasks", {});
    const thisWeek = mine.tasks.filter((task) => task.due_on !== undefined && task.due_on <= endOfThisWeek());
    expect(thisWeek.map((task) => task.name).sort()).toEqual([
      "Draft the new pricing page copy",
      "Launch v2.0 of the mobile app",
      "Review my open tasks for the week",
    ]);
    const launch = thisWeek.find((task) => task.id === demoIds.launchTask);
    expect(launch).toMatchObject({ my_tasks_section: { name: "Do today" }, projects: [{ name: "Mobile App Launch" }] });
    // Later work is on the list too, just not this week.
    expect(mine.tasks.map((task) => task.name)).toContain("Renew the team's design tool licences");
  });

  test('"set Priority to High on the launch task"', async () => {
    const found = await use<Found>("Asana_SearchByName", { query: "launch v2.0" });
    expect(found.items[0]).toMatchObject({ id: demoIds.launchTask, name: "Launch v2.0 of the mobile app", type: "task" });
    const set = await use<{ task: { custom_fields: Array<{ name: string; value?: string; enum_value?: { name?: string } }> } }>("Asana_SetTaskCustomFields", {
      task_id: found.items[0]!.id,
      fields: [{ field: "Priority", value: "High" }],
    });
    expect(set.task.custom_fields).toEqual([expect.objectContaining({ name: "Priority", value: "High", enum_value: { id: expect.any(String) } })]);
    const read = await use<{ task: { custom_fields: Array<{ name: string; value?: string }> } }>("Asana_GetTaskById", {
      task_id: demoIds.launchTask,
      max_subtasks: 0,
    });
    expect(read.task.custom_fields.find((field) => field.name === "Priority")?.value).toBe("High");

    // An option that does not exist is refused with the choices, and nothing changes.
    const wrong = await call(connection.client, "Asana_SetTaskCustomFields", { task_id: demoIds.launchTask, fields: { Priority: "Critical" } });
    expect(wrong.isError).toBe(true);
    expect(textOf(wrong)).toContain('"Critical" is not an option of the enum field "Priority"');
    expect(textOf(wrong)).toContain('"name":"Medium"');
  });

  test('"make the QA task wait for the build task"', async () => {
    const qa = (await use<Found>("Asana_SearchByName", { query: "QA the v2.0" })).items[0]!;
    const build = (await use<Found>("Asana_SearchByName", { query: "Build the v2.0" })).items[0]!;
    expect([qa.id, build.id]).toEqual([demoIds.qaTask, demoIds.buildTask]);
    const added = await use<{ task: { dependencies: Array<{ id: string; name: string; completed: boolean }> } }>("Asana_AddTaskDependencies", {
      task_id: qa.id,
      depends_on: [build.id],
    });
    expect(added.task.dependencies).toEqual([expect.objectContaining({ id: demoIds.buildTask, name: "Build the v2.0 release candidate" })]);
    const links = await use<{ dependencies: Array<{ id: string }>; dependents: Array<{ id: string }> }>("Asana_GetTaskDependencies", { task_id: qa.id });
    expect(links.dependencies.map((task) => task.id)).toEqual([demoIds.buildTask]);
    // The launch task already waited for QA.
    expect(links.dependents.map((task) => task.id)).toEqual([demoIds.launchTask]);
  });

  test('"who follows this task"', async () => {
    const read = await use<{ task: { name: string; followers: Array<{ id: string; name: string }> } }>("Asana_GetTaskById", {
      task_id: demoIds.launchTask,
      max_subtasks: 0,
    });
    expect(read.task.name).toBe("Launch v2.0 of the mobile app");
    expect(read.task.followers.map((user) => user.name)).toEqual(["Sam Sandbox (you)", "Priya Patel", "Dana Kim"]);
  });
});
