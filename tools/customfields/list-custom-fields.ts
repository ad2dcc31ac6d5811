import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, nextPageTokenParam, pagedList, pagedListShape, pageLimitParam, ToolInputError } from "../../src/toolkit/index.js";
import type { AsanaCustomField } from "../shared/custom-fields.js";
import { findProjectHint } from "../shared/hints.js";
import { resolveWorkspaceId } from "../shared/lookups.js";
import { workspaceIdParam } from "../shared/params.js";
import { customFieldDefinitionFields, customFieldShape, customFieldsPremiumHint, presentCustomField } from "./model.js";

export const listCustomFields = defineTool({
  name: "ListCustomFields",
  title: "List custom fields",
  toolset: "customfields",
  description:
    "List the custom fields of a project (project_id) or of a workspace: type, enum options with colours, enabled. Paid plans. " +
    "Asana_SetTaskCustomFields takes the names.",
  input: () =>
    z.strictObject({
      project_id: gidParam("project", findProjectHint).optional(),
      workspace_id: workspaceIdParam,
      limit: pageLimitParam("custom fields"),
      next_page_token: nextPageTokenParam,
    }),
  output: () => pagedListShape("custom_fields", customFieldShape),
  annotations: annotate.read,
  errorHints: {
    400: "If Asana calls the page token invalid, start again without next_page_token.",
    402: customFieldsPremiumHint,
    404: `No project or workspace has this id, or the user cannot see it. ${findProjectHint}`,
  },
  async handler(input, { asana }) {
    if (input.project_id && input.workspace_id) {
      throw new ToolInputError(
        "project_id, workspace_id",
        "are both given; the fields listed are either a project's or a workspace's",
        "Keep project_id for the fields a project uses, or workspace_id for all of the workspace's.",
      );
    }
    if (input.project_id) {
      const page = await asana.getPage<{ custom_field?: AsanaCustomField | null }>(asanaPath`/projects/${input.project_id}/custom_field_settings`, {
        limit: input.limit,
        offset: input.next_page_token,
        optFields: customFieldDefinitionFields.map((field) => `custom_field.${field}`),
      });
      const fields = page.items.flatMap((setting) => (setting.custom_field ? [presentCustomField(setting.custom_field)] : []));
      return pagedList("custom_fields", fields, page.nextOffset);
    }
    const workspaceId = await resolveWorkspaceId(asana, input.workspace_id);
    const page = await asana.getPage<AsanaCustomField>(asanaPath`/workspaces/${workspaceId}/custom_fields`, {
      limit: input.limit,
      offset: input.next_page_token,
      optFields: customFieldDefinitionFields,
    });
    return pagedList("custom_fields", page.items.map(presentCustomField), page.nextOffset);
  },
});
