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
  mutationStatus,
  refOf,
} from "../src/toolkit/index.js";
import { resolveWorkspaceId } from "./lookups.js";
import { findTagHint, findWorkspaceHint } from "./id-hints.js";


/** Arcade's TagColor: Asana's 18 tag colors (Asana also allows no color, which is what omitting it gives). */
export const tagColors = [
  "dark-green",
  "dark-red",
  "dark-blue",
  "dark-purple",
  "dark-pink",
  "dark-orange",
  "dark-teal",
  "dark-brown",
  "dark-warm-gray",
  "light-green",
  "light-red",
  "light-blue",
  "light-purple",
  "light-pink",
  "light-orange",
  "light-teal",
  "light-brown",
  "light-warm-gray",
] as const;

/** Arcade refuses longer names before calling Asana; we keep its limit so the same inputs fail the same way. */
export const maxTagNameLength = 100;

interface AsanaTag {
  gid: string;
  name?: string;
  workspace?: AsanaRef | null;
  color?: string | null;
  notes?: string;
  permalink_url?: string;
}

export const tagOptFields = ["name", "workspace.name", "color", "notes", "permalink_url"] as const;

export const tagShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  workspace: namedRef.optional(),
  color: z.string().optional().describe("One of Asana's tag colors, e.g. dark-red; absent when the tag has none."),
  notes: z.string().optional().describe("The tag's description."),
  permalink_url: z.string().optional().describe("Link to the tag's task list in Asana's web app."),
});

export function presentTag(raw: AsanaTag): z.infer<typeof tagShape> {
  return {
    id: raw.gid,
    ...compact({ name: raw.name, workspace: refOf(raw.workspace), color: raw.color, notes: raw.notes, permalink_url: raw.permalink_url }),
  };
}

export const getTagById = defineTool({
  name: "GetTagById",
  title: "Get a tag",
  toolset: "tags",
  description: `Get one Asana tag by its id: name, color, description, workspace and a link. ${findTagHint}`,
  input: z.strictObject({
    tag_id: gidParam("tag", findTagHint),
  }),
  output: z.object({ tag: tagShape }),
  annotations: readOnlyAnnotations,
  auth: Asana({ scopes: ["default"] }),
  errorHints: { 404: `No tag has this id, or the user cannot see it. ${findTagHint}` },
  async handler(input, { asana }) {
    const raw = await asana.get<AsanaTag>(asanaPath`/tags/${input.tag_id}`, { optFields: tagOptFields });
    return { tag: presentTag(raw) };
  },
});

const tagNameRule = `must be 1-${maxTagNameLength} characters long`;

export const createTag = defineTool({
  name: "CreateTag",
  title: "Create a tag",
  toolset: "tags",
  description:
    "Create a new tag in an Asana workspace. Check Asana_ListTags first: Asana allows several tags with the " +
    "same name, so creating one that exists makes a duplicate. To tag a new task, pass the tag's name or id to " +
    "Asana_CreateTask. Pass workspace_id (from Asana_ListWorkspaces) unless the user has only one workspace.",
  input: z.strictObject({
    name: z
      .string({ error: `${tagNameRule}. Pass the tag's name as text` })
      .trim()
      .min(1, { error: `${tagNameRule}; it is empty. Pass the tag's name` })
      .max(maxTagNameLength, { error: `${tagNameRule}. Shorten the name to ${maxTagNameLength} characters or fewer` })
      .describe(`The tag's name, 1-${maxTagNameLength} characters.`),
    description: z.string({ error: "must be text. Pass the tag's description as a string, or omit it" }).optional().describe("The tag's description (Asana's notes)."),
    color: z
      .enum(tagColors, { error: `must be one of Asana's tag colors. Use one of: ${tagColors.join(", ")}` })
      .optional()
      .describe("The tag's color. Omit for no color."),
    workspace_id: gidParam("workspace", findWorkspaceHint)
      .optional()
      .describe("The workspace to create the tag in. Optional when the user has only one workspace."),
  }),
  output: z.object({
    status: mutationStatus,
    tag: tagShape,
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  auth: Asana({ scopes: ["default"] }),
  errorHints: { 404: `The workspace does not exist or the user is not a member of it. ${findWorkspaceHint}` },
  async handler(input, { asana }) {
    const workspace = await resolveWorkspaceId(asana, input.workspace_id);
    const raw = await asana.post<AsanaTag>(
      "/tags",
      { name: input.name, workspace, ...(input.description !== undefined ? { notes: input.description } : {}), ...(input.color ? { color: input.color } : {}) },
      { optFields: tagOptFields },
    );
    return { status: { success: true, message: `tag "${input.name}" successfully created` }, tag: presentTag(raw) };
  },
});

export const listTags = defineTool({
  name: "ListTags",
  title: "List tags",
  toolset: "tags",
  description:
    "List the tags of an Asana workspace with their ids, names and colors. Use it to find a tag id (for " +
    "Asana_GetTagById or to filter Asana_GetTasksWithoutId) or to check whether a tag exists before " +
    "Asana_CreateTag. Pass workspace_id (from Asana_ListWorkspaces) unless the user has only one workspace. " +
    "Page on with next_page_token while next_page.has_more_pages is true.",
  input: z.strictObject({
    workspace_id: gidParam("workspace", findWorkspaceHint)
      .optional()
      .describe("The workspace whose tags to list. Optional when the user has only one workspace."),
    limit: pageLimitParam("tags"),
    next_page_token: nextPageTokenParam,
  }),
  output: pagedListShape("tags", tagShape),
  annotations: readOnlyAnnotations,
  auth: Asana({ scopes: ["default"] }),
  errorHints: { 404: `The workspace does not exist or the user is not a member of it. ${findWorkspaceHint}` },
  async handler(input, { asana }) {
    const workspace = await resolveWorkspaceId(asana, input.workspace_id);
    const page = await asana.getPage<AsanaTag>("/tags", {
      limit: input.limit,
      offset: input.next_page_token,
      query: { workspace },
      optFields: tagOptFields,
    });
    const tags = page.items.map(presentTag);
    return pagedList("tags", tags, page.nextOffset);
  },
});

/** Tag tools, in Arcade's order. */
export const tagTools: AnyToolDefinition[] = [getTagById, createTag, listTags];
