import { describe, expect, test } from "vitest";
import { startAsanaFake, provokedViolations } from "../support/asana-fake.js";
import { insertTask } from "../support/world.js";
import { send } from "./raw-request.js";

describe("followers", () => {
  test("addFollowers takes gids, emails and me, answers with the task; removeFollowers takes them off", async () => {
    const fake = await startAsanaFake();
    const { task, colleague, me } = fake.world;
    const added = await send(fake, "POST", `/tasks/${task.gid}/addFollowers?opt_fields=followers.name`, { data: { followers: ["grace@acme.test", "me"] } });
    expect(added.status).toBe(200);
    expect(added.body.data.followers).toEqual([
      { gid: me.gid, resource_type: "user", name: "Ada Lovelace" },
      { gid: colleague.gid, resource_type: "user", name: "Grace Hopper" },
    ]);
    const removed = await send(fake, "POST", `/tasks/${task.gid}/removeFollowers?opt_fields=followers`, { data: { followers: [me.gid] } });
    expect(removed.body.data.followers.map((f: { gid: string }) => f.gid)).toEqual([colleague.gid]);
    // Free workspaces have followers too.
    const home = insertTask(fake.store, fake.world, { name: "Chores", workspace: fake.world.free.gid });
    expect((await send(fake, "POST", `/tasks/${home.gid}/addFollowers`, { data: { followers: ["me"] } })).status).toBe(200);
  });

  test("a missing list or an unknown user is refused and changes nothing", async ({ skip }) => {
    const fake = await startAsanaFake({ expectViolations: true });
    const { task } = fake.world;
    const missing = await send(fake, "POST", `/tasks/${task.gid}/addFollowers`, { data: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].message).toBe("followers: Missing input");
    const unknown = await send(fake, "POST", `/tasks/${task.gid}/addFollowers`, { data: { followers: ["me", "ghost@acme.test"] } });
    expect(unknown.status).toBe(404);
    expect(fake.store.get(task.gid)!.followers).toEqual([fake.world.me.gid]);
    expect(provokedViolations(fake, skip).map((v) => v.field)).toEqual(["body.data.followers"]);
  });

  test("a task created with followers has them, and its creator", async () => {
    const fake = await startAsanaFake();
    const created = await send(fake, "POST", "/tasks?opt_fields=followers", {
      data: { name: "Team task", workspace: fake.world.premium.gid, followers: [fake.world.colleague.gid] },
    });
    expect(created.body.data.followers.map((f: { gid: string }) => f.gid)).toEqual([fake.world.me.gid, fake.world.colleague.gid]);
  });
});

describe("dependencies", () => {
  test("QA waits for Build: both sides list each other, paged; removal undoes both", async () => {
    const fake = await startAsanaFake();
    const build = insertTask(fake.store, fake.world, { name: "Build the release" });
    const qa = insertTask(fake.store, fake.world, { name: "QA the release" });
    const docs = insertTask(fake.store, fake.world, { name: "Write docs" });
    expect((await send(fake, "POST", `/tasks/${qa.gid}/addDependencies`, { data: { dependencies: [build.gid, docs.gid] } })).body).toEqual({ data: {} });
    const deps = await send(fake, "GET", `/tasks/${qa.gid}/dependencies?limit=1`);
    expect(deps.body.data).toEqual([{ gid: build.gid, resource_type: "task", name: "Build the release", resource_subtype: "default_task" }]);
    expect((await send(fake, "GET", deps.body.next_page.path)).body.data.map((t: { name: string }) => t.name)).toEqual(["Write docs"]);
    expect((await send(fake, "GET", `/tasks/${build.gid}/dependents`)).body.data.map((t: { gid: string }) => t.gid)).toEqual([qa.gid]);
    expect((await send(fake, "GET", `/tasks/${qa.gid}?opt_fields=dependencies,dependents`)).body.data.dependencies.map((t: { gid: string }) => t.gid)).toEqual([
      build.gid,
      docs.gid,
    ]);

    await send(fake, "POST", `/tasks/${build.gid}/removeDependents`, { data: { dependents: [qa.gid] } });
    expect((await send(fake, "GET", `/tasks/${qa.gid}/dependencies`)).body.data.map((t: { gid: string }) => t.gid)).toEqual([docs.gid]);
    await send(fake, "POST", `/tasks/${docs.gid}/addDependents`, { data: { dependents: [build.gid] } });
    expect((await send(fake, "GET", `/tasks/${build.gid}/dependencies`)).body.data.map((t: { gid: string }) => t.gid)).toEqual([docs.gid]);
    await send(fake, "POST", `/tasks/${qa.gid}/removeDependencies`, { data: { dependencies: [docs.gid] } });
    expect((await send(fake, "GET", `/tasks/${docs.gid}/dependents`)).body.data.map((t: { gid: string }) => t.gid)).toEqual([build.gid]);
  });

  test("a task cannot wait for itself, close a cycle, or pass 30 dependencies and dependents combined", async () => {
    const fake = await startAsanaFake();
    const a = insertTask(fake.store, fake.world, { name: "A" });
    const b = insertTask(fake.store, fake.world, { name: "B" });
    const self = await send(fake, "POST", `/tasks/${a.gid}/addDependencies`, { data: { dependencies: [a.gid] } });
    expect(self.status).toBe(400);
    expect(self.body.errors[0].message).toBe(`dependencies: Task ${a.gid} cannot depend on itself.`);
    await send(fake, "POST", `/tasks/${a.gid}/addDependencies`, { data: { dependencies: [b.gid] } });
    const cycle = await send(fake, "POST", `/tasks/${b.gid}/addDependencies`, { data: { dependencies: [a.gid] } });
    expect(cycle.status).toBe(400);
    expect(cycle.body.errors[0].message).toContain("circular dependency");

    const many = Array.from({ length: 29 }, (_, i) => insertTask(fake.store, fake.world, { name: `Blocker ${i}` }).gid);
    expect((await send(fake, "POST", `/tasks/${a.gid}/addDependencies`, { data: { dependencies: many } })).status).toBe(200);
    const extra = insertTask(fake.store, fake.world, { name: "One too many" });
    const over = await send(fake, "POST", `/tasks/${extra.gid}/addDependents`, { data: { dependents: [a.gid] } });
    expect(over.status).toBe(400);
    expect(over.body.errors[0].message).toBe(
      `dependents: Task ${a.gid} would have 31 dependencies and dependents combined; a task can have at most 30. Remove some with removeDependencies or removeDependents first.`,
    );
    expect(fake.store.get(extra.gid)!.dependents).toBeUndefined();
  });

  test("are premium: 402 on a free workspace's task, for reads and writes", async () => {
    const fake = await startAsanaFake();
    const home = insertTask(fake.store, fake.world, { name: "Chores", workspace: fake.world.free.gid });
    const other = insertTask(fake.store, fake.world, { name: "Groceries", workspace: fake.world.free.gid });
    for (const [method, path, body] of [
      ["GET", `/tasks/${home.gid}/dependents`, undefined],
      ["POST", `/tasks/${home.gid}/addDependencies`, { data: { dependencies: [other.gid] } }],
      ["POST", `/tasks/${home.gid}/removeDependents`, { data: { dependents: [other.gid] } }],
    ] as const) {
      const { status, body: answer } = await send(fake, method, path, body);
      expect(status, path).toBe(402);
      expect(answer.errors[0].message).toBe("Task dependencies is only available to premium users.");
    }
  });
});

describe("removing followers and dependencies", () => {
  test("an unknown user or a missing list is refused", async () => {
    const fake = await startAsanaFake({ expectViolations: true });
    const { task } = fake.world;
    expect((await send(fake, "POST", `/tasks/${task.gid}/removeFollowers`, { data: { followers: ["ghost@acme.test"] } })).status).toBe(404);
    const missing = await send(fake, "POST", `/tasks/${task.gid}/removeDependencies`, { data: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].message).toBe("dependencies: Missing input");
    const notAList = await send(fake, "POST", `/tasks/${task.gid}/addDependents`, { data: { dependents: task.gid } });
    expect(notAList.status).toBe(400);
    expect(notAList.body.errors[0].message).toBe("dependents: Must be an array of task gids.");
    expect(fake.store.get(task.gid)!.followers).toEqual([fake.world.me.gid]);
  });
});
