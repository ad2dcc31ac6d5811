import { afterEach, describe, expect, test } from "vitest";
import { addProjectFollowers } from "../../../tools/projects/add-project-followers.js";
import { removeProjectFollowers } from "../../../tools/projects/remove-project-followers.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";

afterEach(closeClients);

describe("AddProjectFollowers and RemoveProjectFollowers", () => {
  test("a follower who was not a member becomes one; removing the follower keeps the membership", async () => {
    const fake = await startAsanaFake();
    const { website, me, colleague } = fake.world;
    const added = outputOf(await callTool(fake, addProjectFollowers, { project_id: website.gid, followers: ["me", "grace@acme.test", "me"] }));
    expect(added).toEqual({
      status: { success: true, message: "3 followers added" },
      project: {
        id: website.gid,
        name: "Website Redesign",
        followers: [
          { id: me.gid, name: "Ada Lovelace" },
          { id: colleague.gid, name: "Grace Hopper" },
        ],
      },
    });
    // AddFollowersRequest.followers: one comma-separated string, each user once.
    expect(fake.requestsTo("POST", `/projects/${website.gid}/addFollowers`)[0]?.body).toEqual({ data: { followers: "me,grace@acme.test" } });
    expect(fake.store.get(website.gid)?.members).toEqual([colleague.gid, me.gid]);

    const removed = outputOf(await callTool(fake, removeProjectFollowers, { project_id: website.gid, followers: [me.gid] }));
    expect(removed.project.followers).toEqual([{ id: colleague.gid, name: "Grace Hopper" }]);
    expect(fake.store.get(website.gid)?.members).toEqual([colleague.gid, me.gid]);
  });

  test("users are checked before any request; an unknown project is a 404 pointing to ListProjects", async () => {
    const fake = await startAsanaFake();
    const bad = errorOf(await callTool(fake, addProjectFollowers, { project_id: fake.world.website.gid, followers: ["Grace"] }));
    expect(bad.message).toContain('must be "me", a user id (digits) or an email address');
    expect(fake.exchanges).toHaveLength(0);
    const missing = errorOf(await callTool(fake, removeProjectFollowers, { project_id: "777", followers: ["me"] }));
    expect(missing.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(missing.message).toContain("Asana_ListProjects");
  });
});
