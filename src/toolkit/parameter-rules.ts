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

/** Records the rule a parameter builder's checks enforce; returns the schema, for chaining. */
export function withParameterRule<Schema extends z.ZodType>(schema: Schema, rule: ParameterRule): Schema {
  parameterRules.add(schema, rule);
  return schema;
}

type Def = { type?: string; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType; element?: z.ZodType; getter?: () => z.ZodType };

/**
 * The rule of a value, looking through what wraps it (optional, nullable, default, a pipe that
 * coerces what clients send first) but not into a list: `{ rule }` for the value itself and
 * `{ items }` for a list's elements.
 */
export function parameterRuleOf(schema: z.ZodType): { rule?: ParameterRule; items?: ParameterRule } {
  let current: z.ZodType | undefined = schema;
  for (let depth = 0; current && depth < 16; depth += 1) {
    // A clone (`.describe()` makes one) finds its original's entry through its parent.
    const rule = parameterRules.get(current);
    if (rule) return { rule };
    const def = current._zod.def as Def;
    if (def.type === "array" && def.element) {
      const items = parameterRuleOf(def.element).rule;
      return items ? { items } : {};
    }
    if (def.type === "pipe") {
      // What the caller sends is the pipe's input, unless that is only a transform (z.preprocess).
      const input = def.in ? parameterRuleOf(def.in) : {};
      if (input.rule || input.items) return input;
      current = def.out;
      continue;
    }
    current = def.innerType ?? (def.type === "lazy" ? def.getter?.() : undefined);
  }
  return {};
}
