import { afterAll, describe, expect, test } from "vitest";
import { jobCheckTool, jobStartTool, type AnyToolDefinition } from "../../src/toolkit/index.js";
import { asanaToolkit } from "../../tools/index.js";
import { duplicateProject } from "../../tools/projects/duplicate-project.js";
import { duplicateTask } from "../../tools/tasks/duplicate-task.js";
import { createProjectFromTemplate } from "../../tools/templates/create-project-from-template.js";
import { createTaskFromTemplate } from "../../tools/templates/create-task-from-template.js";
import { saveProjectAsTemplate } from "../../tools/templates/save-project-as-template.js";
import { startOwnedAsanaFake } from "../support/owned-asana-fake.js";
import { callToolWithRawArguments, closeClients, errorOf, outputOf } from "../support/tool-harness.js";
import type { TestWorld } from "../support/world.js";

afterAll(closeClients);

/**
 * A tool that waits for an Asana job can also be run in two halves (start the job; look at it until it
 * is done), which is how an MCP task runs it. Whatever the halves make must be what the waiting call
 * answers, word for word: only the ids of the job and of what it made differ between two runs.
 * The cases run side by side, each with a fake of its own: most of a case is the waiting call's wait for its job.
 */
const cases: Array<{ tool: AnyToolDefinition; args: (world: TestWorld) => Record<string, unknown> }> = [
  { tool: duplicateProject, args: (w) => ({ project_id: w.launch.gid, name: "Launch copy", include: ["notes", "task_subtasks"] }) },
  { tool: duplicateTask, args: (w) => ({ task_id: w.task.gid, name: "Task copy", include: ["subtasks"] }) },
  { tool: createProjectFromTemplate, args: (w) => ({ template_id: w.projectTemplate.gid, name: "From the template", start_on: "2026-12-01" }) },
  { tool: createTaskFromTemplate, args: (w) => ({ template_id: w.taskTemplate.gid, name: "Onboard Grace" }) },
  { tool: saveProjectAsTemplate, args: (w) => ({ project_id: w.launch.gid, name: "Launch template" }) },
];

/** Two runs make different objects: their ids (Asana's gids, 16 digits) are the one difference allowed. */
const withoutIds = (value: unknown) => JSON.parse(JSON.stringify(value).replace(/\d{10,}/g, "<gid>"));

describe.concurrent("tools that wait for an Asana job, run in halves", () => {
  test("are exactly the tools that start Asana jobs", () => {
    const halved = asanaToolkit.filter((tool) => tool.asanaJob !== undefined).map((tool) => tool.name);
    expect(halved.sort()).toEqual(cases.map((c) => c.tool.name).sort());
  });

  test.for(cases)("$tool.name: started, then looked at until done, answers what the waiting call answers", async ({ tool, args }, testCase) => {
    const fake = await startOwnedAsanaFake(testCase, { jobPolls: 2 });
    const waited = outputOf(await callToolWithRawArguments(fake, tool, args(fake.world)));

    const started = outputOf(await callToolWithRawArguments(fake, jobStartTool(tool), args(fake.world))) as { job_id: string; memo: object };
    expect(started.job_id).toMatch(/^\d+$/);
    // Starting waits for nothing: one POST (and the reads the tool makes before it), no look at the job.
    expect(fake.requestsTo("GET", `/jobs/${started.job_id}`)).toHaveLength(0);
    const looks: Array<{ finished: boolean; status?: string; output?: unknown }> = [];
    for (let look = 0; look < 5 && !looks.at(-1)?.finished; look++) {
      looks.push(outputOf(await callToolWithRawArguments(fake, jobCheckTool(tool), { job_id: started.job_id, memo: started.memo })) as never);
    }
    expect(looks.map((look) => look.finished)).toEqual([false, true]);
    expect(looks[0]).toMatchObject({ status: "in_progress" });
    expect(withoutIds(looks[1]!.output)).toEqual(withoutIds(waited));
  });

  test.for(cases)("$tool.name: a job that fails is the waiting call's error, word for word", async ({ tool, args }, testCase) => {
    const fake = await startOwnedAsanaFake(testCase, { jobPolls: 1 });
    fake.jobs.failNext();
    const waited = errorOf(await callToolWithRawArguments(fake, tool, args(fake.world)));
    fake.jobs.failNext();
    const started = outputOf(await callToolWithRawArguments(fake, jobStartTool(tool), args(fake.world))) as { job_id: string; memo: object };
    const checked = errorOf(await callToolWithRawArguments(fake, jobCheckTool(tool), { job_id: started.job_id, memo: started.memo }));
    expect(checked.message).toContain("failed, and Asana gives no reason");
    expect(withoutIds(checked)).toEqual(withoutIds(waited));
  });

  test("a start refused for its input sends nothing to Asana, with the tool's own words", async (testCase) => {
    const fake = await startOwnedAsanaFake(testCase);
    const refused = errorOf(await callToolWithRawArguments(fake, jobStartTool(duplicateProject), { project_id: "nope", name: "x" }));
    expect(refused.message).toMatch(/^Invalid input for Asana_DuplicateProject/);
    expect(fake.exchanges).toHaveLength(0);
  });
});
