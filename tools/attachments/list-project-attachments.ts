import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, nextPageTokenParam, pagedList, pagedListShape, pageLimitParam, type AsanaRef } from "../../src/toolkit/index.js";
import { findProjectHint } from "../shared/hints.js";
import { attachmentListOptFields, attachmentShape, presentAttachment, type AsanaAttachment } from "./model.js";

export const listProjectAttachments = defineTool({
  name: "ListProjectAttachments",
  title: "List a project's attachments",
  toolset: "attachments",
  description: "List the files and links of a project's Key resources, or with brief=true those in its project brief; Asana_GetAttachment gives one's links.",
  input: () =>
    z.strictObject({
      project_id: gidParam("project", findProjectHint),
      brief: z.boolean({ error: "must be true or false" }).default(false),
      limit: pageLimitParam("attachments"),
      next_page_token: nextPageTokenParam,
    }),
  output: () => pagedListShape("attachments", attachmentShape).extend({ note: z.string().optional() }),
  annotations: annotate.read,
  errorHints: {
    400: "If Asana calls the page token invalid, start again without next_page_token.",
    404: `No project has this id, or the user cannot see it. ${findProjectHint}`,
  },
  async handler(input, { asana }) {
    let parent = input.project_id;
    if (input.brief) {
      // getAttachmentsForObject takes a project brief's own gid; the project names its brief.
      const project = await asana.get<{ gid: string; project_brief?: AsanaRef | null }>(asanaPath`/projects/${input.project_id}`, {
        optFields: ["project_brief"],
      });
      if (!project.project_brief?.gid) return { ...pagedList("attachments", [], null), note: `Project ${input.project_id} has no project brief.` };
      parent = project.project_brief.gid;
    }
    const page = await asana.getPage<AsanaAttachment>("/attachments", {
      limit: input.limit,
      offset: input.next_page_token,
      query: { parent },
      optFields: attachmentListOptFields,
    });
    return pagedList("attachments", page.items.map(presentAttachment), page.nextOffset);
  },
});
