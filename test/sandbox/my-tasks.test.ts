import { describe, expect, test } from "vitest";
import { startAsanaFake, provokedViolations } from "../support/asana-fake.js";
import { insertTask } from "../support/world.js";
import { send } from "./raw-request.js";

describe("My Tasks", () => {
  test("a user's task list per workspace, by me, email or gid; its tasks section by section, paged", async () => {
    const fake = await startAsanaFake();
    const { me, premium } = fake.world;
    const list = await send(fake, "GET", `/users/me/user_task_list?workspace=${premium.gid}&opt_fields=name,owner,workspace`);
    expect(list.status).toBe(200);
    expect(list.body.data).toMatchObject({
      resource_type: "user_task_list",
      name: "My Tasks",
      owner: { gid: me.gid, name: "Ada Lovelace" },
      workspace: { gid: premium.gid },
    });
    const byEmail = await send(fake, "GET", `/users/ada@acme.test/user_task_list?workspace=${premium.gid}`);
    expect(byEmail.body.data.gid).toBe(list.body.data.gid);
    expect((await send(fake, "GET", `/user_task_lists/${list.body.data.gid}?opt_fields=name`)).body.data.name).toBe("My Tasks");

    // Assigning puts a task in "Recently assigned"; moving it to "Do today" sorts it before the rest.
    const later = insertTask(fake.store, fake.world, { name: "Later" });
    const today = insertTask(fake.store, fake.world, { name: "Today" });
    for (const task of [later, today]) expect((await send(fake, "PUT", `/tasks/${task.gid}`, { data: { assignee: "me" } })).status).toBe(200);
    const sections = fake.store.all("section", (s) => s.project === list.body.data.gid).map((s) => s.name);
    expect(sections).toEqual(["Recently assigned", "Do today", "Do next week", "Do later"]);
    const doToday = fake.store.all("section", (s) => s.project === list.body.data.gid && s.name === "Do today")[0]!;
    const moved = await send(fake, "PUT", `/tasks/${today.gid}?opt_fields=assignee_section.name`, { data: { assignee_section: doToday.gid } });
    expect(moved.body.data.assignee_section).toEqual({ gid: doToday.gid, resource_type: "section", name: "Do today" });

    const first = await send(fake, "GET", `/user_task_lists/${list.body.data.gid}/tasks?completed_since=now&limit=2&opt_fields=name,assignee_section.name`);
    expect(first.body.data.map((t: { name: string }) => t.name)).toEqual(["Prepare the quarterly report", "Later"]);
    const second = await send(fake, "GET", first.body.next_page.path);
    expect(second.body.data.map((t: { name: string }) => t.name)).toEqual(["Today"]);
    expect(second.body.next_page).toBeNull();
  });

  test("GET /tasks by assignee and workspace, with completed_since and modified_since; assignee_section only for the assignee", async () => {
    const fake = await startAsanaFake();
    const { premium, colleague } = fake.world;
    insertTask(fake.store, fake.world, { name: "Done long ago", assignee: colleague.gid, completed: true, completed_at: "2026-01-01T00:00:00.000Z" });
    insertTask(fake.store, fake.world, { name: "Fresh", assignee: colleague.gid, modified_at: "2026-11-20T00:00:00.000Z" });
    const mine = await send(fake, "GET", `/tasks?assignee=me&workspace=${premium.gid}&opt_fields=name`);
    expect(mine.body.data.map((t: { name: string }) => t.name)).toEqual(["Prepare the quarterly report"]);
    const open = await send(fake, "GET", `/tasks?assignee=grace@acme.test&workspace=${premium.gid}&completed_since=now&opt_fields=name`);
    expect(open.body.data.map((t: { name: string }) => t.name)).toEqual(["Draw charts", "Fresh"]);
    const recent = await send(fake, "GET", `/tasks?assignee=${colleague.gid}&workspace=${premium.gid}&modified_since=2026-11-10T00:00:00Z&opt_fields=name`);
    expect(recent.body.data.map((t: { name: string }) => t.name)).toEqual(["Fresh"]);

    // Asana shows assignee_section only to the assignee.
    const fresh = fake.store.all("task", (t) => t.name === "Fresh")[0]!;
    await send(fake, "PUT", `/tasks/${fresh.gid}`, { data: { assignee: colleague.gid } });
    fake.store.update(fresh.gid, { assignee: colleague.gid });
    await send(fake, "PUT", `/tasks/${fresh.gid}`, { data: { assignee: "me" } });
    expect((await send(fake, "GET", `/tasks/${fresh.gid}?opt_fields=assignee_section`)).body.data.assignee_section).toMatchObject({ resource_type: "section" });
    await send(fake, "PUT", `/tasks/${fresh.gid}`, { data: { assignee: colleague.gid } });
    expect((await send(fake, "GET", `/tasks/${fresh.gid}?opt_fields=assignee_section`)).body.data).not.toHaveProperty("assignee_section");
    // By project, as before; and by section.
    const inProject = await send(fake, "GET", `/tasks?project=${fake.world.launch.gid}&opt_fields=name`);
    expect(inProject.body.data.map((t: { name: string }) => t.name)).toEqual(["Prepare the quarterly report"]);
    const inSection = await send(fake, "GET", `/tasks?section=${fake.world.backlog.gid}`);
    expect(inSection.body.data).toEqual([]);
  });

  test("GET /tasks without a filter, or with an assignee and no workspace, is Asana's 400; My Tasks needs a workspace", async ({ skip }) => {
    const fake = await startAsanaFake({ expectViolations: true });
    for (const query of ["", "?assignee=me", `?workspace=${fake.world.premium.gid}`, `?project=${fake.world.launch.gid}&section=${fake.world.doing.gid}`]) {
      const { status, body } = await send(fake, "GET", `/tasks${query}`);
      expect(status, query).toBe(400);
      expect(body.errors[0].message).toBe("Must specify exactly one of project, tag, section, user task list, or assignee + workspace");
    }
    const noWorkspace = await send(fake, "GET", "/users/me/user_task_list");
    expect(noWorkspace.status).toBe(400);
    expect(noWorkspace.body.errors[0].message).toBe("workspace: Missing input");
    const notMember = await send(fake, "GET", `/users/${fake.world.colleague.gid}/user_task_list?workspace=${fake.world.free.gid}`);
    expect(notMember.status).toBe(400);
    // Only the request without the required workspace breaks the document's contract.
    expect(provokedViolations(fake, skip).map((v) => `${v.operation} ${v.field}`)).toEqual(["getUserTaskListForUser query.workspace"]);
  });

  test("assignee_section must be a section of the assignee's own My Tasks", async () => {
    const fake = await startAsanaFake();
    const { status, body } = await send(fake, "PUT", `/tasks/${fake.world.task.gid}`, { data: { assignee_section: fake.world.doing.gid } });
    expect(status).toBe(400);
    expect(body.errors[0].message).toContain("is not a section of the assignee's My Tasks");
  });
});

describe("user task lists by gid", () => {
  test("an unknown list is a 404, for the list and its tasks; a task is not a list", async () => {
    const fake = await startAsanaFake();
    for (const path of ["/user_task_lists/1200000000000404", "/user_task_lists/1200000000000404/tasks", `/user_task_lists/${fake.world.task.gid}`]) {
      const { status, body } = await send(fake, "GET", path);
      expect(status, path).toBe(404);
      expect(body.errors[0].message).toContain("user_task_list: Unknown object");
    }
  });
});
