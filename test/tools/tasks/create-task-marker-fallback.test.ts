import { afterEach, expect, test } from "vitest";
import type { TokenResolver } from "../../../src/auth/index.js";
import { createTask } from "../../../tools/tasks/create-task.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, outputOf } from "../../support/tool-harness.js";

afterEach(closeClients);

/** A resolver that says its token is an OAuth app's, while Asana (the emulator) takes it for a personal one. */
function oauthAppClaim(token: string): TokenResolver {
  return { source: "test", tokenKind: "oauth-app", rejectedTokenAdvice: "", resolve: async () => token, invalidate: () => {} };
}

test("CreateTask: external data that Asana refuses (400 naming external, nothing made) is sent once more with the marker in the notes", async () => {
  const fake = await startAsanaFake();
  const made = outputOf(await callTool(fake, createTask, { name: "Fallback", project: fake.world.launch.gid }, { tokens: oauthAppClaim(fake.token) }));

  const creates = fake.requestsTo("POST", "/tasks");
  expect(creates).toHaveLength(2);
  expect(creates[0]!.response.status).toBe(400);
  expect((creates[0]!.body as { data: Record<string, unknown> }).data).toHaveProperty("external");
  expect((creates[1]!.body as { data: Record<string, unknown> }).data).not.toHaveProperty("external");
  expect((creates[1]!.body as { data: { notes?: string } }).data.notes).toMatch(/^\[asana-mcp-[a-z2-7]{20}\]$/);
  // One task, and its notes are clean again once the answer is in.
  expect(fake.store.all("task", (task) => task.name === "Fallback")).toHaveLength(1);
  expect(fake.store.get(made.task.id)?.notes).toBe("");
});
