import type { AsanaSession } from "../../src/asana/index.js";
import type { AsanaRef } from "../../src/toolkit/index.js";

/** The current user's My Tasks in a workspace (a user task list): its id, and whose it is. */
export async function myTasksList(asana: AsanaSession, workspaceId: string): Promise<{ gid: string; owner?: AsanaRef | null }> {
  return asana.get("/users/me/user_task_list", { query: { workspace: workspaceId }, optFields: ["name", "owner"] });
}
