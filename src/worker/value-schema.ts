/**
 * Arcade's ValueSchema (arcade_core/schema.py): a value's type, a list's element type, and the closed
 * list of values, if any. A list's enum sits on the list itself (`{val_type: "array",
 * inner_val_type: "string", enum}`), as arcade_core's catalog puts it for `list[SomeEnum]` and its
 * converters read it back onto the items.
 */
export interface WorkerValueSchema {
  val_type: "string" | "integer" | "number" | "boolean" | "json" | "array";
  /** Arcade's model has no list of lists: an element that is itself a list is `json`. */
  inner_val_type?: Exclude<WorkerValueSchema["val_type"], "array">;
  enum?: string[];
}

/** The parts of a JSON Schema (as zod writes it) that a ValueSchema or a description can use. */
export interface ParameterJsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  items?: ParameterJsonSchema;
  anyOf?: ParameterJsonSchema[];
  oneOf?: ParameterJsonSchema[];
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, ParameterJsonSchema>;
  required?: string[];
  additionalProperties?: boolean | ParameterJsonSchema;
}

/**
 * The schema of the value itself. An optional value may show as `anyOf: [value, {type: "null"}]` or
 * `type: [t, "null"]` (with null in its enum); null only says "not given", which an optional
 * parameter says already. A plain schema comes back as it is.
 */
export function valueBranch(schema: ParameterJsonSchema): ParameterJsonSchema {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (schema.type === undefined && alternatives) {
    const values = alternatives.filter((branch) => branch.type !== "null");
    // What zod writes beside the anyOf (`.describe()`, `.default()`) speaks for the value.
    const { anyOf: _anyOf, oneOf: _oneOf, ...outer } = schema;
    if (values.length === 1) return { ...valueBranch(values[0]!), ...outer };
    // A union of literals (`z.union([z.literal(1), z.literal(2)])`) is a closed list written long-hand.
    const types = new Set(values.map((branch) => branch.type));
    if (values.length > 0 && types.size === 1 && values.every((branch) => "const" in branch)) {
      return { type: values[0]!.type, enum: values.map((branch) => branch.const), ...outer };
    }
    return schema;
  }
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((type) => type !== "null");
    const enumValues = schema.enum?.filter((value) => value !== null);
    return { ...schema, type: types.length === 1 ? types[0]! : types, ...(enumValues ? { enum: enumValues } : {}) };
  }
  return schema;
}

function valTypeOf(schema: ParameterJsonSchema): WorkerValueSchema["val_type"] {
  const type = schema.type;
  if (type === "string" || type === "integer" || type === "number" || type === "boolean" || type === "array") return type;
  if (type === undefined && stringEnum(schema.enum)) return "string";
  return "json";
}

/** Arcade's enum is a list of strings; anything else (numbers, a mix) stays in the description. */
export function stringEnum(values: unknown[] | undefined): string[] | undefined {
  const present = values?.filter((value) => value !== null);
  return present && present.length > 0 && present.every((value) => typeof value === "string") ? (present as string[]) : undefined;
}

export function toValueSchema(schema: ParameterJsonSchema): WorkerValueSchema {
  const value = valueBranch(schema);
  const valType = valTypeOf(value);
  const result: WorkerValueSchema = { val_type: valType };
  const closed = valType === "array" ? (value.items ? valueBranch(value.items) : undefined) : value;
  if (valType === "array" && closed) {
    const inner = valTypeOf(closed);
    result.inner_val_type = inner === "array" ? "json" : inner;
  }
  const values = stringEnum(closed?.enum);
  if (values) result.enum = values;
  return result;
}
