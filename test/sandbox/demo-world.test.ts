import { describe, expect, test } from "vitest";
import { AsanaStore, demoIds, sandboxToken, seedDemoWorld, type ResourceType } from "../../src/sandbox/index.js";
import { startAsanaFake, type AsanaFake } from "../support/asana-fake.js";
import { send as sendAs } from "./raw-request.js";

/** A Wednesday: this week runs to Sunday 2026-11-08. */
const today = new Date("2026-11-04T12:00:00.000Z");
const endOfWeek = "2026-11-08";

/** The demo world in a fake (beside the test world, which it does not touch), acting as the sandbox's user. */
async function sandbox(options: { jobDurationMs?: number } = {}): Promise<AsanaFake> {
  const store = new AsanaStore();
  seedDemoWorld(store, today);
  return startAsanaFake({ store, tokens: { [sandboxToken]: demoIds.me }, ...options });
}

const send = (fake: AsanaFake, method: string, path: string, body?: unknown) => sendAs(fake, method, path, body, sandboxToken);
const names = (body: Record<string, any>) => body.data.map((item: { name: string }) => item.name);
const dueThisWeek = (tasks: Array<{ due_on: string | null }>) => tasks.filter((t) => t.due_on !== null && t.due_on >= "2026-11-02" && t.due_on <= endOfWeek);

describe("the sandbox's demo world", () => {
  test("has the same gids on every start, and the well-known ones are what their names say", () => {
    const gidsOf = (store: AsanaStore) =>
      (
        ["workspace", "user", "team", "project", "section", "task", "tag", "story", "custom_field", "goal", "portfolio", "status_update"] as ResourceType[]
      ).flatMap((type) => store.all(type).map((o) => `${type} ${o.gid} ${String(o.name ?? "")}`));
    const [first, second] = [new AsanaStore(), new AsanaStore()];
    seedDemoWorld(first, today);
    seedDemoWorld(second, new Date("2027-03-01T08:00:00.000Z"));
    expect(gidsOf(first)).toEqual(gidsOf(second));
    for (const gid of gidsOf(first).map((line) => line.split(" ")[1]!)) expect(gid).toMatch(/^12\d{14}$/);
    const named = (gid: string) => first.get(gid)?.name;
    expect(named(demoIds.workspace)).toBe("Sandbox Co. (demo data)");
    expect(named(demoIds.me)).toBe("Sam Sandbox (you)");
    expect(named(demoIds.dana)).toBe("Dana Kim");
    expect(named(demoIds.mobileProject)).toBe("Mobile App Launch");
    expect(named(demoIds.websiteProject)).toBe("Website Refresh");
    expect(named(demoIds.launchTask)).toBe("Launch v2.0 of the mobile app");
    expect(named(demoIds.buildTask)).toMatch(/^Build /);
    expect(named(demoIds.qaTask)).toMatch(/^QA /);
    expect(named(demoIds.priorityField)).toBe("Priority");
    expect(first.get(demoIds.myTaskList)).toMatchObject({ resource_type: "user_task_list", owner: demoIds.me });
    expect(first.get(demoIds.danaTaskList)).toMatchObject({ resource_type: "user_task_list", owner: demoIds.dana });
  });

  test('"what is on my plate this week" and "what is on Dana\'s plate this week"', async () => {
    const fake = await sandbox();
    const mine = await send(fake, "GET", `/tasks?assignee=me&workspace=${demoIds.workspace}&completed_since=now&opt_fields=name,due_on,assignee_section.name`);
    expect(mine.status).toBe(200);
    const myWeek = dueThisWeek(mine.body.data);
    expect(myWeek.map((t: any) => t.name).sort()).toEqual([
      "Draft the new pricing page copy",
      "Launch v2.0 of the mobile app",
      "Review my open tasks for the week",
    ]);
    expect(new Set(myWeek.map((t: any) => t.assignee_section.name))).toEqual(new Set(["Do today"]));
    expect(mine.body.data.some((t: any) => t.due_on > endOfWeek)).toBe(true);

    const danas = await send(
      fake,
      "GET",
      `/tasks?assignee=dana@sandbox.example&workspace=${demoIds.workspace}&completed_since=now&opt_fields=name,due_on,assignee_section`,
    );
    expect(
      dueThisWeek(danas.body.data)
        .map((t: any) => t.name)
        .sort(),
    ).toEqual(["QA the v2.0 release candidate", "Update store screenshots"]);
    // Dana's My Tasks sections are hers to see.
    expect(danas.body.data.every((t: any) => !("assignee_section" in t))).toBe(true);
    const list = await send(fake, "GET", `/users/${demoIds.dana}/user_task_list?workspace=${demoIds.workspace}`);
    expect(list.body.data.gid).toBe(demoIds.danaTaskList);
  });

  test('"set Priority to High on the launch task" and "who follows this task"', async () => {
    const fake = await sandbox();
    const settings = await send(
      fake,
      "GET",
      `/projects/${demoIds.mobileProject}/custom_field_settings?opt_fields=custom_field.name,custom_field.enum_options.name`,
    );
    const priority = settings.body.data.map((s: any) => s.custom_field).find((f: any) => f.name === "Priority");
    expect(priority.gid).toBe(demoIds.priorityField);
    const high = priority.enum_options.find((o: any) => o.name === "High").gid;
    const before = await send(fake, "GET", `/tasks/${demoIds.launchTask}?opt_fields=custom_fields.name,custom_fields.display_value,followers.name`);
    expect(before.body.data.custom_fields.find((f: any) => f.name === "Priority").display_value).toBe("Medium");
    expect(before.body.data.followers.map((f: any) => f.name)).toEqual(["Sam Sandbox (you)", "Priya Patel", "Dana Kim"]);
    const after = await send(fake, "PUT", `/tasks/${demoIds.launchTask}?opt_fields=custom_fields.name,custom_fields.display_value`, {
      data: { custom_fields: { [demoIds.priorityField]: high } },
    });
    expect(after.body.data.custom_fields.find((f: any) => f.name === "Priority").display_value).toBe("High");
  });

  test('"make the QA task wait for the build task", found by name', async () => {
    const fake = await sandbox();
    const find = async (query: string) =>
      (await send(fake, "GET", `/workspaces/${demoIds.workspace}/typeahead?resource_type=task&query=${query}`)).body.data[0].gid as string;
    const qa = await find("QA");
    const build = await find("Build");
    expect([qa, build]).toEqual([demoIds.qaTask, demoIds.buildTask]);
    expect((await send(fake, "GET", `/tasks/${qa}/dependencies`)).body.data).toEqual([]);
    expect((await send(fake, "POST", `/tasks/${qa}/addDependencies`, { data: { dependencies: [build] } })).status).toBe(200);
    expect(names((await send(fake, "GET", `/tasks/${qa}/dependencies`)).body)).toEqual(["Build the v2.0 release candidate"]);
    expect(names((await send(fake, "GET", `/tasks/${qa}/dependents`)).body)).toEqual(["Launch v2.0 of the mobile app"]);
  });

  test('"post an at-risk status on the Website project" and "what changed in the Mobile project since my last check"', async () => {
    const fake = await sandbox();
    const posted = await send(fake, "POST", "/status_updates", {
      data: { parent: demoIds.websiteProject, status_type: "at_risk", title: "Hero build slipping", text: "The hero needs another week." },
    });
    expect(posted.status).toBe(201);
    expect((await send(fake, "GET", `/projects/${demoIds.websiteProject}?opt_fields=current_status_update.title`)).body.data.current_status_update.title).toBe(
      "Hero build slipping",
    );
    expect(
      names({
        data: (await send(fake, "GET", `/status_updates?parent=${demoIds.websiteProject}&opt_fields=title`)).body.data.map((u: any) => ({ name: u.title })),
      }),
    ).toEqual(["Hero build slipping", "Design review done"]);

    const first = await send(fake, "GET", `/events?resource=${demoIds.mobileProject}`);
    expect(first.status).toBe(412);
    await send(fake, "PUT", `/tasks/${demoIds.buildTask}`, { data: { completed: true } });
    const changed = await send(fake, "GET", `/events?resource=${demoIds.mobileProject}&sync=${first.body.sync}`);
    expect(changed.body.data).toEqual([
      expect.objectContaining({
        action: "changed",
        resource: expect.objectContaining({ gid: demoIds.buildTask }),
        change: { field: "completed", action: "changed" },
      }),
    ]);
  });

  test('"duplicate the onboarding template task for the new hire", or use the task template', async () => {
    const fake = await sandbox({ jobDurationMs: 0 });
    const job = await send(fake, "POST", `/tasks/${demoIds.onboardingTemplateTask}/duplicate`, {
      data: { name: "Onboarding: Lin", include: "notes,subtasks,projects" },
    });
    expect(job.body.data).toMatchObject({ status: "succeeded", new_task: { name: "Onboarding: Lin" } });
    expect(names((await send(fake, "GET", `/tasks/${job.body.data.new_task.gid}/subtasks`)).body)).toEqual([
      "Set up the laptop and accounts",
      "Meet your onboarding buddy",
      "Ship a first small change",
    ]);
    const fromTemplate = await send(fake, "POST", `/task_templates/${demoIds.taskTemplate}/instantiateTask`, { data: { name: "Onboarding: Sol" } });
    expect(fromTemplate.body.data.status).toBe("succeeded");
  });

  test("a portfolio, goals with metrics in the current quarter, status updates and time entries", async () => {
    const fake = await sandbox();
    expect(names((await send(fake, "GET", `/portfolios/${demoIds.portfolio}/items`)).body)).toEqual(["Mobile App Launch", "Website Refresh"]);
    const goals = await send(fake, "GET", `/goals?workspace=${demoIds.workspace}&time_periods=${demoIds.quarter}`);
    expect(names(goals.body)).toEqual(["Reach 10,000 weekly active users", "Ship 95% of milestones on time"]);
    const goal = await send(fake, "GET", `/goals/${demoIds.goal}?opt_fields=metric,status,time_period.display_name,current_status_update.title`);
    expect(goal.body.data).toMatchObject({
      status: "green",
      time_period: { display_name: "Q4 FY26" },
      metric: { current_display_value: "6200", target_number_value: 10000 },
      current_status_update: { title: "Ahead of plan" },
    });
    const second = await send(fake, "GET", `/goals/${goals.body.data[1].gid}?opt_fields=metric.current_display_value`);
    expect(second.body.data.metric.current_display_value).toBe("82%");
    const entries = await send(fake, "GET", `/tasks/${demoIds.launchTask}/time_tracking_entries?opt_fields=duration_minutes,created_by.name`);
    expect(entries.body.data.map((e: any) => `${e.created_by.name} ${e.duration_minutes}`)).toEqual(["Sam Sandbox (you) 90", "Priya Patel 45"]);
    // A link, a screenshot and the release notes (the two files with real bytes, for GetAttachment's include_content).
    expect(names((await send(fake, "GET", `/attachments?parent=${demoIds.launchTask}`)).body)).toEqual([
      "Release checklist",
      "store-screenshot.png",
      "release-notes.md",
    ]);
    expect(names((await send(fake, "GET", `/project_templates?team=${demoIds.team}`)).body)).toEqual(["Product launch"]);
  });
});

describe("the demo world in full", () => {
  test("every object answers its full read, and every list its compact one, in the shape Asana's document gives", async () => {
    const fake = await sandbox();
    const all = (type: ResourceType) =>
      fake.store.all(
        type,
        (o) =>
          o.workspace === demoIds.workspace ||
          type === "status_update" ||
          type === "attachment" ||
          type === "time_tracking_entry" ||
          type === "user_task_list" ||
          type === "task_template" ||
          type === "project_template",
      );
    const paths = [
      ...all("task").flatMap((t) => [
        `/tasks/${t.gid}`,
        `/tasks/${t.gid}/dependencies`,
        `/tasks/${t.gid}/dependents`,
        `/tasks/${t.gid}/time_tracking_entries`,
        `/attachments?parent=${t.gid}`,
      ]),
      ...all("project").flatMap((p) => [
        `/projects/${p.gid}`,
        `/projects/${p.gid}/custom_field_settings`,
        `/status_updates?parent=${p.gid}`,
        `/tasks?project=${p.gid}`,
      ]),
      ...all("custom_field").map((f) => `/custom_fields/${f.gid}`),
      ...all("portfolio").flatMap((p) => [`/portfolios/${p.gid}`, `/portfolios/${p.gid}/items`]),
      ...all("goal").flatMap((g) => [`/goals/${g.gid}`, `/status_updates?parent=${g.gid}`]),
      ...all("time_period").map((p) => `/time_periods/${p.gid}`),
      ...all("status_update").map((u) => `/status_updates/${u.gid}`),
      ...all("attachment").map((a) => `/attachments/${a.gid}`),
      ...all("time_tracking_entry").map((e) => `/time_tracking_entries/${e.gid}`),
      ...all("user_task_list").flatMap((l) => [`/user_task_lists/${l.gid}`, `/user_task_lists/${l.gid}/tasks`]),
      ...all("project_template").map((t) => `/project_templates/${t.gid}`),
      ...all("task_template").map((t) => `/task_templates/${t.gid}`),
      `/workspaces/${demoIds.workspace}/custom_fields`,
      `/portfolios?workspace=${demoIds.workspace}`,
      `/goals?workspace=${demoIds.workspace}`,
      `/time_periods?workspace=${demoIds.workspace}`,
      `/task_templates?project=${demoIds.onboardingProject}`,
      `/project_templates?workspace=${demoIds.workspace}`,
      `/users/me/user_task_list?workspace=${demoIds.workspace}`,
    ];
    for (const path of paths) expect((await send(fake, "GET", path)).status, path).toBe(200);
    // The fake holds every answer to the document after the test; nothing may have broken it.
    expect(fake.violations).toEqual([]);
  });
});
