import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool } from "../../src/toolkit/index.js";
import { customFieldsPremiumHint } from "./model.js";
import { projectFieldInput, projectFieldOutput } from "./project-field-settings.js";

export const removeCustomFieldFromProject = defineTool({
  name: "RemoveCustomFieldFromProject",
  title: "Remove a custom field from a project",
  toolset: "customfields",
  description: "Take a custom field off a project; the field itself stays in the workspace. Paid plans.",
  input: () => z.strictObject(projectFieldInput),
  output: () => projectFieldOutput,
  annotations: annotate.idempotentWrite,
  errorHints: {
    402: customFieldsPremiumHint,
    404: "The project or the custom field is unknown, or the user cannot see it. Asana_ListProjects and Asana_ListCustomFields list them.",
  },
  async handler(input, { asana }) {
    // removeCustomFieldSettingForProject answers with an empty record.
    await asana.post(asanaPath`/projects/${input.project_id}/removeCustomFieldSetting`, { custom_field: input.custom_field_id }, { idempotent: true });
    return {
      status: { success: true, message: `custom field ${input.custom_field_id} is off project ${input.project_id}` },
      project: { id: input.project_id },
      custom_field: { id: input.custom_field_id },
    };
  },
});
