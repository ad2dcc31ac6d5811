import { afterEach, describe, expect, test } from "vitest";
import { getTeamById } from "../../../tools/teams/get-team-by-id.js";
import { listTeams } from "../../../tools/teams/list-teams.js";
import { listTeamsTheCurrentUserIsAMemberOf } from "../../../tools/teams/list-teams-the-current-user-is-a-member-of.js";
import { contractChecks, startAsanaFake, type AsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";

afterEach(closeClients);

const teamFields = "name,description,organization.name,permalink_url";

/** A second team in the organization that the current user is not a member of. */
function addSalesTeam(fake: AsanaFake) {
  const { premium, colleague } = fake.world;
  return fake.store.insert({
    resource_type: "team",
    name: "Sales",
    description: "",
    organization: premium.gid,
    permalink_url: "https://app.asana.com/0/team/2",
    _members: [colleague.gid],
  });
}

describe("GetTeamById", () => {
  test("returns the team with its organization", async () => {
    const fake = await startAsanaFake();
    const { team, premium } = fake.world;
    expect(outputOf(await callTool(fake, getTeamById, { team_id: team.gid }))).toEqual({
      team: {
        id: team.gid,
        name: "Engineering",
        description: "Builds the product",
        organization: { id: premium.gid, name: "Acme Corp" },
        permalink_url: "https://app.asana.com/0/team/1",
      },
    });
    expect(fake.requestsTo("GET", `/teams/${team.gid}`)[0]?.query).toEqual({ opt_fields: teamFields });
  });

  test("an unknown team is a 404 that points to the team lists", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, getTeamById, { team_id: "8080" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("Find team ids with Asana_ListTeams or Asana_ListTeamsTheCurrentUserIsAMemberOf.");
  });
});

describe("ListTeamsTheCurrentUserIsAMemberOf", () => {
  test("lists only the teams the user belongs to, asking Asana for the organization's teams of 'me'", async () => {
    const fake = await startAsanaFake();
    const { team, premium } = fake.world;
    addSalesTeam(fake);
    expect(outputOf(await callTool(fake, listTeamsTheCurrentUserIsAMemberOf, { workspace_id: premium.gid }))).toEqual({
      teams: [
        {
          id: team.gid,
          name: "Engineering",
          description: "Builds the product",
          organization: { id: premium.gid, name: "Acme Corp" },
          permalink_url: "https://app.asana.com/0/team/1",
        },
      ],
      count: 1,
      next_page: { has_more_pages: false, next_page_token: null },
    });
    expect(fake.requestsTo("GET", "/users/me/teams")[0]?.query).toEqual({ organization: premium.gid, limit: "100", opt_fields: teamFields });
  });

  test("a plain workspace has no teams", async () => {
    const fake = await startAsanaFake();
    const output = outputOf(await callTool(fake, listTeamsTheCurrentUserIsAMemberOf, { workspace_id: fake.world.free.gid }));
    expect(output).toMatchObject({ teams: [], count: 0 });
  });

  test("without a workspace, a user with several is asked to choose", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, listTeamsTheCurrentUserIsAMemberOf, {}));
    expect(error.kind).toBe("TOOL_RUNTIME_RETRY");
    expect(error.additionalPromptContent).toContain('"name":"Acme Corp"');
    expect(fake.requestsTo("GET", "/users/me/teams")).toHaveLength(0);
  });
});

describe("ListTeams", () => {
  test("lists every team in the organization, paging like the other lists", async () => {
    const fake = await startAsanaFake();
    const { team, premium } = fake.world;
    const sales = addSalesTeam(fake);
    const first = outputOf(await callTool(fake, listTeams, { workspace_id: premium.gid, limit: 1 })) as {
      teams: Array<{ id: string; name: string }>;
      next_page: { has_more_pages: boolean; next_page_token: string };
    };
    expect(first.teams.map((t) => [t.id, t.name])).toEqual([[team.gid, "Engineering"]]);
    expect(first.next_page.has_more_pages).toBe(true);
    const second = outputOf(
      await callTool(fake, listTeams, { workspace_id: premium.gid, limit: 1, next_page_token: first.next_page.next_page_token }),
    ) as typeof first;
    // An empty description is left out rather than shown as "".
    expect(second.teams).toEqual([
      { id: sales.gid, name: "Sales", organization: { id: premium.gid, name: "Acme Corp" }, permalink_url: "https://app.asana.com/0/team/2" },
    ]);
    expect(fake.requestsTo("GET", `/workspaces/${premium.gid}/teams`)[0]?.query).toEqual({ limit: "1", opt_fields: teamFields });
  });

  test("an unknown workspace is a 404 pointing to ListWorkspaces", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, listTeams, { workspace_id: "5150" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("Find workspace ids with Asana_ListWorkspaces.");
  });
});

describe("the emulator's team routes", () => {
  const userTeamsWithoutOrganization = async (fake: AsanaFake) =>
    fetch(`${fake.baseUrl}/users/me/teams`, { headers: { authorization: `Bearer ${fake.token}` } });

  test("a user's teams without the required organization is Asana's 400", async () => {
    const fake = await startAsanaFake({ expectViolations: true });
    try {
      const response = await userTeamsWithoutOrganization(fake);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ errors: [{ message: "organization: Missing input" }] });
    } finally {
      await fake.close();
    }
  });

  test.skipIf(!contractChecks.on)(
    `the contract checker agrees that request is malformed, which is why the tools always send it${contractChecks.needs}`,
    async () => {
      const fake = await startAsanaFake({ expectViolations: true });
      try {
        await userTeamsWithoutOrganization(fake);
        expect(fake.violations.map((v) => v.field)).toEqual(["query.organization"]);
      } finally {
        await fake.close();
      }
    },
  );
});
