import { afterEach, describe, expect, test } from "vitest";
import { startAsanaFake } from "../support/asana-fake.js";
import { arcadeHostedToolNames } from "../support/arcade-hosted-toolkit.js";
import { connectStdio, type Connected } from "../support/spawn-server.js";
import { call, textOf } from "./scenarios.js";

const arcadeParity = [...arcadeHostedToolNames, "DeleteTask"];

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("the whole toolkit over stdio", () => {
  test("lists Arcade's 19 tools plus DeleteTask, each annotated and output-schema'd, and a representative set works end to end", async () => {
    const asana = await startAsanaFake();
    const connection: Connected = await connectStdio({ ASANA_BASE_URL: asana.baseUrl, ASANA_ACCESS_TOKEN: asana.token }, { args: ["--toolsets", "all"] });
    cleanups.push(() => connection.close());
    const { client } = connection;
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(arcadeParity.map((name) => `Asana_${name}`)));
    for (const tool of tools) {
      expect(tool.outputSchema, tool.name).toBeDefined();
      expect(Object.keys(tool.annotations ?? {}), tool.name).toEqual(
        expect.arrayContaining(["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"]),
      );
    }
    const { premium, launch, urgent, team, colleague, task } = asana.world;
    const ok = async (name: string, args: Record<string, unknown>) => {
      const result = await call(client, `Asana_${name}`, args);
      expect(result.isError, `${name}: ${textOf(result)}`).toBeFalsy();
      return result.structuredContent as Record<string, any>;
    };

    expect((await ok("ListProjects", { workspace_id: premium.gid })).projects.map((p: { name: string }) => p.name)).toEqual(["Q4 Launch", "Website Redesign"]);
    expect((await ok("GetProjectById", { project_id: launch.gid })).project.name).toBe("Q4 Launch");
    expect((await ok("GetTagById", { tag_id: urgent.gid })).tag.name).toBe("urgent");
    expect((await ok("CreateTag", { name: "from-e2e", workspace_id: premium.gid, color: "dark-blue" })).tag.name).toBe("from-e2e");
    expect((await ok("ListTeams", { workspace_id: premium.gid })).teams).toEqual([expect.objectContaining({ id: team.gid, name: "Engineering" })]);
    expect((await ok("GetUserById", { user_id: colleague.gid })).user.name).toBe("Grace Hopper");
    expect((await ok("GetTasksWithoutId", { keywords: "quarterly", workspace_id: premium.gid })).tasks.map((t: { id: string }) => t.id)).toEqual([task.gid]);

    const created = await ok("CreateTask", {
      name: "Written end to end",
      project: "Q4 Launch",
      workspace_id: premium.gid,
      due_date: "2026-12-24",
      tags: ["urgent"],
    });
    expect(created.status).toEqual({ success: true, message: "task successfully created" });
    const id = created.task.id as string;
    expect((await ok("UpdateTask", { task_id: id, name: "Renamed end to end" })).task.name).toBe("Renamed end to end");
    expect((await ok("MarkTaskAsCompleted", { task_id: id })).task.completed).toBe(true);
    expect((await ok("AttachFileToTask", { task_id: id, file_name: "notes.txt", file_content_str: "hello" })).status.success).toBe(true);
    expect((await ok("GetSubtasksFromATask", { task_id: task.gid, limit: 2 })).next_page.has_more_pages).toBe(true);

    const stored = asana.store.get(id)!;
    expect(stored).toMatchObject({ name: "Renamed end to end", completed: true, due_on: "2026-12-24", projects: [launch.gid], tags: [urgent.gid] });
  });

  test("a create that meets a 500 is reported and not repeated", async () => {
    const asana = await startAsanaFake();
    asana.faults.inject({ method: "POST", path: "/tasks", status: 500, times: 3 });
    const connection = await connectStdio({ ASANA_BASE_URL: asana.baseUrl, ASANA_ACCESS_TOKEN: asana.token });
    cleanups.push(() => connection.close());
    const result = await call(connection.client, "Asana_CreateTask", { name: "Only once", workspace_id: asana.world.premium.gid });
    expect(result.isError).toBe(true);
    // Asana may have made the task before answering 500: the model is told to check, not to retry.
    expect(textOf(result)).toContain("Asana_CreateTask may have taken effect");
    expect(textOf(result)).toContain("It was not sent again");
    expect(result._meta).toMatchObject({ arcade: { canRetry: false } });
    expect(asana.requestsTo("POST", "/tasks")).toHaveLength(1);
  });

  test("search on a free workspace explains the premium requirement and the tools that still work", async () => {
    const asana = await startAsanaFake();
    const connection = await connectStdio({ ASANA_BASE_URL: asana.baseUrl, ASANA_ACCESS_TOKEN: asana.token });
    cleanups.push(() => connection.close());
    const result = await call(connection.client, "Asana_GetTasksWithoutId", { keywords: "groceries", workspace_id: asana.world.free.gid });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("This needs a paid Asana plan (402 Payment Required)");
    expect(textOf(result)).toContain("Asana_GetTaskById");
  });
});
