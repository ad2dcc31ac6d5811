import * as z from "zod";
import { asanaPath, type AsanaSession } from "../../src/asana/index.js";
import { addErrorNote, annotate, boundedText, defineTool, gidParam, mutationStatus, nonEmptyText, quoted, ToolInputError } from "../../src/toolkit/index.js";
import { fieldTypeOf, type AsanaCustomField, type AsanaEnumOption } from "../shared/custom-fields.js";
import {
  customFieldDefinitionFields,
  customFieldShape,
  customFieldsPremiumHint,
  enumOptionColorParam,
  findCustomFieldHint,
  maxEnumOptions,
  presentCustomField,
} from "./model.js";

type RawField = AsanaCustomField & { description?: string };

const optionRef = (what: string) => nonEmptyText(`must be ${what}: an option's name or id`, "The field's options are listed by Asana_ListCustomFields", 200);

const optionEdit = z.strictObject({
  option: optionRef("the option to change").optional().describe("Name or id; omit to add an option called name."),
  name: nonEmptyText("must be the option's name", "Name the option", 200).optional(),
  color: enumOptionColorParam.optional(),
  enabled: z.boolean({ error: "must be true or false" }).optional().describe("false retires it; tasks keep it."),
  before: optionRef("the option to place it before").optional(),
  after: optionRef("the option to place it after").optional(),
});

type OptionEdit = z.infer<typeof optionEdit>;

/** One request an edit comes down to, in order; options made earlier in the call are named by the placeholder `new:<name>`. */
type Step =
  | { kind: "create"; name: string; color?: string; before?: string; after?: string }
  | { kind: "update"; id: string; changes: { name?: string; color?: string; enabled?: boolean } }
  | { kind: "move"; id: string; before?: string; after?: string };

function describeOptions(options: readonly AsanaEnumOption[]): string {
  return options.map((option) => `${quoted(option.name ?? option.gid)} (${option.gid})`).join(", ");
}

/**
 * Turns the edits into requests against a copy of the options, checking every name before anything is
 * sent. An edit is matched by name as well as by `option`, so the same call made twice changes nothing
 * the second time: an option already called `name` is that option.
 */
function planOptionEdits(field: RawField, edits: readonly OptionEdit[]): Step[] {
  const options: AsanaEnumOption[] = [...(field.enum_options ?? [])];
  const byRef = (ref: string) =>
    options.find((option) => option.gid === ref) ?? options.find((option) => option.name?.trim().toLowerCase() === ref.toLowerCase());
  // An option this call renames is found by its new name too: the same call made again names it by the old one.
  const renamed = new Map(
    edits.flatMap((edit) => (edit.option !== undefined && edit.name !== undefined ? [[edit.option.toLowerCase(), edit.name] as const] : [])),
  );
  const find = (ref: string) => byRef(ref) ?? (renamed.has(ref.toLowerCase()) ? byRef(renamed.get(ref.toLowerCase())!) : undefined);
  const anchor = (ref: string | undefined, index: number, side: "before" | "after") => {
    if (ref === undefined) return undefined;
    const found = find(ref);
    if (!found)
      throw new ToolInputError(
        `options[${index}].${side}`,
        `names ${quoted(ref)}, which is not an option of this field`,
        `Its options: ${describeOptions(options)}.`,
      );
    return found.gid;
  };
  const steps: Step[] = [];
  edits.forEach((edit, index) => {
    if (edit.before !== undefined && edit.after !== undefined) {
      throw new ToolInputError(
        `options[${index}].before, options[${index}].after`,
        "are both given; an option goes before one or after one",
        "Keep one of them.",
      );
    }
    const target = (edit.option !== undefined ? find(edit.option) : undefined) ?? (edit.name !== undefined ? find(edit.name) : undefined);
    const before = anchor(edit.before, index, "before");
    const after = anchor(edit.after, index, "after");
    if (!target) {
      if (edit.option !== undefined)
        throw new ToolInputError(
          `options[${index}].option`,
          `names ${quoted(edit.option)}, which is not an option of this field`,
          `Its options: ${describeOptions(options)}.`,
        );
      if (edit.name === undefined) throw new ToolInputError(`options[${index}]`, "names no option", "Pass option to change one, or name to add one.");
      if (options.length >= maxEnumOptions)
        throw new ToolInputError(
          "options",
          `would give the field more than ${maxEnumOptions} options`,
          "Retire options (enabled false) instead of adding more.",
        );
      if (edit.enabled === false) throw new ToolInputError(`options[${index}].enabled`, "is false for a new option", "Add it enabled, or leave it out.");
      const placeholder = `new:${edit.name}`;
      steps.push({ kind: "create", name: edit.name, ...(edit.color ? { color: edit.color } : {}), ...(before ? { before } : {}), ...(after ? { after } : {}) });
      options.splice(before ? options.findIndex((o) => o.gid === before) : after ? options.findIndex((o) => o.gid === after) + 1 : options.length, 0, {
        gid: placeholder,
        name: edit.name,
      });
      return;
    }
    const changes = {
      ...(edit.name !== undefined && edit.name !== target.name ? { name: edit.name } : {}),
      ...(edit.color !== undefined && edit.color !== target.color ? { color: edit.color } : {}),
      ...(edit.enabled !== undefined && edit.enabled !== (target.enabled !== false) ? { enabled: edit.enabled } : {}),
    };
    if (Object.keys(changes).length > 0) {
      steps.push({ kind: "update", id: target.gid, changes });
      Object.assign(target, changes);
    }
    if (before === target.gid || after === target.gid)
      throw new ToolInputError(`options[${index}]`, "places an option next to itself", "Name another option in before or after.");
    const at = options.indexOf(target);
    const inPlace = before ? options[at + 1]?.gid === before : after ? options[at - 1]?.gid === after : true;
    if (!inPlace) {
      steps.push({ kind: "move", id: target.gid, ...(before ? { before } : {}), ...(after ? { after } : {}) });
      options.splice(options.indexOf(target), 1);
      options.splice(before ? options.findIndex((o) => o.gid === before) : options.findIndex((o) => o.gid === after) + 1, 0, target);
    }
  });
  return steps;
}

async function runSteps(asana: AsanaSession, fieldId: string, steps: readonly Step[]): Promise<void> {
  const made = new Map<string, string>();
  const real = (id: string | undefined) => (id === undefined ? undefined : (made.get(id) ?? id));
  for (const [done, step] of steps.entries()) {
    try {
      if (step.kind === "create") {
        const option = await asana.post<AsanaEnumOption>(asanaPath`/custom_fields/${fieldId}/enum_options`, {
          name: step.name,
          color: step.color,
          insert_before: real(step.before),
          insert_after: real(step.after),
        });
        made.set(`new:${step.name}`, option.gid);
      } else if (step.kind === "update") {
        await asana.put(asanaPath`/enum_options/${real(step.id)!}`, step.changes);
      } else {
        await asana.post(
          asanaPath`/custom_fields/${fieldId}/enum_options/insert`,
          { enum_option: real(step.id), before_enum_option: real(step.before), after_enum_option: real(step.after) },
          { idempotent: true },
        );
      }
    } catch (error) {
      if (done > 0)
        throw addErrorNote(error, `${done} of the ${steps.length} option changes were made before this failed; the same call again makes only the rest.`);
      throw error;
    }
  }
}

export const updateCustomField = defineTool({
  name: "UpdateCustomField",
  title: "Update a custom field",
  toolset: "customfields",
  description:
    "Rename a custom field or change its description or precision, and add, rename, recolor, retire or reorder its options " +
    "(each edit names an option, or adds one; options are never deleted). Paid plans.",
  input: () =>
    z.strictObject({
      custom_field_id: gidParam("custom field", findCustomFieldHint),
      name: nonEmptyText("must be the field's new name", "Pass the new name").optional(),
      description: boundedText("the field's description", 65_536).optional(),
      precision: z
        .number({ error: "must be a whole number of decimal places from 0 to 6" })
        .int({ error: "must be a whole number of decimal places from 0 to 6" })
        .refine((value) => value >= 0 && value <= 6, { error: "must be from 0 to 6" })
        .optional(),
      options: z
        .array(optionEdit, { error: 'must be a list of option edits such as [{"name": "Blocked", "color": "red", "before": "Done"}]' })
        .refine((edits) => edits.length <= 100, { error: "must hold at most 100 edits per call" })
        .optional(),
    }),
  output: () => z.object({ status: mutationStatus, custom_field: customFieldShape }),
  annotations: annotate.idempotentWrite,
  errorHints: {
    400: "Only number fields have a precision, and only enum and multi_enum fields have options; an enum field keeps at least one enabled option.",
    402: customFieldsPremiumHint,
    404: `No custom field has this id, or the user cannot see it. ${findCustomFieldHint}`,
    unknownOutcome: "Look at the field's options with Asana_ListCustomFields before adding any again.",
  },
  async handler(input, { asana }) {
    const definition = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.precision !== undefined ? { precision: input.precision } : {}),
    };
    const edits = input.options ?? [];
    if (Object.keys(definition).length === 0 && edits.length === 0) {
      throw new ToolInputError(
        "name, description, precision, options",
        "must change something: none was given",
        "Pass what to change; Asana_ListCustomFields reads the field.",
      );
    }
    const path = asanaPath`/custom_fields/${input.custom_field_id}`;
    // The field and its options are read first, so every option named is checked before anything changes.
    let field = edits.length > 0 ? await asana.get<RawField>(path, { optFields: customFieldDefinitionFields }) : undefined;
    if (field && fieldTypeOf(field) !== "enum" && fieldTypeOf(field) !== "multi_enum") {
      throw new ToolInputError("options", `apply to enum and multi_enum fields, and this one is a ${fieldTypeOf(field)} field`, "Leave options out.");
    }
    const steps = field ? planOptionEdits(field, edits) : [];
    if (Object.keys(definition).length > 0) field = await asana.put<RawField>(path, definition, { optFields: customFieldDefinitionFields });
    if (steps.length > 0) {
      await runSteps(asana, input.custom_field_id, steps);
      field = await asana.get<RawField>(path, { optFields: customFieldDefinitionFields });
    }
    const changed = [...Object.keys(definition), ...(steps.length > 0 ? [`${steps.length} option change${steps.length === 1 ? "" : "s"}`] : [])];
    return {
      status: {
        success: true,
        message:
          changed.length > 0 ? `custom field ${input.custom_field_id} updated: ${changed.join(", ")}` : "the field already looks like this; nothing changed",
      },
      custom_field: presentCustomField(field!),
    };
  },
});
