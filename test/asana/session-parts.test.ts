import { afterEach, describe, expect, test } from "vitest";
import { asanaPath, SharedReads } from "../../src/asana/index.js";
import { startAsanaFake } from "../support/asana-fake.js";
import { clientFor, closeClients } from "../support/tool-harness.js";

afterEach(closeClients);

/** AsanaSession.part: one call's items, each with its own record of what it made, sharing some reads. */
describe("session parts", () => {
  test("a part's completed creates are its own and its session's; repeatable writes are in neither", async () => {
    const fake = await startAsanaFake();
    const session = clientFor(fake).session({ token: fake.token });
    const [first, second] = [session.part(), session.part()];
    const made = await first.post<{ gid: string }>("/tasks", { name: "One", workspace: fake.world.premium.gid });
    await second.put(asanaPath`/tasks/${made.gid}`, { name: "Renamed" });
    expect(first.completedWrites.map((write) => write.path)).toEqual(["/tasks"]);
    expect(second.completedWrites).toEqual([]);
    expect(session.completedWrites.map((write) => write.path)).toEqual(["/tasks"]);
    // A later call of this process never takes that object for its own.
    expect(session.madeEarlier(made.gid, session.madeMark)).toBe(true);
  });

  test("reads the shared reads accept are sent once for all parts; others, and failed ones, are sent each time", async () => {
    const fake = await startAsanaFake();
    const session = clientFor(fake, { maxRetries: 0 }).session({ token: fake.token });
    const reads = new SharedReads((path) => path.startsWith("/projects/"));
    const { launch, task } = fake.world;
    const parts = [session.part(reads), session.part(reads), session.part(reads)];
    await Promise.all(parts.map((part) => part.get(asanaPath`/projects/${launch.gid}`, { optFields: ["name"] })));
    await Promise.all(parts.map((part) => part.get(asanaPath`/tasks/${task.gid}`, { optFields: ["name"] })));
    expect(fake.requestsTo("GET", `/projects/${launch.gid}`)).toHaveLength(1);
    expect(fake.requestsTo("GET", `/tasks/${task.gid}`)).toHaveLength(3);
    // Other fields are another read.
    await parts[0]!.get(asanaPath`/projects/${launch.gid}`, { optFields: ["name", "team"] });
    expect(fake.requestsTo("GET", `/projects/${launch.gid}`)).toHaveLength(2);

    fake.faults.inject({ method: "GET", path: "/projects/8675309", status: 500 });
    await expect(parts[0]!.get("/projects/8675309")).rejects.toThrow();
    await expect(parts[1]!.get("/projects/8675309")).rejects.toThrow(/404|Unknown/);
    expect(fake.arrivals.filter((a) => a.path === "/projects/8675309")).toHaveLength(2);
  });
});
