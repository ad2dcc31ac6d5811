import { afterEach, describe, expect, test } from "vitest";
import { PersonalAccessTokenResolver } from "../../../src/auth/index.js";
import { getProjectById } from "../../../tools/projects/get-project-by-id.js";
import { listProjects } from "../../../tools/projects/list-projects.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, callToolWithRawArguments, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";

afterEach(closeClients);

const projectFields =
  "name,workspace.name,team.name,owner,members.name,notes,color,due_on,start_on,completed,completed_at,completed_by.name,archived,current_status_update.title,permalink_url";

describe("GetProjectById", () => {
  test("a project with more members than are listed names the first 20 and gives the count", async () => {
    const fake = await startAsanaFake();
    const { launch, premium } = fake.world;
    const people = Array.from({ length: 25 }, (_, i) =>
      fake.store.insert({ resource_type: "user", name: `Member ${i}`, email: `member${i}@acme.test`, photo: null, workspaces: [premium.gid] }),
    );
    launch.members = people.map((person) => person.gid);
    const { project } = outputOf(await callTool(fake, getProjectById, { project_id: launch.gid }));
    expect(project.members).toHaveLength(20);
    expect(project.members?.[0]).toEqual({ id: people[0]!.gid, name: "Member 0" });
    expect(project.member_count).toBe(25);
  });

  test("returns the project trimmed to its meaningful fields, ids instead of gids", async () => {
    const fake = await startAsanaFake();
    const { launch, premium, team, me, colleague } = fake.world;
    expect(outputOf(await callTool(fake, getProjectById, { project_id: launch.gid }))).toEqual({
      project: {
        id: launch.gid,
        name: "Q4 Launch",
        workspace: { id: premium.gid, name: "Acme Corp" },
        team: { id: team.gid, name: "Engineering" },
        owner: { id: me.gid, name: "Ada Lovelace" },
        members: [
          { id: me.gid, name: "Ada Lovelace" },
          { id: colleague.gid, name: "Grace Hopper" },
        ],
        color: "light-green",
        due_on: "2026-12-31",
        completed: false,
        archived: false,
        permalink_url: "https://app.asana.com/0/2/list",
      },
    });
    expect(fake.requestsTo("GET", `/projects/${launch.gid}`)[0]?.query).toEqual({ opt_fields: projectFields });
  });

  test("a project in a plain workspace has no team, and says nothing about one", async () => {
    const fake = await startAsanaFake();
    const { project } = outputOf(await callTool(fake, getProjectById, { project_id: fake.world.home.gid })) as { project: Record<string, unknown> };
    expect(project).not.toHaveProperty("team");
    expect(project.workspace).toEqual({ id: fake.world.free.gid, name: "Personal Projects" });
  });

  test("a long member list is cut to 20 names plus the total", async () => {
    const fake = await startAsanaFake();
    const { premium } = fake.world;
    const people = Array.from({ length: 25 }, (_, i) =>
      fake.store.insert({ resource_type: "user", name: `Person ${i + 1}`, email: `p${i + 1}@acme.test`, photo: null, workspaces: [premium.gid] }),
    );
    const crowded = fake.store.insert({ ...fake.world.website, gid: undefined, name: "All hands", members: people.map((p) => p.gid) });
    const { project } = outputOf(await callTool(fake, getProjectById, { project_id: crowded.gid })) as {
      project: { members: Array<{ name: string }>; member_count: number };
    };
    expect(project.members).toHaveLength(20);
    expect(project.members[19]).toEqual({ id: people[19]!.gid, name: "Person 20" });
    expect(project.member_count).toBe(25);
  });

  test("an unknown project is a 404 that points to ListProjects", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, getProjectById, { project_id: "404404" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.statusCode).toBe(404);
    expect(error.message).toContain("No project has this id, or the user cannot see it. Find project ids with Asana_ListProjects.");
  });

  test("a blank project_id is refused before any request", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, getProjectById, { project_id: "  " }));
    expect(error.kind).toBe("TOOL_RUNTIME_BAD_INPUT_VALUE");
    expect(error.message).toContain("`project_id`: must not be empty");
    expect(error.message).toContain("Asana_ListProjects");
    expect(fake.exchanges).toHaveLength(0);
  });

  test("a project named exactly is found in whichever of the user's workspaces has it, by typeahead", async () => {
    const fake = await startAsanaFake();
    const { website, premium, free } = fake.world;
    const { project } = outputOf(await callTool(fake, getProjectById, { project_id: "website redesign" }));
    expect(project).toMatchObject({ id: website.gid, name: "Website Redesign" });
    expect(fake.requestsTo("GET", `/workspaces/${premium.gid}/typeahead`)[0]?.query).toMatchObject({ resource_type: "project", query: "website redesign" });
    expect(fake.requestsTo("GET", `/workspaces/${free.gid}/typeahead`)).toHaveLength(1);
  });

  test("a name no project has, or that projects in two workspaces share, is an error naming project_id and what to pass", async () => {
    const fake = await startAsanaFake();
    const { home, premium } = fake.world;
    const missing = errorOf(await callTool(fake, getProjectById, { project_id: "Garden" }));
    expect(missing.message).toContain('No project is named exactly "Garden" in the user\'s workspaces (project_id). Pass its id, or its exact name.');
    expect(missing.additionalPromptContent).toContain("Asana_SearchByName");
    const twin = fake.store.insert({ ...home, gid: undefined, name: "Home", workspace: premium.gid });
    const ambiguous = errorOf(await callTool(fake, getProjectById, { project_id: "Home" }));
    expect(ambiguous.message).toContain('2 projects are named "Home" (project_id); pass the id of the one meant.');
    expect(ambiguous.additionalPromptContent).toContain(`"id":"${twin.gid}"`);
    expect(ambiguous.additionalPromptContent).toContain(`"id":"${home.gid}"`);
    expect(fake.requestsTo("GET", /^\/projects\//)).toHaveLength(0);
  });
});

describe("ListProjects", () => {
  test("without a workspace, a user with several asks which one, listing them", async () => {
    const fake = await startAsanaFake();
    const { premium, free } = fake.world;
    const error = errorOf(await callTool(fake, listProjects, {}));
    expect(error.kind).toBe("TOOL_RUNTIME_RETRY");
    expect(error.canRetry).toBe(true);
    expect(error.message).toContain("pass workspace_id");
    expect(error.additionalPromptContent).toBe(
      `Workspaces available: ${JSON.stringify([
        { id: premium.gid, name: "Acme Corp" },
        { id: free.gid, name: "Personal Projects" },
      ])}`,
    );
    expect(fake.requestsTo("GET", "/projects")).toHaveLength(0);
  });

  test("lists the workspace's projects as compact summaries, with Arcade's paging block", async () => {
    const fake = await startAsanaFake();
    const { premium, launch, website, team } = fake.world;
    fake.store.get(launch.gid)!.notes = "Everything for the Q4 launch: venue, press, demo.";
    const output = outputOf(await callTool(fake, listProjects, { workspace_id: premium.gid }));
    expect(output).toEqual({
      projects: [
        {
          id: launch.gid,
          name: "Q4 Launch",
          team: { id: team.gid, name: "Engineering" },
          archived: false,
          color: "light-green",
          due_on: "2026-12-31",
          permalink_url: "https://app.asana.com/0/2/list",
        },
        {
          id: website.gid,
          name: "Website Redesign",
          team: { id: team.gid, name: "Engineering" },
          archived: false,
          color: "light-green",
          permalink_url: "https://app.asana.com/0/2/list",
        },
      ],
      count: 2,
      next_page: { has_more_pages: false, next_page_token: null },
    });
    // Only the summary's fields are asked for: no notes, members or owner per project.
    expect(fake.requestsTo("GET", "/projects")[0]?.query).toEqual({
      workspace: premium.gid,
      limit: "100",
      opt_fields: "name,team.name,archived,color,due_on,permalink_url",
    });
  });

  test("GetProjectById still gives the notes and members a list leaves out", async () => {
    const fake = await startAsanaFake();
    const { launch, premium } = fake.world;
    fake.store.get(launch.gid)!.notes = "Everything for the Q4 launch: venue, press, demo.";
    const listed = outputOf(await callTool(fake, listProjects, { workspace_id: premium.gid })) as { projects: Array<Record<string, unknown>> };
    const { project } = outputOf(await callTool(fake, getProjectById, { project_id: launch.gid })) as { project: Record<string, unknown> };
    expect(listed.projects[0]).not.toHaveProperty("notes");
    expect(listed.projects[0]).not.toHaveProperty("members");
    expect(project.notes).toBe("Everything for the Q4 launch: venue, press, demo.");
    expect(project.members).toHaveLength(2);
  });

  test("a team is enough: no workspace is asked for or looked up", async () => {
    const fake = await startAsanaFake();
    const output = outputOf(await callTool(fake, listProjects, { team_id: fake.world.team.gid })) as { count: number };
    expect(output.count).toBe(2);
    expect(fake.requestsTo("GET", "/workspaces")).toHaveLength(0);
    expect(fake.requestsTo("GET", "/projects")[0]?.query).toMatchObject({ team: fake.world.team.gid });
    expect(fake.requestsTo("GET", "/projects")[0]?.query).not.toHaveProperty("workspace");
  });

  test("a user with one workspace needs no workspace_id", async () => {
    const fake = await startAsanaFake();
    fake.addToken("pat-grace", fake.world.colleague.gid);
    const output = outputOf(await callTool(fake, listProjects, { limit: 1 }, { tokens: new PersonalAccessTokenResolver("pat-grace") })) as {
      projects: Array<{ name: string }>;
      next_page: { has_more_pages: boolean; next_page_token: string };
    };
    expect(output.projects.map((p) => p.name)).toEqual(["Q4 Launch"]);
    expect(output.next_page.has_more_pages).toBe(true);
    expect(fake.requestsTo("GET", "/projects")[0]?.query).toMatchObject({ workspace: fake.world.premium.gid, limit: "1" });

    const next = outputOf(
      await callTool(fake, listProjects, { limit: 1, workspace_id: fake.world.premium.gid, next_page_token: output.next_page.next_page_token }),
    ) as typeof output;
    expect(next.projects.map((p) => p.name)).toEqual(["Website Redesign"]);
    expect(next.next_page).toEqual({ has_more_pages: false, next_page_token: null });
  });

  test("an unknown workspace is a 404 that says where valid ids come from", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, listProjects, { workspace_id: "999" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("Check workspace_id with Asana_ListWorkspaces and team_id with Asana_ListTeams.");
  });

  test("a team id that is not digits is refused before any request", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callToolWithRawArguments(fake, listProjects, { team_id: "Engineering", workspace: "1" }));
    expect(error.message).toContain("`team_id`: must be the team's Asana id");
    expect(error.message).toContain("`workspace`: is not a parameter of this tool. Use only: team_id, workspace_id, limit, next_page_token, max_bytes.");
    expect(fake.exchanges).toHaveLength(0);
  });
});
