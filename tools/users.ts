import * as z from "zod";
import { asanaPath } from "../src/asana/index.js";
import {
  Asana,
  compact,
  type AnyToolDefinition,
  type AsanaRef,
  defineTool,
  gidParam,
  namedRef,
  pagedList,
  pagedListShape,
  readOnlyAnnotations,
  nextPageTokenParam,
  pageLimitParam,
  refsOf,
  userParam,
} from "../src/toolkit/index.js";
import { resolveWorkspaceId } from "./lookups.js";
import { findUserHint, findWorkspaceHint } from "./id-hints.js";


interface AsanaUser {
  gid: string;
  name?: string;
  email?: string;
  workspaces?: AsanaRef[];
}

/** Arcade also asks for `photo`, six image URLs per user that tell a model nothing; we leave it out. */
export const userOptFields = ["name", "email", "workspaces.name"] as const;

export const userShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  email: z.string().optional(),
  workspaces: z.array(namedRef).optional().describe("The workspaces the user belongs to that the current user can see."),
});

export function presentUser(raw: AsanaUser): z.infer<typeof userShape> {
  return { id: raw.gid, ...compact({ name: raw.name, email: raw.email, workspaces: refsOf(raw.workspaces) }) };
}

export const listUsers = defineTool({
  name: "ListUsers",
  title: "List users",
  toolset: "users",
  description:
    "List the people in an Asana workspace with their ids, names and emails. Use it to find a user id, e.g. " +
    "to assign a task with Asana_CreateTask or Asana_UpdateTask, or to search tasks by assignee. " +
    "Pass workspace_id (from Asana_ListWorkspaces) unless the user has only one workspace. " +
    "Page on with next_page_token while next_page.has_more_pages is true.",
  input: z.strictObject({
    workspace_id: gidParam("workspace", findWorkspaceHint)
      .optional()
      .describe("The workspace whose people to list. Optional when the user has only one workspace."),
    limit: pageLimitParam("users"),
    next_page_token: nextPageTokenParam,
  }),
  output: pagedListShape("users", userShape),
  annotations: readOnlyAnnotations,
  auth: Asana({ scopes: ["default"] }),
  errorHints: { 404: `The workspace does not exist or the user is not a member of it. ${findWorkspaceHint}` },
  async handler(input, { asana }) {
    const workspace = await resolveWorkspaceId(asana, input.workspace_id);
    const page = await asana.getPage<AsanaUser>("/users", {
      limit: input.limit,
      offset: input.next_page_token,
      query: { workspace },
      optFields: userOptFields,
    });
    const users = page.items.map(presentUser);
    return pagedList("users", users, page.nextOffset);
  },
});

export const getUserById = defineTool({
  name: "GetUserById",
  title: "Get a user",
  toolset: "users",
  description:
    'Get one Asana user by id: name, email and workspaces. Pass "me" to learn who the current user is ' +
    `(their id, e.g. to assign tasks to themselves). ${findUserHint}`,
  input: z.strictObject({
    user_id: userParam("The user", findUserHint),
  }),
  // Arcade returns Asana's raw `{data: …}` wrapper under `user`; here `user` is the user itself.
  output: z.object({ user: userShape }),
  annotations: readOnlyAnnotations,
  auth: Asana({ scopes: ["default"] }),
  errorHints: { 404: `No user has this id or email, or they share no workspace with the current user. ${findUserHint}` },
  async handler(input, { asana }) {
    const raw = await asana.get<AsanaUser>(asanaPath`/users/${input.user_id}`, { optFields: userOptFields });
    return { user: presentUser(raw) };
  },
});

/** User tools, in Arcade's order. */
export const userTools: AnyToolDefinition[] = [listUsers, getUserById];
