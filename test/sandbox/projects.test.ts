import { describe, expect, test } from "vitest";
import { startAsanaFake, provokedViolations } from "../support/asana-fake.js";
import { insertTask } from "../support/world.js";
import { send } from "./raw-request.js";

describe("creating projects", () => {
  test("in an organization with a team, or through the team's own route; the full record comes back with 201", async () => {
    const fake = await startAsanaFake();
    const { premium, team, me, colleague } = fake.world;
    const created = await send(
      fake,
      "POST",
      "/projects?opt_fields=name,notes,html_notes,due_on,start_on,owner,team,workspace,privacy_setting,color,default_view,members,followers,archived,completed",
      {
        data: {
          name: "Launch 2027",
          workspace: premium.gid,
          team: team.gid,
          notes: "Plan it",
          start_on: "2027-01-04",
          due_on: "2027-03-31",
          owner: colleague.gid,
          privacy_setting: "private_to_team",
          color: "dark-blue",
          default_view: "board",
        },
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      name: "Launch 2027",
      notes: "Plan it",
      html_notes: "<body>Plan it</body>",
      start_on: "2027-01-04",
      due_on: "2027-03-31",
      owner: { gid: colleague.gid, name: "Grace Hopper" },
      team: { gid: team.gid, name: "Engineering" },
      workspace: { gid: premium.gid },
      privacy_setting: "private_to_team",
      color: "dark-blue",
      default_view: "board",
      archived: false,
      completed: false,
    });
    expect(created.body.data.members.map((m: { gid: string }) => m.gid)).toEqual([me.gid, colleague.gid]);
    expect(created.body.data.followers.map((m: { gid: string }) => m.gid)).toEqual([me.gid]);

    const viaTeam = await send(fake, "POST", `/teams/${team.gid}/projects?opt_fields=name,workspace,team`, { data: { name: "Team project" } });
    expect(viaTeam.status).toBe(201);
    expect(viaTeam.body.data).toMatchObject({ workspace: { gid: premium.gid }, team: { gid: team.gid } });
    const listed = await send(fake, "GET", `/teams/${team.gid}/projects`);
    expect(listed.body.data.map((p: { name: string }) => p.name)).toEqual(["Q4 Launch", "Website Redesign", "Launch 2027", "Team project"]);
    // A personal (non-organization) workspace needs no team.
    expect((await send(fake, "POST", "/projects", { data: { name: "Garden", workspace: fake.world.free.gid } })).status).toBe(201);
  });

  test("an organization's project needs a team; bad colours, dates and missing names are 400s", async ({ skip }) => {
    const fake = await startAsanaFake({ expectViolations: true });
    const { premium, team } = fake.world;
    const attempt = async (data: Record<string, unknown>) => {
      const { status, body } = await send(fake, "POST", "/projects", { data });
      expect(status, JSON.stringify(data)).toBe(400);
      return body.errors[0].message as string;
    };
    expect(await attempt({ name: "No team", workspace: premium.gid })).toBe("team: Missing input. A project in an organization must be shared with a team.");
    expect(await attempt({ workspace: premium.gid, team: team.gid })).toBe("name: Missing input");
    expect(await attempt({ name: "X", team: team.gid, color: "mauve" })).toContain("color: Invalid value: mauve");
    expect(await attempt({ name: "X", team: team.gid, start_on: "2027-01-04" })).toBe(
      "start_on: A project with a start date must also have a due date (due_on).",
    );
    expect(await attempt({ name: "X" })).toBe("workspace: Missing input");
    expect(fake.store.all("project")).toHaveLength(3);
    // Only the made-up colour breaks the document; the other rules are Asana's, not its schema's.
    expect(provokedViolations(fake, skip).map((v) => v.field)).toEqual(["body.data.color"]);
  });
});

describe("changing projects", () => {
  test("PUT archives, completes, dates, owner, colour, name and notes; null clears", async () => {
    const fake = await startAsanaFake();
    const { launch, colleague, me } = fake.world;
    const fields = "opt_fields=name,notes,archived,completed,completed_at,completed_by,due_on,start_on,owner,color";
    const put = (data: Record<string, unknown>) => send(fake, "PUT", `/projects/${launch.gid}?${fields}`, { data });
    const first = await put({
      name: "Q4 Launch (final)",
      notes: "Ship it",
      archived: true,
      completed: true,
      start_on: "2026-12-01",
      owner: colleague.gid,
      color: "light-red",
    });
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({
      name: "Q4 Launch (final)",
      notes: "Ship it",
      archived: true,
      completed: true,
      completed_at: expect.any(String),
      completed_by: { gid: me.gid },
      start_on: "2026-12-01",
      due_on: "2026-12-31",
      owner: { gid: colleague.gid },
      color: "light-red",
    });
    const cleared = await put({ start_on: null, due_on: null, owner: null, color: null, completed: false });
    expect(cleared.body.data).toMatchObject({
      start_on: null,
      due_on: null,
      owner: null,
      color: null,
      completed: false,
      completed_at: null,
      completed_by: null,
    });
    const bad = await put({ due_on: "2026-11-01", start_on: "2026-11-15" });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].message).toBe("start_on: The start date (2026-11-15) must not be after the due date (2026-11-01).");
  });

  test("members are added and removed by gid, email or me, as an array or a comma-separated string", async () => {
    const fake = await startAsanaFake();
    const { website, me, colleague } = fake.world;
    const added = await send(fake, "POST", `/projects/${website.gid}/addMembers?opt_fields=members`, { data: { members: ["me"] } });
    expect(added.body.data.members.map((m: { gid: string }) => m.gid)).toEqual([colleague.gid, me.gid]);
    const removed = await send(fake, "POST", `/projects/${website.gid}/removeMembers?opt_fields=members,followers`, {
      data: { members: `${colleague.gid},ada@acme.test` },
    });
    expect(removed.body.data.members).toEqual([]);
    const unknown = await send(fake, "POST", `/projects/${website.gid}/addMembers`, { data: { members: ["ghost@acme.test"] } });
    expect(unknown.status).toBe(404);
  });

  test("task counts are opt-in per field", async () => {
    const fake = await startAsanaFake();
    const { launch, doing } = fake.world;
    insertTask(fake.store, fake.world, {
      name: "Milestone",
      resource_subtype: "milestone",
      completed: true,
      projects: [launch.gid],
      memberships: [{ project: launch.gid, section: doing.gid }],
    });
    expect((await send(fake, "GET", `/projects/${launch.gid}/task_counts`)).body).toEqual({ data: {} });
    const counts = await send(
      fake,
      "GET",
      `/projects/${launch.gid}/task_counts?opt_fields=num_tasks,num_completed_tasks,num_incomplete_tasks,num_milestones,num_completed_milestones`,
    );
    expect(counts.body.data).toEqual({ num_tasks: 2, num_completed_tasks: 1, num_incomplete_tasks: 1, num_milestones: 1, num_completed_milestones: 1 });
  });

  test("DELETE removes the project, its sections and its only-here tasks; tasks in other projects stay", async () => {
    const fake = await startAsanaFake();
    const { launch, website, task, doing } = fake.world;
    const shared = insertTask(fake.store, fake.world, {
      name: "Shared",
      projects: [launch.gid, website.gid],
      memberships: [{ project: launch.gid, section: doing.gid }, { project: website.gid }],
    });
    expect((await send(fake, "DELETE", `/projects/${launch.gid}`)).body).toEqual({ data: {} });
    expect((await send(fake, "GET", `/projects/${launch.gid}`)).status).toBe(404);
    expect((await send(fake, "GET", `/tasks/${task.gid}`)).status).toBe(404);
    expect((await send(fake, "GET", `/sections/${doing.gid}`)).status).toBe(404);
    const survivor = await send(fake, "GET", `/tasks/${shared.gid}?opt_fields=projects`);
    expect(survivor.body.data.projects.map((p: { gid: string }) => p.gid)).toEqual([website.gid]);
    expect((await send(fake, "DELETE", `/projects/${launch.gid}`)).status).toBe(404);
  });
});

describe("project routes with unknown objects", () => {
  test("an unknown team, project or member is refused", async () => {
    const fake = await startAsanaFake();
    const unknown = "1200000000000404";
    expect((await send(fake, "POST", `/teams/${unknown}/projects`, { data: { name: "Orphan" } })).status).toBe(404);
    expect((await send(fake, "GET", `/teams/${unknown}/projects`)).status).toBe(404);
    expect((await send(fake, "GET", `/projects/${unknown}/task_counts?opt_fields=num_tasks`)).status).toBe(404);
    expect((await send(fake, "PUT", `/projects/${unknown}`, { data: { name: "X" } })).status).toBe(404);
    const removed = await send(fake, "POST", `/projects/${fake.world.launch.gid}/removeMembers`, { data: { members: [unknown] } });
    expect(removed.status).toBe(404);
    expect(removed.body.errors[0].message).toContain(`members: Unknown object: ${unknown}`);
  });
});
