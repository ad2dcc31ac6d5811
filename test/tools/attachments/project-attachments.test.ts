import { afterEach, describe, expect, test } from "vitest";
import { listProjectAttachments } from "../../../tools/attachments/list-project-attachments.js";
import { startAsanaFake, type AsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";

afterEach(closeClients);

function file(fake: AsanaFake, parent: string, name: string) {
  return fake.store.insert({
    resource_type: "attachment",
    name,
    resource_subtype: "asana",
    host: "asana",
    parent,
    created_at: "2026-11-01T10:00:00.000Z",
    size: 1200,
  });
}

describe("ListProjectAttachments", () => {
  test("lists a project's Key resources, and with brief=true the files in its project brief", async () => {
    const fake = await startAsanaFake();
    const { launch } = fake.world;
    const brief = fake.store.insert({ resource_type: "project_brief", title: "Why we launch", html_text: "<body>Why</body>", project: launch.gid });
    launch.project_brief = brief.gid;
    const plan = file(fake, launch.gid, "plan.pdf");
    const mock = file(fake, brief.gid, "mock.png");

    const resources = outputOf(await callTool(fake, listProjectAttachments, { project_id: launch.gid }));
    expect(resources).toEqual({
      attachments: [{ id: plan.gid, name: "plan.pdf", resource_subtype: "asana", host: "asana", size: 1200, created_at: "2026-11-01T10:00:00.000Z" }],
      count: 1,
      next_page: { has_more_pages: false, next_page_token: null },
    });
    expect(fake.requestsTo("GET", "/attachments")[0]?.query).toEqual({
      parent: launch.gid,
      limit: "100",
      opt_fields: "name,resource_subtype,host,size,created_at",
    });

    const inBrief = outputOf(await callTool(fake, listProjectAttachments, { project_id: launch.gid, brief: true }));
    expect(inBrief.attachments.map((a) => a.id)).toEqual([mock.gid]);
    expect(fake.requestsTo("GET", `/projects/${launch.gid}`)[0]?.query).toEqual({ opt_fields: "project_brief" });
    expect(fake.requestsTo("GET", "/attachments")[1]?.query.parent).toBe(brief.gid);
  });

  test("a project without a brief says so; an unknown project is a 404 pointing to ListProjects", async () => {
    const fake = await startAsanaFake();
    const none = outputOf(await callTool(fake, listProjectAttachments, { project_id: fake.world.website.gid, brief: true }));
    expect(none).toMatchObject({ attachments: [], count: 0, note: `Project ${fake.world.website.gid} has no project brief.` });
    expect(fake.requestsTo("GET", "/attachments")).toHaveLength(0);
    const missing = errorOf(await callTool(fake, listProjectAttachments, { project_id: "8080" }));
    expect(missing.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(missing.message).toContain("Asana_ListProjects");
  });
});
