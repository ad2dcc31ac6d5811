import { afterEach, describe, expect, test } from "vitest";
import { getUserById } from "../../../tools/users/get-user-by-id.js";
import { listUsers } from "../../../tools/users/list-users.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";

afterEach(closeClients);

const userFields = "name,email,workspaces.name";

/** Asana sorts user lists by id, numerically. */
function byId<T extends { id: string }>(a: T, b: T): number {
  return BigInt(a.id) < BigInt(b.id) ? -1 : 1;
}

describe("ListUsers", () => {
  test("lists the workspace's people, sorted by id as Asana does, without photos", async () => {
    const fake = await startAsanaFake();
    const { premium, free, me, colleague } = fake.world;
    const output = outputOf(await callTool(fake, listUsers, { workspace_id: premium.gid }));
    expect(output).toEqual({
      users: [
        {
          id: me.gid,
          name: "Ada Lovelace",
          email: "ada@acme.test",
          workspaces: [
            { id: premium.gid, name: "Acme Corp" },
            { id: free.gid, name: "Personal Projects" },
          ],
        },
        { id: colleague.gid, name: "Grace Hopper", email: "grace@acme.test", workspaces: [{ id: premium.gid, name: "Acme Corp" }] },
      ].sort(byId),
      count: 2,
      next_page: { has_more_pages: false, next_page_token: null },
    });
    expect(fake.requestsTo("GET", "/users")[0]?.query).toEqual({ workspace: premium.gid, limit: "100", opt_fields: userFields });
  });

  test("only members of the given workspace are listed", async () => {
    const fake = await startAsanaFake();
    const output = outputOf(await callTool(fake, listUsers, { workspace_id: fake.world.free.gid })) as { users: Array<{ name: string }> };
    expect(output.users.map((u) => u.name)).toEqual(["Ada Lovelace"]);
  });

  test("without a workspace, a user with several is asked to choose", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, listUsers, { limit: 5 }));
    expect(error.kind).toBe("TOOL_RUNTIME_RETRY");
    expect(error.additionalPromptContent).toContain(fake.world.premium.gid);
    expect(fake.requestsTo("GET", "/users")).toHaveLength(0);
  });

  test("an unknown workspace is a 404 pointing to ListWorkspaces", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, listUsers, { workspace_id: "777" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("Find workspace ids with Asana_ListWorkspaces.");
  });
});

describe("GetUserById", () => {
  test('"me" gives the current user itself, not Asana\'s data wrapper', async () => {
    const fake = await startAsanaFake();
    const { me, premium, free } = fake.world;
    expect(outputOf(await callTool(fake, getUserById, { user_id: "me" }))).toEqual({
      user: {
        id: me.gid,
        name: "Ada Lovelace",
        email: "ada@acme.test",
        workspaces: [
          { id: premium.gid, name: "Acme Corp" },
          { id: free.gid, name: "Personal Projects" },
        ],
      },
    });
    expect(fake.requestsTo("GET", "/users/me")[0]?.query).toEqual({ opt_fields: userFields });
  });

  test("a user can be fetched by id or by email", async () => {
    const fake = await startAsanaFake();
    const { colleague } = fake.world;
    const byGid = outputOf(await callTool(fake, getUserById, { user_id: colleague.gid }));
    const byEmail = outputOf(await callTool(fake, getUserById, { user_id: "Grace@acme.test" }));
    expect(byGid).toEqual({ user: expect.objectContaining({ id: colleague.gid, name: "Grace Hopper" }) });
    expect(byEmail).toEqual(byGid);
    expect(fake.requestsTo("GET", "/users/Grace%40acme.test")).toHaveLength(1);
  });

  test("an unknown user is a 404 that points to ListUsers", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, getUserById, { user_id: "1234" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain('Find user ids with Asana_ListUsers, or pass "me" for the current user.');
  });

  test("a name where the id belongs is refused before any request", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, getUserById, { user_id: "Grace Hopper" }));
    expect(error.kind).toBe("TOOL_RUNTIME_BAD_INPUT_VALUE");
    expect(error.message).toContain("`user_id`: must be a user's Asana id (a string of digits), \"me\" for the current user, or the user's email address");
    expect(error.message).toContain('(got "Grace Hopper"). Find user ids with Asana_ListUsers');
    expect(fake.exchanges).toHaveLength(0);
  });
});
