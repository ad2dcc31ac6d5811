import { afterEach, describe, expect, test } from "vitest";
import { insertProjectTemplate } from "../../../src/sandbox/index.js";
import { getJob } from "../../../tools/projects/get-job.js";
import { createProjectFromTemplate } from "../../../tools/templates/create-project-from-template.js";
import { createTaskFromTemplate } from "../../../tools/templates/create-task-from-template.js";
import { listTemplates } from "../../../tools/templates/list-templates.js";
import { saveProjectAsTemplate } from "../../../tools/templates/save-project-as-template.js";
import { startAsanaFake, type AsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";
import { insertTask } from "../../support/world.js";

afterEach(closeClients);

/** A second template in the world's team that asks for both dates and has two roles to fill. */
function insertRoadmapTemplate(fake: AsanaFake) {
  const { store, world } = fake;
  const template = insertProjectTemplate(store, {
    name: "Roadmap",
    description: "A quarter's plan",
    team: world.team,
    owner: world.me,
    recipe: { sections: [{ name: "Now", tasks: [{ name: "Kick-off", dueAfterDays: 1 }] }] },
  });
  Object.assign(template, {
    requested_dates: [
      { gid: "1", name: "Start Date", description: "When it starts" },
      { gid: "2", name: "Due Date", description: "When it ends" },
    ],
    requested_roles: [
      { gid: "101", resource_type: "template_role", name: "Designer" },
      { gid: "102", resource_type: "template_role", name: "Reviewer" },
    ],
  });
  return template;
}

describe("ListTemplates", () => {
  test("lists a workspace's project templates with the dates and roles each asks for", async () => {
    const fake = await startAsanaFake();
    const { premium, team, projectTemplate } = fake.world;
    const roadmap = insertRoadmapTemplate(fake);
    const output = outputOf(await callTool(fake, listTemplates, { workspace_id: premium.gid }));
    expect(output.templates).toEqual([
      { id: projectTemplate.gid, kind: "project", name: "Product launch", team: { id: team.gid, name: "Engineering" }, asks_for: ["start_on"] },
      {
        id: roadmap.gid,
        kind: "project",
        name: "Roadmap",
        team: { id: team.gid, name: "Engineering" },
        asks_for: ["start_on", "due_on"],
        roles: ["Designer", "Reviewer"],
      },
    ]);
    expect(fake.requestsTo("GET", "/project_templates")[0]?.query).toEqual({
      workspace: premium.gid,
      limit: "100",
      opt_fields: "name,team.name,requested_dates.name,requested_roles.name",
    });
  });

  test("a team's project templates, and a project's task templates", async () => {
    const fake = await startAsanaFake();
    const { team, launch, taskTemplate, projectTemplate } = fake.world;
    const byTeam = outputOf(await callTool(fake, listTemplates, { team_id: team.gid }));
    expect(byTeam.templates.map((t) => t.id)).toEqual([projectTemplate.gid]);
    expect(fake.requestsTo("GET", "/project_templates")[0]?.query.team).toBe(team.gid);

    const tasks = outputOf(await callTool(fake, listTemplates, { project_id: launch.gid }));
    expect(tasks.templates).toEqual([{ id: taskTemplate.gid, kind: "task", name: "New hire onboarding", project: { id: launch.gid, name: "Q4 Launch" } }]);
    expect(fake.requestsTo("GET", "/task_templates")[0]?.query).toEqual({ project: launch.gid, limit: "100", opt_fields: "name,project" });
  });

  test("task templates and project templates are not asked for at once", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, listTemplates, { project_id: fake.world.launch.gid, team_id: fake.world.team.gid }));
    expect(error.message).toContain("`project_id, team_id, workspace_id`: mix task templates");
    expect(fake.exchanges).toHaveLength(0);
  });
});

describe("CreateProjectFromTemplate", () => {
  test("makes the project with the start date the template asks for, waits for the job, and dates the tasks from it", async () => {
    const fake = await startAsanaFake();
    const { projectTemplate, team } = fake.world;
    const output = outputOf(
      await callTool(fake, createProjectFromTemplate, { template_id: projectTemplate.gid, name: "Launch Q1", start_on: "2027-01-04", team_id: team.gid }),
    );
    const projectId = output.job.new_project?.id;
    expect(output.job).toMatchObject({ type: "instantiate_project", status: "succeeded", new_project: { id: expect.any(String), name: "Launch Q1" } });
    expect(output.status.message).toBe(`project "Launch Q1" made from template "Product launch" (id ${projectId})`);
    expect(fake.requestsTo("POST", `/project_templates/${projectTemplate.gid}/instantiateProject`)[0]?.body).toEqual({
      data: { name: "Launch Q1", team: team.gid, requested_dates: [{ gid: "1", value: "2027-01-04" }] },
    });
    const tasks = fake.store.all("task", (task) => ((task.projects as string[]) ?? []).includes(projectId!));
    expect(tasks.map((task) => [task.name, task.due_on])).toEqual([
      ["Write the brief", "2027-01-06"],
      ["Book the launch date", "2027-01-09"],
      ["Announce it", "2027-01-18"],
    ]);
  });

  test("roles are named as the template names them, and filled with people", async () => {
    const fake = await startAsanaFake();
    const roadmap = insertRoadmapTemplate(fake);
    const output = outputOf(
      await callTool(fake, createProjectFromTemplate, {
        template_id: roadmap.gid,
        name: "Q2 roadmap",
        start_on: "2027-04-01",
        due_on: "2027-06-30",
        roles: [
          { role: "designer", user: "grace@acme.test" },
          { role: "Reviewer", user: "me" },
        ],
      }),
    );
    expect(fake.requestsTo("POST", `/project_templates/${roadmap.gid}/instantiateProject`)[0]?.body).toEqual({
      data: {
        name: "Q2 roadmap",
        requested_dates: [
          { gid: "1", value: "2027-04-01" },
          { gid: "2", value: "2027-06-30" },
        ],
        requested_roles: [
          { gid: "101", value: "grace@acme.test" },
          { gid: "102", value: "me" },
        ],
      },
    });
    const made = fake.store.get(output.job.new_project!.id)!;
    expect(made.members).toEqual(expect.arrayContaining([fake.world.me.gid, fake.world.colleague.gid]));
    expect(made).toMatchObject({ start_on: "2027-04-01", due_on: "2027-06-30" });
  });

  test("a date the template needs, a date it does not ask for and a role it lacks are refused before anything is made", async () => {
    const fake = await startAsanaFake();
    const { projectTemplate } = fake.world;
    const missing = errorOf(await callTool(fake, createProjectFromTemplate, { template_id: projectTemplate.gid, name: "No date" }));
    expect(missing.message).toContain("`start_on`: is missing: this template schedules its tasks from it. Pass start_on as YYYY-MM-DD.");
    const extra = errorOf(
      await callTool(fake, createProjectFromTemplate, { template_id: projectTemplate.gid, name: "Two dates", start_on: "2027-01-04", due_on: "2027-02-01" }),
    );
    expect(extra.message).toContain("`due_on`: is not a date this template asks for. It asks for start_on.");
    const role = errorOf(
      await callTool(fake, createProjectFromTemplate, {
        template_id: insertRoadmapTemplate(fake).gid,
        name: "Roles",
        start_on: "2027-01-04",
        due_on: "2027-02-01",
        roles: [{ role: "Owner", user: "me" }],
      }),
    );
    expect(role.message).toContain('`roles`: names "Owner", which is not a role of this template. Its roles: "Designer", "Reviewer".');
    expect(fake.requestsTo("POST", /instantiateProject$/)).toHaveLength(0);
    expect(fake.store.all("job")).toHaveLength(0);
  });

  test("a template named exactly is made from; a name none has, or two share, is refused naming template_id before anything is made", async () => {
    const fake = await startAsanaFake();
    const { projectTemplate, team } = fake.world;
    const output = outputOf(await callTool(fake, createProjectFromTemplate, { template_id: "product launch", name: "Launch Q1", start_on: "2027-01-04" }));
    expect(output.status.message).toContain('made from template "Product launch"');
    expect(fake.requestsTo("POST", `/project_templates/${projectTemplate.gid}/instantiateProject`)).toHaveLength(1);
    const missing = errorOf(await callTool(fake, createProjectFromTemplate, { template_id: "Roadmap", name: "x", start_on: "2027-01-04" }));
    expect(missing.message).toContain(
      'No project template is named exactly "Roadmap" in the user\'s workspaces (template_id). Pass its id, or its exact name.',
    );
    const twin = insertProjectTemplate(fake.store, { name: "Product Launch", description: "A copy", team, owner: fake.world.me, recipe: { sections: [] } });
    const ambiguous = errorOf(await callTool(fake, createProjectFromTemplate, { template_id: "Product launch", name: "x", start_on: "2027-01-04" }));
    expect(ambiguous.message).toContain('2 project templates are named "Product launch" (template_id); pass the id of the one meant.');
    expect(ambiguous.additionalPromptContent).toContain(`"id":"${twin.gid}"`);
    expect(fake.requestsTo("POST", /instantiateProject$/)).toHaveLength(1);
  });

  test("an unknown template is a 404 that says where template ids come from", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, createProjectFromTemplate, { template_id: "4040", name: "x", start_on: "2027-01-04" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("Asana_ListTemplates");
  });

  test("a job poll that fails after the project was started never advises a retry: it names the job and Asana_GetJob", async () => {
    const fake = await startAsanaFake();
    fake.faults.inject({ method: "GET", path: /^\/jobs\//, status: 500, times: 20 });
    const error = errorOf(
      await callTool(fake, createProjectFromTemplate, {
        template_id: fake.world.projectTemplate.gid,
        name: "Launch Q1",
        start_on: "2027-01-04",
        wait_seconds: 5,
      }),
    );
    const job = fake.requestsTo("POST", /instantiateProject$/)[0]?.response.body as { data: { gid: string } };
    expect(error.canRetry).toBe(false);
    expect(error.message).toContain(`finish the wait with Asana_GetJob (job_id ${job.data.gid}); calling this again would make another project`);
  });
});

describe("CreateTaskFromTemplate", () => {
  test("makes the task in the template's project with its subtasks, and the job names it", async () => {
    const fake = await startAsanaFake();
    const { taskTemplate, launch } = fake.world;
    const output = outputOf(await callTool(fake, createTaskFromTemplate, { template_id: taskTemplate.gid, name: "Onboard Dana" }));
    const taskId = output.job.new_task?.id;
    expect(output.job).toMatchObject({ type: "instantiate_task", status: "succeeded", new_task: { id: expect.any(String), name: "Onboard Dana" } });
    expect(output.status.message).toBe(`task "Onboard Dana" (id ${taskId}) made from template ${taskTemplate.gid}`);
    expect(fake.store.get(taskId!)).toMatchObject({ projects: [launch.gid] });
    expect(fake.store.all("task", (task) => task.parent === taskId).map((task) => task.name)).toEqual([
      "Laptop and accounts",
      "Meet the team",
      "First small task",
    ]);
  });

  test("without a name the template's is used; a job still running hands back its id for GetJob", async () => {
    const fake = await startAsanaFake();
    fake.jobs.setDurationMs(10 * 60_000);
    const output = outputOf(await callTool(fake, createTaskFromTemplate, { template_id: fake.world.taskTemplate.gid, wait_seconds: 0 }));
    expect(fake.requestsTo("POST", /instantiateTask$/)[0]?.body).toEqual({ data: {} });
    expect(output.status.message).toContain(`call Asana_GetJob with job_id ${output.job.id}`);
    fake.jobs.finishAll();
    const done = outputOf(await callTool(fake, getJob, { job_id: output.job.id }));
    expect(done.job).toMatchObject({ status: "succeeded", new_task: { name: "New hire onboarding" } });
  });
});

describe("SaveProjectAsTemplate", () => {
  test("saves an organization's project into its team, and the template can make a project again", async () => {
    const fake = await startAsanaFake();
    const { launch, team, backlog, premium } = fake.world;
    Object.assign(launch, { start_on: "2026-11-01" });
    insertTask(fake.store, fake.world, {
      name: "Write release notes",
      due_on: "2026-11-08",
      projects: [launch.gid],
      memberships: [{ project: launch.gid, section: backlog.gid }],
    });
    const output = outputOf(await callTool(fake, saveProjectAsTemplate, { project_id: launch.gid, name: "Launch playbook", public: true }));
    const templateId = output.job.new_project_template?.id;
    expect(output.job).toMatchObject({ type: "save_project_as_template", status: "succeeded", new_project_template: { name: "Launch playbook" } });
    expect(output.status.message).toBe(`project "Q4 Launch" saved as template "Launch playbook" (id ${templateId})`);
    expect(fake.requestsTo("POST", `/projects/${launch.gid}/saveAsTemplate`)[0]?.body).toEqual({
      data: { name: "Launch playbook", public: true, team: team.gid },
    });

    const listed = outputOf(await callTool(fake, listTemplates, { workspace_id: premium.gid }));
    expect(listed.templates.map((t) => t.name)).toContain("Launch playbook");
    const again = outputOf(await callTool(fake, createProjectFromTemplate, { template_id: templateId!, name: "Q1 Launch", start_on: "2027-01-01" }));
    const tasks = fake.store.all("task", (task) => ((task.projects as string[]) ?? []).includes(again.job.new_project!.id));
    // Each open task is due as long after the new start as it was after the old one (the report: 44 days).
    expect(tasks.map((task) => [task.name, task.due_on])).toEqual([
      ["Write release notes", "2027-01-08"],
      ["Prepare the quarterly report", "2027-02-14"],
    ]);
  });

  test("a project outside an organization is saved into its workspace", async () => {
    const fake = await startAsanaFake();
    const { home, free } = fake.world;
    outputOf(await callTool(fake, saveProjectAsTemplate, { project_id: home.gid, name: "Chores" }));
    expect(fake.requestsTo("POST", `/projects/${home.gid}/saveAsTemplate`)[0]?.body).toEqual({ data: { name: "Chores", public: false, workspace: free.gid } });
  });
});
