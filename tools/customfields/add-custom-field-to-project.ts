import * as z from "zod";
import { AsanaApiError, asanaPath, type AsanaSession } from "../../src/asana/index.js";
import { annotate, compact, defineTool, quoted } from "../../src/toolkit/index.js";
import { findInPages } from "../shared/lost-answers.js";
import { customFieldsPremiumHint } from "./model.js";
import { projectFieldInput, projectFieldOutput, settingOptFields, type AsanaFieldSetting } from "./project-field-settings.js";

/** The project's setting for the field, if it has one: a project has a few dozen fields at most. */
async function settingFor(asana: AsanaSession, projectId: string, fieldId: string): Promise<AsanaFieldSetting | undefined> {
  const found = await findInPages<AsanaFieldSetting>(
    asana,
    asanaPath`/projects/${projectId}/custom_field_settings`,
    { optFields: settingOptFields },
    (setting) => setting.custom_field?.gid === fieldId,
  );
  return found[0];
}

export const addCustomFieldToProject = defineTool({
  name: "AddCustomFieldToProject",
  title: "Add a custom field to a project",
  toolset: "customfields",
  description: "Put a workspace's custom field on a project, so its tasks can hold a value for it. Paid plans.",
  input: () =>
    z.strictObject({
      ...projectFieldInput,
      is_important: z.boolean({ error: "must be true or false" }).optional().describe("Show it in the project's list view."),
    }),
  output: () => projectFieldOutput,
  annotations: annotate.idempotentWrite,
  errorHints: {
    400: "The field must be in the project's workspace.",
    402: customFieldsPremiumHint,
    404: "The project or the custom field is unknown, or the user cannot see it. Asana_ListProjects and Asana_ListCustomFields list them.",
  },
  async handler(input, { asana }) {
    let setting: AsanaFieldSetting;
    try {
      setting = await asana.post<AsanaFieldSetting>(
        asanaPath`/projects/${input.project_id}/addCustomFieldSetting`,
        { custom_field: input.custom_field_id, ...(input.is_important !== undefined ? { is_important: input.is_important } : {}) },
        { optFields: settingOptFields, idempotent: true },
      );
    } catch (error) {
      // A field already on the project is refused; that is the state asked for (and how a resent request ends).
      const existing = error instanceof AsanaApiError && error.status === 400 ? await settingFor(asana, input.project_id, input.custom_field_id) : undefined;
      if (!existing) throw error;
      setting = existing;
    }
    const field = setting.custom_field;
    return {
      status: { success: true, message: `custom field ${field?.name ? quoted(field.name) : input.custom_field_id} is on project ${input.project_id}` },
      project: { id: input.project_id, ...compact({ name: setting.project?.name }) },
      custom_field: { id: input.custom_field_id, ...compact({ name: field?.name, type: field?.resource_subtype }) },
    };
  },
});
