import { afterEach, describe, expect, test } from "vitest";
import { getWorkspaceById } from "../../../tools/workspaces/get-workspace-by-id.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";

afterEach(closeClients);

describe("GetWorkspaceById", () => {
  test("returns the workspace with the same fields ListWorkspaces gives", async () => {
    const fake = await startAsanaFake();
    const { premium, free } = fake.world;
    expect(outputOf(await callTool(fake, getWorkspaceById, { workspace_id: premium.gid }))).toEqual({
      workspace: { id: premium.gid, name: "Acme Corp", is_organization: true, email_domains: ["acme.test"] },
    });
    // No email domains: the empty list is left out rather than shown.
    expect(outputOf(await callTool(fake, getWorkspaceById, { workspace_id: free.gid }))).toEqual({
      workspace: { id: free.gid, name: "Personal Projects", is_organization: false },
    });
    expect(fake.requestsTo("GET", `/workspaces/${premium.gid}`)[0]?.query).toEqual({ opt_fields: "name,is_organization,email_domains" });
  });

  test("an unknown workspace is a 404 that points to ListWorkspaces", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, getWorkspaceById, { workspace_id: "42" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("No workspace has this id, or the user is not a member of it. Find workspace ids with Asana_ListWorkspaces.");
  });

  test("a workspace name where the id belongs is refused before any request", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, getWorkspaceById, { workspace_id: "Acme Corp" }));
    expect(error.kind).toBe("TOOL_RUNTIME_BAD_INPUT_VALUE");
    expect(error.message).toContain("`workspace_id`: must be the workspace's Asana id");
    expect(fake.exchanges).toHaveLength(0);
  });
});
