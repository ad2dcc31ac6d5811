import type { AsanaStore, StoredObject } from "./store.js";

/**
 * Custom fields (a premium feature). A definition lives in the store; a task carries its own copies
 * of the definitions with their values, as Asana returns them inside `task.custom_fields`.
 */
export function insertEnumField(store: AsanaStore, workspace: StoredObject, name: string, options: Array<{ name: string; color: string }>): StoredObject {
  const enumOptions = options.map((option) => ({ gid: store.newGid(), resource_type: "enum_option", name: option.name, enabled: true, color: option.color }));
  return store.insert({
    resource_type: "custom_field",
    name,
    resource_subtype: "enum",
    type: "enum",
    description: "",
    enum_options: enumOptions,
    enabled: true,
    is_global_to_workspace: true,
    workspace: workspace.gid,
  });
}

export function insertNumberField(store: AsanaStore, workspace: StoredObject, name: string, precision: number): StoredObject {
  return store.insert({
    resource_type: "custom_field",
    name,
    resource_subtype: "number",
    type: "number",
    description: "",
    precision,
    enabled: true,
    is_global_to_workspace: true,
    workspace: workspace.gid,
  });
}

/** The entry a task carries for `field`, set to `value` (an enum option's name, or a number). */
export function customFieldValue(field: StoredObject, value: string | number): Record<string, unknown> {
  const base = { gid: field.gid, resource_type: "custom_field", name: field.name, resource_subtype: field.resource_subtype, type: field.type, enabled: true };
  if (field.type === "enum") {
    const option = (field.enum_options as Array<{ gid: string; name: string }>).find((o) => o.name === value);
    if (!option) throw new Error(`no option ${String(value)} on ${String(field.name)}`);
    return { ...base, enum_value: option, display_value: option.name };
  }
  return { ...base, number_value: value, precision: field.precision, display_value: String(value) };
}
