import { afterEach, describe, expect, test } from "vitest";
import { getAgent } from "../../../tools/agents/get-agent.js";
import { searchByName } from "../../../tools/search/search-by-name.js";
import { startAsanaFake, type AsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";

afterEach(closeClients);

/** An AI teammate as AgentResponse describes one. */
function insertAgent(fake: AsanaFake) {
  return fake.store.insert({
    resource_type: "agent",
    resource_subtype: "asana_teammate",
    name: "Launch Planner",
    description: "Drafts launch plans from a brief",
    behavior_guidance: "Ask before assigning anyone",
    workspace: fake.world.premium.gid,
    photo: null,
  });
}

describe("AI teammates", () => {
  test("SearchByName finds an agent by name with Asana's typeahead", async () => {
    const fake = await startAsanaFake();
    const agent = insertAgent(fake);
    const output = outputOf(await callTool(fake, searchByName, { query: "launch pl", resource_type: "agent", workspace_id: fake.world.premium.gid }));
    expect(output).toEqual({ items: [{ id: agent.gid, type: "agent", name: "Launch Planner" }], count: 1 });
    expect(fake.requestsTo("GET", `/workspaces/${fake.world.premium.gid}/typeahead`)[0]?.query).toMatchObject({ resource_type: "agent", query: "launch pl" });
  });

  test("GetAgent reads one agent: what it does and how it behaves", async () => {
    const fake = await startAsanaFake();
    const agent = insertAgent(fake);
    expect(outputOf(await callTool(fake, getAgent, { agent_id: agent.gid }))).toEqual({
      agent: {
        id: agent.gid,
        name: "Launch Planner",
        type: "asana_teammate",
        description: "Drafts launch plans from a brief",
        behavior: "Ask before assigning anyone",
        workspace: { id: fake.world.premium.gid, name: "Acme Corp" },
      },
    });
    expect(fake.requestsTo("GET", `/agents/${agent.gid}`)[0]?.query).toEqual({ opt_fields: "name,resource_subtype,description,behavior_guidance,workspace" });
    const missing = errorOf(await callTool(fake, getAgent, { agent_id: "6060" }));
    expect(missing.message).toContain("Asana_SearchByName (resource_type agent)");
  });
});
