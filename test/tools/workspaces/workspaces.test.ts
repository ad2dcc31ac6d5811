import { afterEach, describe, expect, test } from "vitest";
import { listWorkspaces } from "../../../tools/workspaces/list-workspaces.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, callToolWithRawArguments, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";

afterEach(closeClients);

describe("ListWorkspaces", () => {
  test("lists the user's workspaces with Arcade's paging block", async () => {
    const fake = await startAsanaFake();
    const { premium, free } = fake.world;
    expect(outputOf(await callTool(fake, listWorkspaces, {}))).toEqual({
      workspaces: [
        { id: premium.gid, name: "Acme Corp", is_organization: true, email_domains: ["acme.test"] },
        { id: free.gid, name: "Personal Projects", is_organization: false },
      ],
      count: 2,
      next_page: { has_more_pages: false, next_page_token: null },
    });
    expect(fake.requestsTo("GET", "/workspaces")[0]?.query).toEqual({ limit: "100", opt_fields: "name,is_organization,email_domains" });
  });

  test("pages with next_page_token until has_more_pages is false", async () => {
    const fake = await startAsanaFake();
    const first = outputOf(await callTool(fake, listWorkspaces, { limit: 1 })) as {
      workspaces: Array<{ id: string }>;
      next_page: { has_more_pages: boolean; next_page_token: string };
    };
    expect(first.workspaces.map((w) => w.id)).toEqual([fake.world.premium.gid]);
    expect(first.next_page.has_more_pages).toBe(true);
    const second = outputOf(await callTool(fake, listWorkspaces, { limit: 1, next_page_token: first.next_page.next_page_token })) as typeof first;
    expect(second.workspaces.map((w) => w.id)).toEqual([fake.world.free.gid]);
    expect(second.next_page).toEqual({ has_more_pages: false, next_page_token: null });
  });

  test("limit outside 1-100 is clamped, as Arcade does", async () => {
    const fake = await startAsanaFake();
    await callTool(fake, listWorkspaces, { limit: 500 });
    await callTool(fake, listWorkspaces, { limit: 0 });
    expect(fake.requestsTo("GET", "/workspaces").map((e) => e.query.limit)).toEqual(["100", "1"]);
  });

  test("a limit that is not a whole number is refused with the rule", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callToolWithRawArguments(fake, listWorkspaces, { limit: "ten" }));
    expect(error.message).toContain("`limit`: must be a whole number of workspaces per page (1-100)");
    expect(fake.exchanges).toHaveLength(0);
  });

  test("a forged page token gets Asana's 400 explained", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, listWorkspaces, { next_page_token: "not-a-token" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_BAD_REQUEST");
    expect(error.message).toContain("offset: Your pagination token is invalid");
  });
});
