import { afterEach, describe, expect, test } from "vitest";
import { addProjectMembers } from "../../../tools/projects/add-project-members.js";
import { createProject } from "../../../tools/projects/create-project.js";
import { deleteProject } from "../../../tools/projects/delete-project.js";
import { setUpSections } from "../../../tools/projects/project-sections.js";
import { removeProjectMembers } from "../../../tools/projects/remove-project-members.js";
import { updateProject } from "../../../tools/projects/update-project.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, clientFor, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";
import { insertTask } from "../../support/world.js";
import { markedText } from "../../support/create-marker.js";

afterEach(closeClients);

const sectionsOf = (fake: Awaited<ReturnType<typeof startAsanaFake>>, projectGid: string) =>
  fake.store.all("section", (s) => s.project === projectGid).map((s) => s.name);

describe("CreateProject", () => {
  test("creates a project in a team with its sections in the order asked", async () => {
    const fake = await startAsanaFake();
    const { team, me } = fake.world;
    const output = outputOf(
      await callTool(fake, createProject, {
        name: "Launch v3",
        team_id: team.gid,
        notes: "Everything for v3",
        start_date: "2026-11-02",
        due_date: "2026-12-18",
        privacy: "private_to_team",
        color: "dark-blue",
        default_view: "board",
        sections: ["To do", "Doing", "Done"],
      }),
    );
    const [created] = fake.requestsTo("POST", `/teams/${team.gid}/projects`);
    expect(created?.body).toEqual({
      data: {
        name: "Launch v3",
        notes: markedText("Everything for v3"),
        start_on: "2026-11-02",
        due_on: "2026-12-18",
        privacy_setting: "private_to_team",
        color: "dark-blue",
        default_view: "board",
      },
    });
    const id = output.project.id;
    expect(output.project).toMatchObject({
      name: "Launch v3",
      team: { id: team.gid, name: "Engineering" },
      notes: "Everything for v3",
      color: "dark-blue",
      due_on: "2026-12-18",
      start_on: "2026-11-02",
    });
    expect(output.project.members).toEqual([{ id: me.gid, name: "Ada Lovelace" }]);
    expect(output.sections?.map((s) => s.name)).toEqual(["To do", "Doing", "Done"]);
    expect(sectionsOf(fake, id)).toEqual(["To do", "Doing", "Done"]);
    expect(fake.store.get(id)).toMatchObject({ default_view: "board", privacy_setting: "private_to_team" });
    expect(output.status).toEqual({ success: true, message: 'project "Launch v3" created with 3 sections' });
  });

  test("on a workspace without teams the workspace takes it, and no sections means none are made", async () => {
    const fake = await startAsanaFake();
    const { free } = fake.world;
    const output = outputOf(await callTool(fake, createProject, { name: "Garden", workspace_id: free.gid, owner: "me" }));
    expect(fake.requestsTo("POST", "/projects")[0]?.body).toEqual({ data: { name: "Garden", notes: markedText(), owner: "me", workspace: free.gid } });
    expect(output.project).toMatchObject({ name: "Garden", workspace: { id: free.gid, name: "Personal Projects" } });
    expect(output).not.toHaveProperty("sections");
    expect(fake.requestsTo("GET", /\/sections$/)).toHaveLength(0);
  });

  test("in an organization without team_id, Asana's 400 comes with the advice to pass one", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, createProject, { name: "Teamless", workspace_id: fake.world.premium.gid }));
    expect(error).toMatchObject({ kind: "UPSTREAM_RUNTIME_BAD_REQUEST", statusCode: 400 });
    expect(error.message).toContain("In an organization every project belongs to a team: call again with team_id");
    expect(error.message).toContain("Asana_ListTeams");
    expect(fake.store.all("project", (p) => p.name === "Teamless")).toHaveLength(0);
  });

  test("a start date without a due date, or after it, is refused before any request", async () => {
    const fake = await startAsanaFake();
    const { team } = fake.world;
    const alone = errorOf(await callTool(fake, createProject, { name: "Dates", team_id: team.gid, start_date: "2026-11-02" }));
    expect(alone.message).toContain("`start_date`: needs a due date");
    const late = errorOf(await callTool(fake, createProject, { name: "Dates", team_id: team.gid, start_date: "2026-12-02", due_date: "2026-11-02" }));
    expect(late.message).toContain("`start_date`: must not be after due_date");
    const color = errorOf(await callTool(fake, createProject, { name: "Dates", team_id: team.gid, color: "mauve" as "none" }));
    expect(color.message).toContain("`color`: must be one of Asana's project colors");
    expect(fake.exchanges).toHaveLength(0);
  });

  test("when a section cannot be made, the error says the project exists and which sections are missing", async () => {
    const fake = await startAsanaFake();
    fake.faults.inject({ method: "POST", path: /^\/projects\/\d+\/sections$/, status: 403, message: "Forbidden" });
    const error = errorOf(await callTool(fake, createProject, { name: "Half made", team_id: fake.world.team.gid, sections: ["To do", "Done"] }));
    const made = fake.store.all("project", (p) => p.name === "Half made");
    expect(made).toHaveLength(1);
    expect(error.statusCode).toBe(403);
    expect(error.message).toContain(`Project ${made[0]!.gid} was created; sections "To do", "Done" were not made. Add them with Asana_CreateSection`);
  });

  test("when Asana's answer is lost, the project made since the call started is found and reported", async () => {
    const fake = await startAsanaFake();
    const { team, premium } = fake.world;
    // One of the same name made seconds before the call (by someone else): never taken for this call's.
    const earlier = new Date(Date.now() - 5_000).toISOString();
    fake.store.insert({ ...fake.world.website, gid: undefined, name: "Lost and found", team: team.gid, workspace: premium.gid, created_at: earlier });
    // Asana makes the project, and the connection breaks before its answer arrives.
    fake.faults.inject({ method: "POST", path: `/teams/${team.gid}/projects`, afterWork: "reset" });
    const output = outputOf(await callTool(fake, createProject, { name: "Lost and found", team_id: team.gid, sections: ["Only"] }));
    const made = fake.store.all("project", (p) => p.name === "Lost and found").at(-1)!;
    expect(output.project.id).toBe(made.gid);
    expect(output.status.message).toContain("Asana's answer was lost on the way back; the project was found by the marker this call put on it");
    expect(output.status.message).toContain('sections "Only" are missing: add them with Asana_CreateSection');
  });

  test("a 5xx is an answer, not a lost one: only the call's marker is looked for, never the name, so a look-alike is not taken, and the model hears it may have happened", async () => {
    const fake = await startAsanaFake();
    const { team, premium } = fake.world;
    fake.store.insert({
      ...fake.world.website,
      gid: undefined,
      name: "Maybe made",
      team: team.gid,
      workspace: premium.gid,
      created_at: new Date().toISOString(),
    });
    fake.faults.inject({ method: "POST", path: `/teams/${team.gid}/projects`, status: 500 });
    const error = errorOf(await callTool(fake, createProject, { name: "Maybe made", team_id: team.gid }));
    expect(error.canRetry).toBe(false);
    expect(error.message).toContain("may have taken effect");
    expect(fake.requestsTo("GET", "/projects").map((exchange) => exchange.query.opt_fields)).toEqual(["notes"]);
  });

  test("a lone default section is renamed to the first name, so the project has exactly the sections asked for", async () => {
    const fake = await startAsanaFake();
    const project = fake.store.insert({ ...fake.world.website, gid: undefined, name: "Fresh" });
    const untitled = fake.store.insert({ resource_type: "section", name: "Untitled section", project: project.gid, created_at: new Date().toISOString() });
    const session = clientFor(fake).session({ token: fake.token });
    const sections = await setUpSections(session, project.gid, ["To do", "Doing", "Done"]);
    expect(sections).toEqual([
      { id: untitled.gid, name: "To do" },
      { id: expect.any(String), name: "Doing" },
      { id: expect.any(String), name: "Done" },
    ]);
    expect(sectionsOf(fake, project.gid)).toEqual(["To do", "Doing", "Done"]);
    expect(fake.requestsTo("PUT", `/sections/${untitled.gid}`)[0]?.body).toEqual({ data: { name: "To do" } });
    // Sections the caller made themselves are never renamed.
    const sectionsBefore = sectionsOf(fake, fake.world.launch.gid);
    expect(await setUpSections(session, fake.world.launch.gid, ["Later"])).toHaveLength(sectionsBefore.length + 1);
    expect(sectionsOf(fake, fake.world.launch.gid)).toEqual([...sectionsBefore, "Later"]);
  });
});

describe("UpdateProject", () => {
  test("changes only what is given; clear empties the due date and notes; archive and complete", async () => {
    const fake = await startAsanaFake();
    const { launch, colleague } = fake.world;
    const output = outputOf(
      await callTool(fake, updateProject, {
        project_id: launch.gid,
        name: "Q4 Launch (final)",
        owner: colleague.gid,
        clear: ["due_date", "notes"],
        archived: true,
        completed: true,
      }),
    );
    expect(fake.requestsTo("PUT", `/projects/${launch.gid}`)[0]?.body).toEqual({
      data: { name: "Q4 Launch (final)", notes: "", due_on: null, owner: colleague.gid, archived: true, completed: true },
    });
    expect(output.project).toMatchObject({ id: launch.gid, name: "Q4 Launch (final)", archived: true, completed: true, owner: { id: colleague.gid } });
    expect(output.project).not.toHaveProperty("due_on");
    expect(output.status.success).toBe(true);
  });

  test("nothing to change is refused before any request; an unknown project is a 404 that points to ListProjects", async () => {
    const fake = await startAsanaFake();
    const empty = errorOf(await callTool(fake, updateProject, { project_id: fake.world.launch.gid }));
    expect(empty.kind).toBe("TOOL_RUNTIME_BAD_INPUT_VALUE");
    expect(empty.message).toContain("must change at least one field");
    const emptyClear = errorOf(await callTool(fake, updateProject, { project_id: fake.world.launch.gid, clear: [] }));
    expect(emptyClear.message).toContain("must change at least one field");
    expect(fake.exchanges).toHaveLength(0);
    const missing = errorOf(await callTool(fake, updateProject, { project_id: "404404", name: "Nope" }));
    expect(missing).toMatchObject({ kind: "UPSTREAM_RUNTIME_NOT_FOUND", statusCode: 404 });
    expect(missing.message).toContain("Asana_ListProjects");
  });

  test("a start date on a project without a due date gets Asana's 400 and the fix", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, updateProject, { project_id: fake.world.website.gid, start_date: "2026-11-10" }));
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain("call Asana_UpdateProject again with due_date as well (on or after 2026-11-10)");
  });
});

describe("DeleteProject", () => {
  test("deletes the project and says how many tasks it held; tasks also in another project stay", async () => {
    const fake = await startAsanaFake();
    const { launch, website, task } = fake.world;
    const shared = insertTask(fake.store, fake.world, {
      name: "Shared work",
      projects: [launch.gid, website.gid],
      memberships: [{ project: launch.gid }, { project: website.gid }],
    });
    const output = outputOf(await callTool(fake, deleteProject, { project_id: launch.gid }));
    expect(output).toEqual({
      status: {
        success: true,
        message: 'project "Q4 Launch" deleted; it held 2 tasks: those in no other project were deleted with it, the others stay in their other projects',
      },
      project: { id: launch.gid, name: "Q4 Launch" },
      tasks_in_project: 2,
    });
    expect(fake.store.get(launch.gid)).toBeUndefined();
    expect(fake.store.get(task.gid)).toBeUndefined();
    expect(fake.store.get(shared.gid)).toBeDefined();
  });

  test("an unknown project is a 404 and nothing is deleted", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, deleteProject, { project_id: "404404" }));
    expect(error).toMatchObject({ kind: "UPSTREAM_RUNTIME_NOT_FOUND", statusCode: 404 });
    expect(error.message).toContain("it may already be deleted");
    expect(fake.requestsTo("DELETE", /^\/projects\//)).toHaveLength(0);
  });
});

describe("AddProjectMembers and RemoveProjectMembers", () => {
  test("add people by email and id, then remove one; each answers with the members", async () => {
    const fake = await startAsanaFake();
    const { website, me, colleague } = fake.world;
    const added = outputOf(await callTool(fake, addProjectMembers, { project_id: website.gid, members: ["ada@acme.test", colleague.gid] }));
    expect(fake.requestsTo("POST", `/projects/${website.gid}/addMembers`)[0]?.body).toEqual({ data: { members: `ada@acme.test,${colleague.gid}` } });
    expect(added.project.members).toEqual([
      { id: colleague.gid, name: "Grace Hopper" },
      { id: me.gid, name: "Ada Lovelace" },
    ]);
    const removed = outputOf(await callTool(fake, removeProjectMembers, { project_id: website.gid, members: ["me"] }));
    expect(removed).toEqual({
      status: { success: true, message: "1 member removed" },
      project: { id: website.gid, name: "Website Redesign", members: [{ id: colleague.gid, name: "Grace Hopper" }] },
    });
  });

  test("a name instead of a user is refused before any request; an unknown user is Asana's 404", async () => {
    const fake = await startAsanaFake();
    const bad = errorOf(await callTool(fake, addProjectMembers, { project_id: fake.world.website.gid, members: ["Grace"] }));
    expect(bad.message).toContain('`members[0]`: must be "me", a user id (digits) or an email address');
    expect(fake.exchanges).toHaveLength(0);
    const unknown = errorOf(await callTool(fake, removeProjectMembers, { project_id: fake.world.website.gid, members: ["nobody@acme.test"] }));
    expect(unknown).toMatchObject({ kind: "UPSTREAM_RUNTIME_NOT_FOUND", statusCode: 404 });
    expect(unknown.message).toContain("Asana_ListUsers");
  });
});
