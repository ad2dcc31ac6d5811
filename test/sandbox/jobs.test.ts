import { describe, expect, test } from "vitest";
import { AsanaStore } from "../../src/sandbox/index.js";
import { startAsanaFake, type AsanaFake, provokedViolations } from "../support/asana-fake.js";
import { insertTask } from "../support/world.js";
import { send } from "./raw-request.js";

/** A fake whose store clock the test moves by hand, so a job's pending time passes without waiting. */
async function fakeWithClock(options: { jobDurationMs?: number; jobPolls?: number } = {}) {
  let now = Date.parse("2026-11-02T09:00:00.000Z");
  const fake = await startAsanaFake({ store: new AsanaStore({ clock: () => new Date(now) }), ...options });
  return {
    fake,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const names = (body: Record<string, any>) => body.data.map((item: { name: string }) => item.name);

async function jobStatus(fake: AsanaFake, gid: string) {
  return (await send(fake, "GET", `/jobs/${gid}`)).body.data;
}

describe("project duplication", () => {
  test("a job goes not_started, in_progress, succeeded, and names the copy once done", async () => {
    const { fake, advance } = await fakeWithClock();
    const { launch } = fake.world;
    const started = await send(fake, "POST", `/projects/${launch.gid}/duplicate`, {
      data: { name: "Q1 Launch", include: "notes,task_notes,task_subtasks,task_assignee" },
    });
    expect(started.status).toBe(201);
    expect(started.body.data).toEqual({ gid: expect.any(String), resource_type: "job", resource_subtype: "duplicate_project", status: "not_started" });
    const gid = started.body.data.gid as string;
    expect(await jobStatus(fake, gid)).toMatchObject({ status: "in_progress" });
    expect(fake.store.all("project", (p) => p.name === "Q1 Launch")).toHaveLength(0);
    advance(200);
    const done = await jobStatus(fake, gid);
    expect(done).toMatchObject({ status: "succeeded", new_project: { resource_type: "project", name: "Q1 Launch" } });

    const copy = done.new_project.gid as string;
    expect(names((await send(fake, "GET", `/projects/${copy}/sections`)).body)).toEqual(["Backlog", "Doing"]);
    const tasks = await send(fake, "GET", `/projects/${copy}/tasks?opt_fields=name,notes,assignee,memberships.section.name`);
    expect(tasks.body.data).toEqual([
      {
        gid: expect.any(String),
        resource_type: "task",
        name: "Prepare the quarterly report",
        notes: "Numbers from finance, charts from design.",
        assignee: { gid: fake.world.me.gid, resource_type: "user", name: "Ada Lovelace" },
        memberships: [{ section: { gid: expect.any(String), resource_type: "section", name: "Doing" } }],
      },
    ]);
    expect(names((await send(fake, "GET", `/tasks/${tasks.body.data[0].gid}/subtasks`)).body)).toEqual([
      "Collect numbers",
      "Draw charts",
      "Review with finance",
    ]);
    // The copy keeps the project's custom fields, and the original is untouched.
    expect((await send(fake, "GET", `/projects/${copy}/custom_field_settings`)).body.data).toHaveLength(6);
    expect(names((await send(fake, "GET", `/projects/${launch.gid}/tasks`)).body)).toEqual(["Prepare the quarterly report"]);
  });

  test("with a pending time of 0 the job has already succeeded; without task_dates copies have no dates, with schedule_dates they shift", async () => {
    const fake = await startAsanaFake({ jobDurationMs: 0 });
    const { launch } = fake.world;
    const plain = await send(fake, "POST", `/projects/${launch.gid}/duplicate?opt_fields=status,new_project.name`, { data: { name: "Plain copy" } });
    expect(plain.body.data).toMatchObject({ status: "succeeded", new_project: { name: "Plain copy" } });
    const plainTasks = await send(fake, "GET", `/projects/${plain.body.data.new_project.gid}/tasks?opt_fields=name,due_on,notes`);
    expect(plainTasks.body.data[0]).toMatchObject({ due_on: null, notes: "" });

    const shifted = await send(fake, "POST", `/projects/${launch.gid}/duplicate`, {
      data: { name: "Shifted", include: "task_dates", schedule_dates: { should_skip_weekends: false, due_on: "2027-01-15" } },
    });
    const shiftedTasks = await send(fake, "GET", `/projects/${shifted.body.data.new_project.gid}/tasks?opt_fields=due_on`);
    // The original's last due date (2026-12-15) moves to the given day.
    expect(shiftedTasks.body.data[0].due_on).toBe("2027-01-15");
  });

  test("setDurationMs changes the pending time of the jobs that follow", async () => {
    const fake = await startAsanaFake();
    fake.jobs.setDurationMs(0);
    expect((await send(fake, "POST", `/projects/${fake.world.launch.gid}/duplicate`, { data: { name: "Now" } })).body.data.status).toBe("succeeded");
    fake.jobs.setDurationMs(60_000);
    expect((await send(fake, "POST", `/projects/${fake.world.launch.gid}/duplicate`, { data: { name: "Later" } })).body.data.status).toBe("not_started");
    expect(fake.jobs.pending).toBe(1);
  });

  test("with jobPolls a job finishes on its n-th look, however long the clock runs; setJobPolls changes the jobs that follow", async () => {
    const { fake, advance } = await fakeWithClock({ jobPolls: 3 });
    const started = await send(fake, "POST", `/projects/${fake.world.launch.gid}/duplicate`, { data: { name: "Polled" } });
    const gid = started.body.data.gid as string;
    advance(3_600_000);
    expect((await jobStatus(fake, gid)).status).toBe("in_progress");
    expect((await jobStatus(fake, gid)).status).toBe("in_progress");
    expect(fake.store.all("project", (p) => p.name === "Polled")).toHaveLength(0);
    expect(await jobStatus(fake, gid)).toMatchObject({ status: "succeeded", new_project: { name: "Polled" } });
    // Another request (a read elsewhere) is no look at the job.
    fake.jobs.setJobPolls(1);
    const next = (await send(fake, "POST", `/projects/${fake.world.launch.gid}/duplicate`, { data: { name: "Quick" } })).body.data.gid as string;
    await send(fake, "GET", `/projects/${fake.world.launch.gid}`);
    expect(fake.jobs.pending).toBe(1);
    expect((await jobStatus(fake, next)).status).toBe("succeeded");
    // A job made to fail fails on its last look, too.
    fake.jobs.setJobPolls(2);
    fake.jobs.failNext();
    const doomed = (await send(fake, "POST", `/projects/${fake.world.launch.gid}/duplicate`, { data: { name: "Doomed" } })).body.data.gid as string;
    expect((await jobStatus(fake, doomed)).status).toBe("in_progress");
    expect((await jobStatus(fake, doomed)).status).toBe("failed");
  });

  test("a job a test makes fail ends failed and makes nothing", async () => {
    const fake = await startAsanaFake({ jobDurationMs: 0 });
    fake.jobs.failNext();
    const failed = await send(fake, "POST", `/projects/${fake.world.launch.gid}/duplicate`, { data: { name: "Doomed" } });
    expect(failed.status).toBe(201);
    expect(failed.body.data).toMatchObject({ status: "failed" });
    expect(failed.body.data).not.toHaveProperty("new_project");
    expect(fake.store.all("project", (p) => p.name === "Doomed")).toHaveLength(0);
    // Only the next job fails.
    expect((await send(fake, "POST", `/projects/${fake.world.launch.gid}/duplicate`, { data: { name: "Fine" } })).body.data.status).toBe("succeeded");
  });

  test("bad requests are 400s at once, not failed jobs: no name, an unknown include, schedule_dates without task_dates", async ({ skip }) => {
    const fake = await startAsanaFake({ expectViolations: true });
    const path = `/projects/${fake.world.launch.gid}/duplicate`;
    const attempt = async (data: Record<string, unknown>) => {
      const { status, body } = await send(fake, "POST", path, { data });
      expect(status, JSON.stringify(data)).toBe(400);
      return body.errors[0].message as string;
    };
    expect(await attempt({ include: "notes" })).toBe("name: Missing input");
    expect(await attempt({ name: "X", include: "notes,bananas" })).toContain("include: Invalid value: bananas");
    expect(await attempt({ name: "X", schedule_dates: { should_skip_weekends: true, due_on: "2027-01-01" } })).toBe(
      "schedule_dates: task_dates must be included in include to use schedule_dates.",
    );
    expect(fake.store.all("job")).toHaveLength(0);
    expect((await send(fake, "GET", "/jobs/1200000000000404")).status).toBe(404);
    expect(provokedViolations(fake, skip).map((v) => v.field)).toEqual(["body.data.name"]);
  });
});

describe("task duplication", () => {
  test("copies what include names: subtasks, notes, assignee, projects", async () => {
    const { fake, advance } = await fakeWithClock({ jobDurationMs: 50 });
    const { task, launch } = fake.world;
    const started = await send(fake, "POST", `/tasks/${task.gid}/duplicate`, {
      data: { name: "Next quarter's report", include: "subtasks,notes,assignee,projects" },
    });
    expect(started.body.data).toMatchObject({ resource_subtype: "duplicate_task", status: "not_started" });
    expect(fake.jobs.pending).toBe(1);
    advance(50);
    const done = await jobStatus(fake, started.body.data.gid);
    expect(done).toMatchObject({ status: "succeeded", new_task: { name: "Next quarter's report" } });
    const copy = await send(fake, "GET", `/tasks/${done.new_task.gid}?opt_fields=name,notes,assignee,projects,due_on,tags`);
    expect(copy.body.data).toMatchObject({
      notes: "Numbers from finance, charts from design.",
      assignee: { gid: fake.world.me.gid },
      projects: [{ gid: launch.gid }],
      due_on: null,
      tags: [],
    });
    expect(names((await send(fake, "GET", `/tasks/${done.new_task.gid}/subtasks`)).body)).toEqual(["Collect numbers", "Draw charts", "Review with finance"]);
  });

  test("finishAll settles pending jobs for a test; without include the copy is bare; a missing name is a 400", async () => {
    const fake = await startAsanaFake({ jobDurationMs: 60_000, expectViolations: true });
    const other = insertTask(fake.store, fake.world, { name: "Dependent" });
    fake.store.update(fake.world.task.gid, { dependents: [other.gid] });
    const started = await send(fake, "POST", `/tasks/${fake.world.task.gid}/duplicate`, { data: { name: "Bare" } });
    fake.jobs.finishAll();
    const done = await jobStatus(fake, started.body.data.gid);
    expect(done.status).toBe("succeeded");
    const copy = await send(fake, "GET", `/tasks/${done.new_task.gid}?opt_fields=notes,assignee,projects,dependents`);
    expect(copy.body.data).toMatchObject({ notes: "", assignee: null, projects: [] });
    expect(copy.body.data.dependents ?? []).toEqual([]);
    const unnamed = await send(fake, "POST", `/tasks/${fake.world.task.gid}/duplicate`, { data: { include: "notes" } });
    expect(unnamed.status).toBe(400);
    expect(fake.violations).toEqual([]);
  });
});

describe("templates", () => {
  test("a team's project templates; instantiating one builds the project from its recipe, dated from the requested start", async () => {
    const fake = await startAsanaFake({ jobDurationMs: 0 });
    const { team, premium, projectTemplate } = fake.world;
    expect((await send(fake, "GET", `/project_templates?team=${team.gid}`)).body.data).toEqual([
      { gid: projectTemplate.gid, resource_type: "project_template", name: "Product launch" },
    ]);
    expect(names((await send(fake, "GET", `/project_templates?workspace=${premium.gid}`)).body)).toEqual(["Product launch"]);
    expect((await send(fake, "GET", `/project_templates?workspace=${fake.world.free.gid}`)).body.data).toEqual([]);
    const job = await send(fake, "POST", `/project_templates/${projectTemplate.gid}/instantiateProject`, {
      data: { name: "Widget launch", requested_dates: [{ gid: "1", value: "2027-02-01" }] },
    });
    expect(job.status).toBe(201);
    expect(job.body.data).toMatchObject({ resource_subtype: "instantiate_project", status: "succeeded", new_project: { name: "Widget launch" } });
    const created = job.body.data.new_project.gid as string;
    expect(names((await send(fake, "GET", `/projects/${created}/sections`)).body)).toEqual(["Plan", "Ship"]);
    const tasks = await send(fake, "GET", `/projects/${created}/tasks?opt_fields=name,due_on`);
    expect(tasks.body.data.map((t: { name: string; due_on: string }) => `${t.name} ${t.due_on}`)).toEqual([
      "Write the brief 2027-02-03",
      "Book the launch date 2027-02-06",
      "Announce it 2027-02-15",
    ]);
    expect((await send(fake, "GET", `/projects/${created}?opt_fields=created_from_template,team`)).body.data).toMatchObject({
      created_from_template: { gid: projectTemplate.gid },
      team: { gid: team.gid },
    });
  });

  test("is_strict refuses missing requested dates; a template list needs a workspace or team", async () => {
    const fake = await startAsanaFake();
    const strict = await send(fake, "POST", `/project_templates/${fake.world.projectTemplate.gid}/instantiateProject`, {
      data: { name: "Strict", is_strict: true },
    });
    expect(strict.status).toBe(400);
    expect(strict.body.errors[0].message).toBe("requested_dates: Missing values for Start Date (1).");
    const unscoped = await send(fake, "GET", "/project_templates");
    expect(unscoped.status).toBe(400);
  });

  test("a project's task templates; instantiating one makes the task, its subtasks and followers", async () => {
    const fake = await startAsanaFake({ store: new AsanaStore({ clock: () => new Date("2026-11-02T09:00:00.000Z") }), jobDurationMs: 0 });
    const { launch, taskTemplate, colleague, me } = fake.world;
    expect((await send(fake, "GET", `/task_templates?project=${launch.gid}`)).body.data).toEqual([
      { gid: taskTemplate.gid, resource_type: "task_template", name: "New hire onboarding" },
    ]);
    const full = await send(fake, "GET", `/task_templates/${taskTemplate.gid}?opt_fields=name,project,template`);
    expect(full.body.data.template.relative_due_on).toBe(7);
    expect(full.body.data.template.subtasks.map((s: { name: string }) => s.name)).toEqual(["Laptop and accounts", "Meet the team", "First small task"]);
    const job = await send(fake, "POST", `/task_templates/${taskTemplate.gid}/instantiateTask`, { data: { name: "Onboard Lin" } });
    expect(job.body.data).toMatchObject({ status: "succeeded", new_task: { name: "Onboard Lin" } });
    const task = await send(fake, "GET", `/tasks/${job.body.data.new_task.gid}?opt_fields=name,notes,due_on,projects,followers`);
    expect(task.body.data).toMatchObject({ notes: "The first week of a new teammate", due_on: "2026-11-09", projects: [{ gid: launch.gid }] });
    expect(task.body.data.followers.map((f: { gid: string }) => f.gid)).toEqual([me.gid, colleague.gid]);
    expect(names((await send(fake, "GET", `/tasks/${job.body.data.new_task.gid}/subtasks`)).body)).toEqual([
      "Laptop and accounts",
      "Meet the team",
      "First small task",
    ]);
  });
});

describe("template reads", () => {
  test("a team's templates by its own route, one template in full, a project's task templates; unknown ones are 404s", async () => {
    const fake = await startAsanaFake({ expectViolations: true });
    const { team, projectTemplate, taskTemplate } = fake.world;
    expect(names((await send(fake, "GET", `/teams/${team.gid}/project_templates`)).body)).toEqual(["Product launch"]);
    const full = await send(fake, "GET", `/project_templates/${projectTemplate.gid}?opt_fields=name,description,owner,team,requested_dates,color`);
    expect(full.body.data).toMatchObject({
      name: "Product launch",
      description: "Everything a launch needs",
      team: { gid: team.gid },
      requested_dates: [{ gid: "1", name: "Start Date" }],
      color: "dark-green",
    });
    expect(full.body.data).not.toHaveProperty("_recipe");
    expect((await send(fake, "GET", "/project_templates/1200000000000404")).status).toBe(404);
    expect((await send(fake, "GET", "/teams/1200000000000404/project_templates")).status).toBe(404);
    expect((await send(fake, "POST", "/task_templates/1200000000000404/instantiateTask", { data: {} })).status).toBe(404);
    const noProject = await send(fake, "GET", "/task_templates");
    expect(noProject.status).toBe(400);
    expect(noProject.body.errors[0].message).toBe("project: Missing input");
    const emptyName = await send(fake, "POST", `/task_templates/${taskTemplate.gid}/instantiateTask`, { data: { name: "" } });
    expect(emptyName.status).toBe(400);
    expect(fake.violations).toEqual([]);
  });
});
