import { fieldsOfProject, withProjectFields } from "../custom-fields.js";
import { badRequest, bodyData, data, mustGet, notFound, type EmulatorRequest, type EmulatorRoute } from "../http-kit.js";
import { requirePremium } from "../plans.js";
import { project } from "../projection.js";
import type { AsanaStore, StoredObject } from "../store.js";
import { tasksInProject } from "../task-placement.js";

/**
 * Writing custom field definitions (premium, like reading them): create and update a field, add,
 * edit and reorder an enum field's options, and put a field on a project or take it off.
 *
 * A task carries copies of its fields' definitions (see custom-fields.ts); Asana shows a renamed
 * field or option everywhere at once, so every change here is copied into the tasks that carry the field.
 */

const fieldTypes = new Set(["text", "enum", "multi_enum", "number", "date", "people"]);
const formats = new Set(["currency", "identifier", "percentage", "custom", "duration", "none"]);
/** EnumOption: "A custom field can have at most 500 enum options (including disabled options)." */
const maxEnumOptions = 500;

type EnumOption = { gid: string; resource_type: string; name: string; enabled: boolean; color: string };

function optionsOf(field: StoredObject): EnumOption[] {
  return (field.enum_options as EnumOption[] | undefined) ?? [];
}

function premiumField(request: EmulatorRequest, gid: string | undefined): StoredObject {
  const field = mustGet(request, gid, "custom_field", "custom_field");
  requirePremium(mustGet(request, String(field.workspace), "workspace", "workspace"), "Custom fields");
  return field;
}

/** CustomFieldResponse has no workspace; the emulator keeps one on the definition for its own lookups. */
function answerField(request: EmulatorRequest, field: StoredObject, status = 200) {
  const result = project(request.store, field, request.optFields);
  delete result.workspace;
  return data(result, status);
}

/**
 * createCustomField says "A custom field's name must be unique within a workspace" but not how Asana
 * answers a clash; the emulator does not refuse one (it checks only that there is a name), so a test
 * never rests on an error Asana was not seen to give.
 */
function checkName(name: unknown): string {
  if (typeof name !== "string" || name.trim() === "") throw badRequest("name: Missing input");
  return name;
}

/** The writable fields create and update share (CustomFieldRequest). */
function definitionChanges(fields: Record<string, unknown>, type: string): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if ("description" in fields) {
    if (typeof fields.description !== "string") throw badRequest("description: Must be a string.");
    changes.description = fields.description;
  }
  if ("precision" in fields) {
    const precision = fields.precision;
    if (type !== "number") throw badRequest("precision: Only number fields have a precision.");
    if (typeof precision !== "number" || !Number.isInteger(precision) || precision < 0 || precision > 6)
      throw badRequest("precision: Must be a whole number from 0 to 6.");
    changes.precision = precision;
  }
  if ("format" in fields) {
    if (typeof fields.format !== "string" || !formats.has(fields.format)) throw badRequest(`format: Invalid value: ${String(fields.format)}.`);
    changes.format = fields.format;
  }
  if ("currency_code" in fields) changes.currency_code = fields.currency_code;
  return changes;
}

function newOption(request: EmulatorRequest, fields: Record<string, unknown>, where: string): EnumOption {
  if (typeof fields.name !== "string" || fields.name.trim() === "") throw badRequest(`${where}name: Missing input`);
  if (fields.color !== undefined && typeof fields.color !== "string") throw badRequest(`${where}color: Must be a string.`);
  // EnumOption: "On creation of an enum option, enabled is always set to true"; color "Defaults to none".
  return { gid: request.store.newGid(), resource_type: "enum_option", name: fields.name, enabled: true, color: (fields.color as string | undefined) ?? "none" };
}

/**
 * Where an item goes among its siblings: before or after one of them (at most one of the two), else
 * at the end. `names` are the request's two field names, for the error.
 */
function placeAmong<T extends { gid: string }>(siblings: T[], moved: T, before: unknown, after: unknown, names: [string, string], siblingsAre: string): T[] {
  if (before !== undefined && after !== undefined) throw badRequest(`${names[0]}: Cannot be provided together with ${names[1]}.`);
  const anchorGid = before ?? after;
  const rest = siblings.filter((sibling) => sibling.gid !== moved.gid);
  if (anchorGid === undefined) return [...rest, moved];
  const index = rest.findIndex((sibling) => sibling.gid === anchorGid);
  if (index === -1) throw badRequest(`${before !== undefined ? names[0] : names[1]}: ${String(anchorGid)} is not another of the ${siblingsAre}.`);
  rest.splice(before !== undefined ? index : index + 1, 0, moved);
  return rest;
}

/** Copies the definition's name, precision and options into every task entry for the field, as Asana shows them. */
function refreshTaskEntries(store: AsanaStore, field: StoredObject): void {
  const options = optionsOf(field);
  const current = (option: { gid: string } | null | undefined) => (option ? options.find((o) => o.gid === option.gid) : undefined);
  for (const task of store.all("task", (t) => Array.isArray(t.custom_fields))) {
    for (const entry of task.custom_fields as Array<Record<string, unknown>>) {
      if (entry.gid !== field.gid) continue;
      entry.name = field.name;
      if (field.type === "number") entry.precision = field.precision;
      if (field.type !== "enum" && field.type !== "multi_enum") continue;
      entry.enum_options = structuredClone(options);
      if (field.type === "enum") {
        const chosen = current(entry.enum_value as { gid: string } | null);
        entry.enum_value = chosen ? structuredClone(chosen) : null;
        entry.display_value = chosen?.name ?? null;
      } else {
        const chosen = ((entry.multi_enum_values as Array<{ gid: string }> | undefined) ?? []).map(current).filter((o): o is EnumOption => o !== undefined);
        entry.multi_enum_values = structuredClone(chosen);
        entry.display_value = chosen.length > 0 ? chosen.map((o) => o.name).join(", ") : null;
      }
    }
  }
}

function createCustomField(request: EmulatorRequest) {
  const fields = bodyData(request);
  if (fields.workspace === undefined || fields.workspace === null) throw badRequest("workspace: Missing input");
  const workspace = mustGet(request, String(fields.workspace), "workspace", "workspace");
  requirePremium(workspace, "Custom fields");
  const type = fields.resource_subtype ?? fields.type;
  if (type === undefined) throw badRequest("resource_subtype: Missing input");
  if (typeof type !== "string" || !fieldTypes.has(type)) throw badRequest(`resource_subtype: Invalid value: ${String(type)}.`);
  const name = checkName(fields.name);
  const changes = definitionChanges(fields, type);
  let enumOptions: EnumOption[] | undefined;
  if (type === "enum" || type === "multi_enum") {
    const given = fields.enum_options ?? [];
    if (!Array.isArray(given)) throw badRequest("enum_options: Must be an array of options.");
    if (given.length > maxEnumOptions) throw badRequest(`enum_options: A custom field can have at most ${maxEnumOptions} enum options.`);
    enumOptions = given.map((option, index) => newOption(request, (option ?? {}) as Record<string, unknown>, `enum_options[${index}].`));
  } else if (fields.enum_options !== undefined) {
    throw badRequest("enum_options: Only enum and multi_enum fields have options.");
  }
  const field = request.store.insert({
    resource_type: "custom_field",
    name,
    resource_subtype: type,
    type,
    description: "",
    enabled: true,
    is_global_to_workspace: true,
    format: "none",
    created_by: request.me.gid,
    workspace: workspace.gid,
    ...(type === "number" ? { precision: 0 } : {}),
    ...(enumOptions ? { enum_options: enumOptions } : {}),
    ...changes,
  });
  return answerField(request, field, 201);
}

function updateCustomField(request: EmulatorRequest) {
  const field = premiumField(request, request.params.custom_field_gid);
  const fields = bodyData(request);
  const type = String(field.type);
  if ((fields.resource_subtype ?? fields.type) !== undefined && (fields.resource_subtype ?? fields.type) !== type)
    throw badRequest("resource_subtype: A custom field's type cannot be updated.");
  if (fields.enum_options !== undefined) throw badRequest("enum_options: Enum options cannot be updated with this endpoint; use the enum option endpoints.");
  if (fields.workspace !== undefined && fields.workspace !== field.workspace) throw badRequest("workspace: A custom field's workspace cannot be changed.");
  const changes = definitionChanges(fields, type);
  if ("name" in fields) changes.name = checkName(fields.name);
  Object.assign(field, changes);
  refreshTaskEntries(request.store, field);
  return answerField(request, field);
}

function enumField(request: EmulatorRequest): StoredObject {
  const field = premiumField(request, request.params.custom_field_gid);
  if (field.type !== "enum" && field.type !== "multi_enum")
    throw badRequest(`custom_field: ${field.gid} is a ${String(field.type)} field; only enum and multi_enum fields have options.`);
  return field;
}

function createEnumOption(request: EmulatorRequest) {
  const field = enumField(request);
  const fields = bodyData(request);
  const options = optionsOf(field);
  if (options.length >= maxEnumOptions)
    throw badRequest(`enum_option: A custom field can have at most ${maxEnumOptions} enum options, disabled ones included.`);
  const option = newOption(request, fields, "");
  field.enum_options = placeAmong(options, option, fields.insert_before, fields.insert_after, ["insert_before", "insert_after"], "field's enum options");
  refreshTaskEntries(request.store, field);
  return data(structuredClone(option), 201);
}

function reorderEnumOption(request: EmulatorRequest) {
  const field = enumField(request);
  const fields = bodyData(request);
  if (fields.enum_option === undefined || fields.enum_option === null) throw badRequest("enum_option: Missing input");
  const moved = optionsOf(field).find((option) => option.gid === fields.enum_option);
  if (!moved) throw badRequest(`enum_option: ${String(fields.enum_option)} is not an enum option of this custom field.`);
  if (fields.before_enum_option === undefined && fields.after_enum_option === undefined)
    throw badRequest("before_enum_option: Provide before_enum_option or after_enum_option.");
  field.enum_options = placeAmong(
    optionsOf(field),
    moved,
    fields.before_enum_option,
    fields.after_enum_option,
    ["before_enum_option", "after_enum_option"],
    "field's enum options",
  );
  refreshTaskEntries(request.store, field);
  return data(structuredClone(moved));
}

function updateEnumOption(request: EmulatorRequest) {
  const gid = request.params.enum_option_gid;
  if (!gid || !/^\d+$/.test(gid)) throw badRequest(`enum_option: Not a valid gid: ${gid ?? ""}`);
  const field = request.store.all("custom_field", (f) => optionsOf(f).some((option) => option.gid === gid))[0];
  if (!field) throw notFound(`enum_option: Unknown object: ${gid}`);
  requirePremium(mustGet(request, String(field.workspace), "workspace", "workspace"), "Custom fields");
  const fields = bodyData(request);
  const option = optionsOf(field).find((o) => o.gid === gid)!;
  const changes: Partial<EnumOption> = {};
  if ("name" in fields) {
    if (typeof fields.name !== "string" || fields.name.trim() === "") throw badRequest("name: Must be a non-empty string.");
    changes.name = fields.name;
  }
  if ("color" in fields) {
    if (typeof fields.color !== "string") throw badRequest("color: Must be a string.");
    changes.color = fields.color;
  }
  if ("enabled" in fields) {
    if (typeof fields.enabled !== "boolean") throw badRequest("enabled: Must be true or false.");
    // updateEnumOption: "Enum custom fields require at least one enabled enum option."
    if (!fields.enabled && field.type === "enum" && !optionsOf(field).some((o) => o.enabled && o.gid !== gid))
      throw badRequest("enabled: Enum custom fields require at least one enabled enum option.");
    changes.enabled = fields.enabled;
  }
  Object.assign(option, changes);
  refreshTaskEntries(request.store, field);
  return data(structuredClone(option));
}

function settingsOf(store: AsanaStore, owner: StoredObject): StoredObject[] {
  return ((owner.custom_field_settings as string[] | undefined) ?? [])
    .map((gid) => store.get(gid, "custom_field_setting"))
    .filter((setting): setting is StoredObject => setting !== undefined);
}

/**
 * addCustomFieldSettingForProject. A field already on the project is refused (the document says
 * nothing of it; a second setting for one field would make no sense); tasks of the project then
 * list the field, empty.
 */
function addSetting(request: EmulatorRequest) {
  const owner = mustGet(request, request.params.project_gid, "project", "project");
  const fields = bodyData(request);
  if (fields.custom_field === undefined || fields.custom_field === null) throw badRequest("custom_field: Missing input");
  const field = premiumField(request, String(fields.custom_field));
  if (field.workspace !== owner.workspace) throw badRequest(`custom_field: Custom field ${field.gid} is in another workspace than the project.`);
  const settings = settingsOf(request.store, owner);
  if (settings.some((setting) => setting.custom_field === field.gid))
    throw badRequest(`custom_field: Custom field ${field.gid} is already on project ${owner.gid}.`);
  if ("is_important" in fields && typeof fields.is_important !== "boolean") throw badRequest("is_important: Must be true or false.");
  // The place is checked before anything is stored, so a bad anchor leaves the project as it was.
  const gid = request.store.newGid();
  const order = placeAmong<{ gid: string }>(
    settings,
    { gid },
    fields.insert_before,
    fields.insert_after,
    ["insert_before", "insert_after"],
    "project's custom field settings",
  );
  const setting = request.store.insert({
    gid,
    resource_type: "custom_field_setting",
    custom_field: field.gid,
    project: owner.gid,
    parent: owner.gid,
    is_important: fields.is_important ?? false,
  });
  owner.custom_field_settings = order.map((s) => s.gid);
  for (const task of tasksInProject(request.store, owner)) {
    task.custom_fields = withProjectFields(request.store, owner, task.custom_fields as Array<Record<string, unknown>> | undefined);
  }
  return data(project(request.store, setting, request.optFields));
}

/** removeCustomFieldSettingForProject: a field that is not on the project is left as it is. */
function removeSetting(request: EmulatorRequest) {
  const owner = mustGet(request, request.params.project_gid, "project", "project");
  const fields = bodyData(request);
  if (fields.custom_field === undefined || fields.custom_field === null) throw badRequest("custom_field: Missing input");
  const field = premiumField(request, String(fields.custom_field));
  const setting = settingsOf(request.store, owner).find((s) => s.custom_field === field.gid);
  if (!setting) return data({});
  owner.custom_field_settings = ((owner.custom_field_settings as string[]) ?? []).filter((gid) => gid !== setting.gid);
  request.store.delete(setting.gid);
  // A task keeps the field only while another of its projects has it.
  for (const task of tasksInProject(request.store, owner)) {
    const elsewhere = ((task.projects as string[] | undefined) ?? []).some((gid) => {
      const other = gid === owner.gid ? undefined : request.store.get(gid, "project");
      return other !== undefined && fieldsOfProject(request.store, other).some((f) => f.gid === field.gid);
    });
    if (!elsewhere && Array.isArray(task.custom_fields))
      task.custom_fields = (task.custom_fields as Array<Record<string, unknown>>).filter((entry) => entry.gid !== field.gid);
  }
  return data({});
}

export const customFieldDefinitionRoutes: EmulatorRoute[] = [
  { method: "POST", path: "/custom_fields", handle: createCustomField },
  { method: "PUT", path: "/custom_fields/{custom_field_gid}", handle: updateCustomField },
  { method: "POST", path: "/custom_fields/{custom_field_gid}/enum_options", handle: createEnumOption },
  { method: "POST", path: "/custom_fields/{custom_field_gid}/enum_options/insert", handle: reorderEnumOption },
  { method: "PUT", path: "/enum_options/{enum_option_gid}", handle: updateEnumOption },
  { method: "POST", path: "/projects/{project_gid}/addCustomFieldSetting", handle: addSetting },
  { method: "POST", path: "/projects/{project_gid}/removeCustomFieldSetting", handle: removeSetting },
];
