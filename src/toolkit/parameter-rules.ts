import * as z from "zod";

/**
 * Rules a parameter's checks enforce that its JSON Schema does not show: an id is digits, a date is
 * YYYY-MM-DD, a name has at most 1024 characters. MCP's JSON Schema leaves them out on purpose (every
 * chat pays for schema bytes, and the error states the rule when it matters), but a front door whose
 * format has no schema to speak of (Arcade's definitions) writes them into the parameter's description.
 *
 * They live in their own zod registry, never in the global one, so no MCP listing changes.
 */
export type ParameterRule = { kind: "gid"; resource: string } | { kind: "date" } | { kind: "user" } | { kind: "text"; minLength: number; maxLength: number };

const parameterRules = z.registry<ParameterRule>();

/**
 * Words about a parameter that the MCP server's instructions say once for every tool (a workspace is
 * found when the user has one; a page token comes from the previous page; a page holds 1-100 items), or
 * that its name and its tool's description already make plain, so each MCP schema leaves them out. A front door without instructions (Arcade's definitions) puts them in
 * the parameter's description instead.
 */
const instructedNotes = z.registry<{ note: string }>();

/** Records words the instructions say for this parameter; returns the schema, for chaining. */
export function withInstructedNote<Schema extends z.ZodType>(schema: Schema, note: string): Schema {
  instructedNotes.add(schema, { note });
  return schema;
}

/** Records the rule a parameter builder's checks enforce; returns the schema, for chaining. */
export function withParameterRule<Schema extends z.ZodType>(schema: Schema, rule: ParameterRule): Schema {
  parameterRules.add(schema, rule);
  return schema;
}

type Def = { type?: string; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType; element?: z.ZodType; getter?: () => z.ZodType };

/**
 * The rule of a value, looking through what wraps it (optional, nullable, default, a pipe that
 * coerces what clients send first) but not into a list: `{ rule }` for the value itself and
 * `{ items }` for a list's elements; `note` is its instructed note, if it has one.
 */
export function parameterRuleOf(schema: z.ZodType): { rule?: ParameterRule; items?: ParameterRule; note?: string } {
  const note = noteOf(schema);
  const found = ruleOf(schema);
  return note === undefined ? found : { ...found, note };
}

/** The instructed note of a value, looking through the same wrappers as its rule. */
function noteOf(schema: z.ZodType): string | undefined {
  let current: z.ZodType | undefined = schema;
  for (let depth = 0; current && depth < 16; depth += 1) {
    const entry = instructedNotes.get(current);
    if (entry) return entry.note;
    const def = current._zod.def as Def;
    if (def.type === "array") return undefined;
    if (def.type === "pipe") {
      const input = def.in ? noteOf(def.in) : undefined;
      if (input !== undefined) return input;
      current = def.out;
      continue;
    }
    current = def.innerType ?? (def.type === "lazy" ? def.getter?.() : undefined);
  }
  return undefined;
}

function ruleOf(schema: z.ZodType): { rule?: ParameterRule; items?: ParameterRule } {
  let current: z.ZodType | undefined = schema;
  for (let depth = 0; current && depth < 16; depth += 1) {
    // A clone (`.describe()` makes one) finds its original's entry through its parent.
    const rule = parameterRules.get(current);
    if (rule) return { rule };
    const def = current._zod.def as Def;
    if (def.type === "array" && def.element) {
      const items = ruleOf(def.element).rule;
      return items ? { items } : {};
    }
    if (def.type === "pipe") {
      // What the caller sends is the pipe's input, unless that is only a transform (z.preprocess).
      const input = def.in ? ruleOf(def.in) : {};
      if (input.rule || input.items) return input;
      current = def.out;
      continue;
    }
    current = def.innerType ?? (def.type === "lazy" ? def.getter?.() : undefined);
  }
  return {};
}
