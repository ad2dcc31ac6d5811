import * as z from "zod";
import { annotate, boundedText, defineTool, mutationStatus, nonEmptyText, quoted, ToolInputError } from "../../src/toolkit/index.js";
import { asanaPath } from "../../src/asana/index.js";
import { carriesMarker, markedNotes, takeOutMarker } from "../shared/create-markers.js";
import type { AsanaCustomField } from "../shared/custom-fields.js";
import { findInPages } from "../shared/lost-answers.js";
import { findWorkspaceHint } from "../shared/hints.js";
import { resolveWorkspaceId } from "../shared/lookups.js";
import { workspaceIdParam } from "../shared/params.js";
import { customFieldDefinitionFields, customFieldShape, customFieldsPremiumHint, enumOptionColorParam, maxEnumOptions, presentCustomField } from "./model.js";

const fieldTypes = ["text", "number", "enum", "multi_enum", "date", "people"] as const;
const numberFormats = ["none", "currency", "percentage", "duration"] as const;

export const createCustomField = defineTool({
  name: "CreateCustomField",
  title: "Create a custom field",
  toolset: "customfields",
  description:
    "Create a custom field in a workspace: enum and multi_enum take their options; number takes precision and format. " +
    "Asana_AddCustomFieldToProject then puts it on a project. Paid plans.",
  input: () =>
    z.strictObject({
      name: nonEmptyText("must be the field's name", "Give the field a name"),
      type: z.enum(fieldTypes, { error: `must be one of: ${fieldTypes.join(", ")}` }),
      workspace_id: workspaceIdParam,
      description: boundedText("the field's description", 65_536).optional(),
      options: z
        .array(z.strictObject({ name: nonEmptyText("must be the option's name", "Name each option", 200), color: enumOptionColorParam.optional() }), {
          error: 'must be a list such as [{"name": "High", "color": "red"}]',
        })
        .refine((options) => options.length <= maxEnumOptions, { error: `must hold at most ${maxEnumOptions} options` })
        .optional()
        .describe("For enum and multi_enum, in order."),
      precision: z
        .number({ error: "must be a whole number of decimal places from 0 to 6" })
        .int({ error: "must be a whole number of decimal places from 0 to 6" })
        .refine((value) => value >= 0 && value <= 6, { error: "must be from 0 to 6" })
        .optional(),
      format: z.enum(numberFormats, { error: `must be one of: ${numberFormats.join(", ")}` }).optional(),
      currency_code: z
        .string({ error: "must be an ISO 4217 code such as EUR" })
        .refine((code) => /^[A-Za-z]{3}$/.test(code), { error: "must be an ISO 4217 code of three letters, such as EUR" })
        .optional()
        .describe("With format currency."),
    }),
  output: () => z.object({ status: mutationStatus, custom_field: customFieldShape }),
  annotations: annotate.create,
  errorHints: {
    400: "Asana refused the definition; a field's name must not clash with another field or with a built-in task property such as Due Date.",
    402: customFieldsPremiumHint,
    404: `The workspace does not exist or the user is not a member of it. ${findWorkspaceHint}`,
    unknownOutcome: "Look for a field of this name with Asana_ListCustomFields (workspace_id).",
  },
  async handler(input, ctx) {
    const { asana } = ctx;
    const isEnum = input.type === "enum" || input.type === "multi_enum";
    const misplaced = [
      !isEnum && input.options !== undefined ? "options" : "",
      input.type !== "number" && input.precision !== undefined ? "precision" : "",
      input.type !== "number" && input.format !== undefined ? "format" : "",
      input.format !== "currency" && input.currency_code !== undefined ? "currency_code" : "",
    ].filter(Boolean);
    if (misplaced.length > 0) {
      throw new ToolInputError(
        misplaced.join(", "),
        `do not apply to a ${input.type} field`,
        "options go with enum and multi_enum; precision and format with number; currency_code with format currency.",
      );
    }
    const names = (input.options ?? []).map((option) => option.name.toLowerCase());
    const repeated = names.find((name, index) => names.indexOf(name) !== index);
    if (repeated !== undefined) throw new ToolInputError("options", `name ${quoted(repeated)} twice`, "Give each option its own name.");
    const workspace = await resolveWorkspaceId(asana, input.workspace_id);
    // The call's marker ends the field's description until the answer is in (see CreateMarker).
    const description = markedNotes(input.description, ctx.createMarker);
    const raw = await asana.post<AsanaCustomField & { description?: string }>(
      "/custom_fields",
      {
        workspace,
        name: input.name,
        resource_subtype: input.type,
        ...(description !== undefined ? { description } : {}),
        ...(input.options ? { enum_options: input.options.map((option) => ({ name: option.name, ...(option.color ? { color: option.color } : {}) })) } : {}),
        ...(input.precision !== undefined ? { precision: input.precision } : {}),
        ...(input.format ? { format: input.format } : {}),
        ...(input.currency_code ? { currency_code: input.currency_code.toUpperCase() } : {}),
      },
      { optFields: customFieldDefinitionFields },
    );
    const unmarked = await takeOutMarker<AsanaCustomField & { description?: string }>(
      asana,
      asanaPath`/custom_fields/${raw.gid}`,
      { description: input.description },
      "description",
      ctx.createMarker,
      customFieldDefinitionFields,
    );
    return {
      status: { success: true, message: `custom field ${quoted(input.name)} (${input.type}) created${unmarked?.note ? `; ${unmarked.note}` : ""}` },
      custom_field: presentCustomField(unmarked?.raw ?? raw),
    };
  },
  // Asana's answer was lost: the workspace's field that carries this call's marker in its description
  // is this call's. Fields list no creation time, so without a marker nothing tells it from another.
  async reconcile(input, { asana, createMarker: marker }) {
    if (!marker?.placed) return undefined;
    const workspace = await resolveWorkspaceId(asana, input.workspace_id);
    type Field = AsanaCustomField & { description?: string };
    const found = await findInPages<Field>(
      asana,
      asanaPath`/workspaces/${workspace}/custom_fields`,
      { optFields: [...customFieldDefinitionFields] },
      (field) => carriesMarker(field.description, marker),
      10,
    );
    if (found.length !== 1) return undefined;
    const unmarked = await takeOutMarker<Field>(
      asana,
      asanaPath`/custom_fields/${found[0]!.gid}`,
      { description: input.description },
      "description",
      marker,
      customFieldDefinitionFields,
    );
    return {
      status: {
        success: true,
        message: `custom field ${quoted(input.name)} (${input.type}) created (Asana's answer was lost on the way back; the field was found by the marker this call put on it)${unmarked?.note ? `; ${unmarked.note}` : ""}`,
      },
      custom_field: presentCustomField(unmarked?.raw ?? found[0]!),
    };
  },
  marks: "the end of the field's description",
});
